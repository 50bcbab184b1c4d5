/** Events `<chime-moderation>` fires. */

/** After a moderator's action succeeded: `approve`, `reject`, `spam`, `delete`, `ban`, `page` or `undo`. */
export class ChimeModerationEvent extends Event {
  constructor(
    readonly action: string,
    /** The comments acted on (empty for `page` and `undo`). */
    readonly ids: string[],
  ) {
    super('chime-moderation', { bubbles: true, composed: true });
  }
}

declare global {
  interface HTMLElementEventMap {
    'chime-moderation': ChimeModerationEvent;
  }
}
