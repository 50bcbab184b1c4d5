/** `chime/count`: registers `<chime-count>`. */
import { define } from '../internal/define.js';
import { ChimeCount } from './count.js';

export { ChimeCount };

define('chime-count', ChimeCount);

declare global {
  interface HTMLElementTagNameMap {
    'chime-count': ChimeCount;
  }
}
