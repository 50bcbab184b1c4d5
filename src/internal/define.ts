/** Registers a custom element once; loading Chime twice (script tag beside an npm import) must not throw. */
export function define(tag: string, element: CustomElementConstructor): void {
  if (!customElements.get(tag)) customElements.define(tag, element);
}
