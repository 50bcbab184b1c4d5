/** English: `<chime-count>`'s messages. */
import type { Messages } from '../../internal/i18n.js';

export default {
  'count.comments': { one: '{count} Comment', other: '{count} Comments' },
} satisfies Messages;
