/** `chime/feedback`: registers `<chime-feedback>`; also exports the passage tools `<chime-comments>` wires in. */
import { define } from '../internal/define.js';
import { ChimeFeedback } from './feedback.js';

export { ChimeFeedback };
export { ChimeInlineComposer } from './composer.js';
export { ChimeCommentEvent, ChimePassageEvent } from './events.js';

define('chime-feedback', ChimeFeedback);
