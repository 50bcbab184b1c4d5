/**
 * Events `<chime-comments>` fires. `chime-comment` is the same event class as `chime/feedback`'s,
 * so `instanceof` holds whichever element posted the comment.
 */
import { ChimeCommentEvent } from '../feedback/events.js';

export { ChimeCommentEvent };

declare global {
  interface HTMLElementEventMap {
    'chime-comment': ChimeCommentEvent;
  }
}
