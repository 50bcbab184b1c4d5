/**
 * `chime.js`, the script-tag build: registers every element. Settings come from the script tag's
 * `data-*` attributes, and with none the backend is the origin that served this file.
 */
import { registerScript } from './internal/config.js';

registerScript(import.meta.url);

export { configure, type ChimeConfig } from './internal/config.js';
