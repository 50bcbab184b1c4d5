/** `chime/feedback`: registers `<chime-feedback>` (reader-selected passages come with `<chime-comments article>`). */
import { define } from '../internal/define.js';
import { ChimeFeedback } from './feedback.js';

export { ChimeFeedback };
export { ChimeInlineComposer } from './composer.js';
export { ChimeCommentEvent, ChimePassageEvent } from './events.js';

define('chime-feedback', ChimeFeedback);

declare global {
  interface HTMLElementTagNameMap {
    'chime-feedback': ChimeFeedback;
  }
}
