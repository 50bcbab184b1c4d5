/**
 * The first import of `chime.js`: records the script's own URL before any element is defined, so
 * elements already in the page, upgraded synchronously by `customElements.define`, find the
 * script tag's `data-*` settings and origin. (In `chime.js`'s body it would run after the
 * element modules.) Bundled into `chime.js`, `import.meta.url` is that file's URL.
 */
import { registerScript } from './config.js';

registerScript(import.meta.url);
