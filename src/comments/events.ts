/** Events `<chime-comments>` fires. */
import type { Comment } from '../backend/contract.js';

/** After the backend acknowledged a comment the reader posted (also replies). */
export class ChimeCommentEvent extends Event {
  constructor(readonly comment: Comment) {
    super('chime-comment', { bubbles: true, composed: true });
  }
}

declare global {
  interface HTMLElementEventMap {
    'chime-comment': ChimeCommentEvent;
  }
}
