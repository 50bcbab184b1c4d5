/**
 * `chime.js`, the script-tag build: registers every element. Settings come from the script tag's
 * `data-*` attributes, and with none the backend is the origin that served this file.
 */
// Must stay the first import: see the file.
import './internal/register-script.js';
import './share/define.js';
import './footer/define.js';
import './comments/define.js';
import './count/define.js';
import './feedback/define.js';
import { autoInsertFooter } from './footer/auto.js';

autoInsertFooter();

export { configure, type ChimeConfig } from './internal/config.js';
