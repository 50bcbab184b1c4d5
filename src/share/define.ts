/** `chime/share`: registers `<chime-share>`. */
import { define } from '../internal/define.js';
import { ChimeShare } from './share.js';

export { ChimeShare, MASTODON_KEY } from './share.js';
export { ChimeShareEvent } from './events.js';
export type { ShareData, ShareNetwork } from './networks.js';

define('chime-share', ChimeShare);

declare global {
  interface HTMLElementTagNameMap {
    'chime-share': ChimeShare;
  }
}
