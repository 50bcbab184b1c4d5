/** English: `<chime-rating>`'s messages. */
import type { Messages } from '../../internal/i18n.js';

export default {
  'rating.label': 'Article Rating',
  'rating.votes': { one: '{count} vote', other: '{count} votes' },
  'rating.group': 'Rate this article',
  'rating.star': { one: '{count} star', other: '{count} stars' },
  'rating.mine': { one: 'Your rating: {count} star', other: 'Your rating: {count} stars' },
  'rating.remove': 'Remove my rating',
  'rating.removed': 'Your rating was removed.',
  'rating.summary': 'Rated {average} out of {max}, {votes}',
  'rating.failed': 'Your rating was not saved.',
  'rating.removeFailed': 'Your rating was not removed.',
} satisfies Messages;
