/** Events of `<chime-rating>`. */

/** The reader rated (or, with `value` 0, removed their rating) and the server counted it. */
export class ChimeRateEvent extends Event {
  constructor(
    /** The reader's rating now, 0 when removed. */
    readonly value: number,
    /** The page's average after the server counted it. */
    readonly average: number,
    /** Number of ratings after the server counted it. */
    readonly count: number,
  ) {
    super('chime-rate', { bubbles: true, composed: true });
  }
}

declare global {
  interface HTMLElementEventMap {
    'chime-rate': ChimeRateEvent;
  }
}
