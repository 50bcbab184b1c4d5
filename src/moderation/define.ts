/** `chime/moderation`: registers `<chime-moderation>`, the moderation console (not part of chime.js). */
import { define } from '../internal/define.js';
import { ChimeModeration } from './moderation.js';

export { ChimeModeration };
export { ChimeModerationEvent } from './events.js';

define('chime-moderation', ChimeModeration);

declare global {
  interface HTMLElementTagNameMap {
    'chime-moderation': ChimeModeration;
  }
}
