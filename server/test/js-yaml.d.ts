/** The one function the OpenAPI test uses from js-yaml (installed with eslint; it ships no types). */
declare module 'js-yaml' {
  export function load(text: string): unknown;
  const yaml: { load: typeof load };
  export default yaml;
}
