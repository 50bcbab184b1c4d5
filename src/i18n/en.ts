/** English messages: the reference every other locale must match key for key. */
import type { Messages } from '../internal/i18n.js';

const en = {
  // common
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
  // share — keys start with "share."
  // rating — keys start with "rating."
  // comments — keys start with "comments."
  // count — keys start with "count."
  // feedback — keys start with "feedback."
  'feedback.marker': 'Give feedback on this passage',
  'feedback.responses': { one: '{count} response', other: '{count} responses' },
  'feedback.latest': 'Latest responses',
  'feedback.none': 'No responses yet. Be the first.',
  'feedback.viewAll': 'View all comments',
  'feedback.quoted': 'Quoted passage',
  'feedback.body': 'Join the discussion',
  'feedback.name': 'Name',
  'feedback.email': 'Email',
  'feedback.post': 'Post Comment',
  'feedback.posting': 'Posting…',
  'feedback.posted': 'Your comment was posted.',
  'feedback.pending': 'Your comment was received and awaits moderation.',
  'feedback.error.body': 'Please write a comment.',
  'feedback.error.bodyLong': 'Comments are limited to {max} characters.',
  'feedback.error.links': 'Comments may contain at most {max} links.',
  'feedback.error.name': 'Please enter your name.',
  'feedback.error.nameLong': 'Names are limited to {max} characters.',
  'feedback.error.email': 'Please enter a valid email address.',
  'feedback.commentOn': 'Comment on this passage',
  'feedback.selected': 'Text selected. Press Tab to comment on this passage.',
  'feedback.showComments': { one: 'Show the comment on this passage', other: 'Show the {count} comments on this passage' },
  'feedback.dialog': 'Comment on the selected passage',
  'feedback.changed': 'The passage was changed',
  'feedback.showPassage': 'Show passage',
  // footer — keys start with "footer."
} satisfies Messages;

export default en;
