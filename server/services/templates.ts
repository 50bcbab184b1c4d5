/** The mails Chime sends: plain text, each with its unsubscribe link and List-Unsubscribe headers. */
import type { CommentWithStats, MailRow, SubscriptionRow } from '../storage/types.js';

const SCOPE_TEXT = {
  page: 'new comments on',
  replies: 'replies to your comments on',
  comment: 'replies to a comment on',
} as const;

function links(publicUrl: string, token: string) {
  const t = encodeURIComponent(token);
  return {
    confirm: `${publicUrl}/v1/subscriptions/confirm?token=${t}`,
    unsubscribe: `${publicUrl}/v1/subscriptions/unsubscribe?token=${t}`,
  };
}

function unsubscribeHeaders(url: string): Record<string, string> {
  // RFC 8058 one-click: mail clients POST to the URL.
  return { 'List-Unsubscribe': `<${url}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' };
}

export function confirmationMail(publicUrl: string, sub: SubscriptionRow, now: number): MailRow {
  const l = links(publicUrl, sub.token);
  return {
    to: sub.email,
    subject: `Confirm your subscription to ${sub.page}`,
    text: [
      `Someone (hopefully you) asked to be told about ${SCOPE_TEXT[sub.scope]} ${sub.page}.`,
      '',
      `To confirm, open: ${l.confirm}`,
      '',
      `If this was not you, ignore this mail; nothing will be sent. To say no for good: ${l.unsubscribe}`,
    ].join('\n'),
    headers: unsubscribeHeaders(l.unsubscribe),
    createdAt: now,
  };
}

export function notificationMail(publicUrl: string, sub: SubscriptionRow, c: CommentWithStats, now: number): MailRow {
  const l = links(publicUrl, sub.token);
  const excerpt = c.body.length > 1000 ? `${c.body.slice(0, 1000)}…` : c.body;
  return {
    to: sub.email,
    subject: c.parentId ? `${c.name} replied on ${c.page}` : `${c.name} commented on ${c.page}`,
    text: [
      `${c.name} wrote on ${c.page}:`,
      '',
      excerpt,
      '',
      `You get this because you asked for ${SCOPE_TEXT[sub.scope]} ${c.page}.`,
      `Unsubscribe: ${l.unsubscribe}`,
    ].join('\n'),
    headers: unsubscribeHeaders(l.unsubscribe),
    createdAt: now,
  };
}
