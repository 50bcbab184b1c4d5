/**
 * `chime/footer`: registers `<chime-footer>` and the pieces it shows (`<chime-share>`,
 * `<chime-rating>`, `<chime-comments>`; the comment thread's code still loads lazily).
 */
import '../share/define.js';
import '../rating/define.js';
import '../comments/define.js';
import { define } from '../internal/define.js';
import { ChimeFooter } from './footer.js';

export { ChimeFooter };
// One configuration for every element of the npm build (they share one config module).
export { configure, type ChimeConfig } from '../internal/config.js';

define('chime-footer', ChimeFooter);

declare global {
  interface HTMLElementTagNameMap {
    'chime-footer': ChimeFooter;
  }
}
