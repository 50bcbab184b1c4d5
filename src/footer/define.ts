/** `chime/footer`: registers `<chime-footer>`. */
import { define } from '../internal/define.js';
import { ChimeFooter } from './footer.js';

export { ChimeFooter };

define('chime-footer', ChimeFooter);

declare global {
  interface HTMLElementTagNameMap {
    'chime-footer': ChimeFooter;
  }
}
