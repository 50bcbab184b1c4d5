/** English: messages several elements use: common actions, the error box, the moderation badge. */
import type { Messages } from '../../internal/i18n.js';

export default {
  'common.retry': 'Try again',
  'common.loading': 'Loading…',
  'common.close': 'Close',
  'common.cancel': 'Cancel',
  'error.no_backend': 'Comments and ratings are unavailable: no Chime server is configured for this page.',
  'error.network': 'The comment server could not be reached. Check your connection and try again.',
  'error.timeout': 'The comment server took too long to answer. Please try again.',
  'error.rate_limited': 'You are doing that too often. Please wait a moment and try again.',
  'error.closed': 'This is closed for new contributions.',
  'error.banned': 'You can no longer take part in this discussion.',
  'error.forbidden': 'You are not allowed to do that.',
  'error.not_found': 'This no longer exists.',
  'error.too_large': 'That is too long.',
  'error.validation': 'Please check the highlighted fields.',
  'error.internal': 'Something went wrong on the comment server. Please try again.',
  'error.bad_response': 'The comment server sent an answer Chime does not understand. Please try again.',
  // The "Awaiting moderation" badge of both the comment thread and inline feedback.
  'comments.pending': 'Awaiting moderation',
  // Both the thread (under Inline Feedbacks) and the passage controller say these.
  'feedback.changed': 'The passage was changed',
  'feedback.showPassage': 'Show passage',
} satisfies Messages;
