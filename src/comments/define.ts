/** `chime/comments`: registers `<chime-comments>`. */
import { define } from '../internal/define.js';
import { ChimeComments } from './comments.js';

export { ChimeComments };
export { ChimeCommentEvent } from './events.js';

define('chime-comments', ChimeComments);

declare global {
  interface HTMLElementTagNameMap {
    'chime-comments': ChimeComments;
  }
}
