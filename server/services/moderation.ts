/**
 * The moderators' live channel: the service appends a notice to this reserved feed when a
 * comment waits for approval, is reported, or a moderator acts; open consoles listen to it on
 * `/v1/moderation/events`. Notices carry ids only, never names, emails or bodies.
 */
export const MODERATION_CHANNEL = '~moderation';

export interface ModerationNotice {
  type: 'moderation';
  /** `pending`: a held comment arrived; `reported`: a report; `action`: a moderator acted. */
  kind: 'pending' | 'reported' | 'action';
  commentId?: string;
  /** For `action`: the audit action (`status:spam`, `ban`, `page`, …) and its target. */
  action?: string;
  target?: string;
}
