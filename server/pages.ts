/** The small HTML pages subscribers reach from their mails. No scripts, no inline styles. */
const escape = (s: string) =>
  s.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);

export function subscriptionPage(
  state: 'confirmed' | 'unsubscribed' | 'ask' | 'unknown',
  page: string | null,
  token: string,
): string {
  const where = page ? ` to ${escape(page)}` : '';
  const content = {
    confirmed: `<h1>Subscription confirmed</h1><p>You will get mails about new comments${where}. Each mail has a link to stop them.</p>`,
    unsubscribed: `<h1>Unsubscribed</h1><p>You will get no more mails about this subscription${where}.</p>`,
    ask: `<h1>Unsubscribe?</h1><form method="post" action="?token=${escape(encodeURIComponent(token))}"><button type="submit">Stop these mails</button></form>`,
    unknown: `<h1>Link not valid</h1><p>This link is unknown or has expired.</p>`,
  }[state];
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Chime subscription</title></head><body><main>${content}</main></body></html>`;
}
