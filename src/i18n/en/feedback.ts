/** English: `<chime-feedback>`'s messages. */
import type { Messages } from '../../internal/i18n.js';

export default {
  'feedback.marker': 'Give feedback on this passage',
  'feedback.responses': { one: '{count} response', other: '{count} responses' },
  'feedback.latest': 'Latest responses',
  'feedback.none': 'No responses yet. Be the first.',
  'feedback.viewAll': 'View all comments',
  'feedback.quoted': 'Quoted passage',
  'feedback.compose': 'Join the discussion',
  'feedback.name': 'Name',
  'feedback.email': 'Email',
  'feedback.post': 'Post Comment',
  'feedback.posting': 'Posting…',
  'feedback.posted': 'Your comment was posted.',
  'feedback.posted.pending': 'Your comment was received and awaits moderation.',
  'feedback.body.required': 'Please write a comment.',
  'feedback.body.long': 'Comments are limited to {max} characters.',
  'feedback.body.links': 'Comments may contain at most {max} links.',
  'feedback.name.required': 'Please enter your name.',
  'feedback.name.long': 'Names are limited to {max} characters.',
  'feedback.email.invalid': 'Please enter a valid email address.',
  'feedback.commentOn': 'Comment on this passage',
  'feedback.selected': 'Text selected. Press Tab to comment on this passage.',
  'feedback.showComments': { one: 'Show the comment on this passage', other: 'Show the {count} comments on this passage' },
  'feedback.dialog': 'Comment on the selected passage',
} satisfies Messages;
