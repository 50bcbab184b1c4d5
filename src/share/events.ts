/** Events `<chime-share>` fires. */

/**
 * A reader is about to share: `network` is the network id (`copy` for "Copy link", `native` for
 * the device's share sheet), `url` the URL being shared. Cancelable: `preventDefault()` stops
 * the navigation, copy or share sheet (and the share is not recorded).
 */
export class ChimeShareEvent extends Event {
  constructor(
    readonly network: string,
    readonly url: string,
  ) {
    super('chime-share', { bubbles: true, composed: true, cancelable: true });
  }
}

declare global {
  interface HTMLElementEventMap {
    'chime-share': ChimeShareEvent;
  }
}
