/** `chime/rating`: registers `<chime-rating>`. */
import { define } from '../internal/define.js';
import { ChimeRating } from './rating.js';

define('chime-rating', ChimeRating);

export { ChimeRating };
export { ChimeRateEvent } from './events.js';

declare global {
  interface HTMLElementTagNameMap {
    'chime-rating': ChimeRating;
  }
}
