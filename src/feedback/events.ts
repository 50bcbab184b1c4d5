/** Events of the inline-feedback elements; all bubble and cross shadow roots. */
import type { Comment } from '../backend/contract.js';

/** `chime-comment`: a reader posted a comment (here: an inline one, `comment.anchor` is set). */
export class ChimeCommentEvent extends Event {
  constructor(readonly comment: Comment) {
    super('chime-comment', { bubbles: true, composed: true });
  }
}

/**
 * `chime-passage`: a reader activated a commented passage in the article; whoever lists the
 * comments (the `<chime-comments>` thread) shows them. Cancel it to handle it yourself.
 */
export class ChimePassageEvent extends Event {
  constructor(readonly commentIds: string[]) {
    super('chime-passage', { bubbles: true, composed: true, cancelable: true });
  }
}
