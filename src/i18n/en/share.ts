/** English: `<chime-share>`'s messages. */
import type { Messages } from '../../internal/i18n.js';

export default {
  'share.heading': 'Share this news',
  'share.on': 'Share on {network}',
  'share.email': 'Share by email',
  'share.emailLabel': 'Email',
  'share.copy': 'Copy link',
  'share.copied': 'Link copied',
  'share.copyFailed': 'Could not copy the link',
  'share.linkLabel': 'Link to this page',
  'share.native': 'Share…',
  'share.nativeFailed': 'Could not open the share dialog',
  'share.more': 'More share options',
  'share.moreLabel': 'More',
  'share.count': { one: '{count} share', other: '{count} shares' },
  'share.server': 'Your Mastodon server',
  'share.serverHint': 'For example mastodon.social',
  'share.serverInvalid': 'Enter a server name such as mastodon.social, without https:// or a path.',
  'share.serverShare': 'Share',
  'share.serverSave': 'Save',
  'share.serverChange': 'Change Mastodon server: {instance}',
} satisfies Messages;
