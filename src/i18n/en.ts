/**
 * English messages: the reference every other locale must match key for key. Each element ships
 * only its own part (`src/i18n/en/`), so an element's entry does not carry the others' texts.
 */
import type { Messages } from '../internal/i18n.js';
import comments from './en/comments.js';
import common from './en/common.js';
import count from './en/count.js';
import feedback from './en/feedback.js';
import rating from './en/rating.js';
import share from './en/share.js';

const en = { ...common, ...share, ...rating, ...comments, ...count, ...feedback } satisfies Messages;

export default en;
