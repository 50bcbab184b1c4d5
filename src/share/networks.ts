/**
 * Share targets: each network's current (2026) share URL, its brand name and a tiny inline icon,
 * as one table read by one URL builder. Pure string building: nothing here makes a request.
 */
import type { Network } from '../backend/validation.js';

/** Networks that are share links (copy link and native share are buttons of their own). */
export type ShareNetwork = Exclude<Network, 'copy' | 'native'>;

/** What is shared. */
export interface ShareData {
  url: string;
  title: string;
  text: string;
}

/**
 * `name|share URL|icon` per network, in the default order (the seed footer's nine first).
 * The URL has no scheme (https, except `mailto:`); `@` stands for the reader's Mastodon server.
 * Each query value names what it carries: `u` the URL, `t` the title, `e` the email body, a
 * digit `n` the title and URL within n×100 graphemes, `b` the title and URL in full.
 * Icons are 16×16 path data filled with currentColor (nonzero: holes wind the other way).
 */
const TABLE: Record<ShareNetwork, string> = {
  facebook: 'Facebook|www.facebook.com/sharer/sharer.php?u=u|M6 16V9H4V6h2V4q0-3 3-3h3v3h-2q-1 0-1 1v1h3l-.5 3H9v7z',
  x: 'X|x.com/intent/tweet?text=t&url=u|M1 1h4l10 14h-4zm0 14 6-7 1 1-5 6zM15 1 9 8 8 7l5-6z',
  linkedin:
    'LinkedIn|www.linkedin.com/sharing/share-offsite/?url=u|M1 6h3v9H1zm1.5-5a1 1 0 000 3 1 1 0 000-3M6 6h3v1q1-1 3-1 3 0 3 4v5h-3v-5q0-2-1.5-2T9 10v5H6z',
  reddit:
    'Reddit|www.reddit.com/submit?url=u&title=t|M8 5c4 0 7 2 7 5s-3 5-7 5-7-2-7-5 3-5 7-5M5 9v2h2V9zm4 0v2h2V9zM7 5l2-4 4 1-.5 1-3-.8L8 5zm6-4a1 1 0 000 3 1 1 0 000-3',
  whatsapp:
    'WhatsApp|wa.me/?text=b|M8 1a7 7 0 11-3.5 13L1 15l1-3.5A7 7 0 018 1m0 1.5a1 1 0 000 11 1 1 0 000-11M5 6q0-1 1-1h1l1 2-1 1q1 2 2 2l1-1 2 1v1q0 1-1 1-6 0-6-6',
  telegram: 'Telegram|t.me/share/url?url=u&text=t|M1 7l14-6-2 13-4-3-2 2V9l5-5-7 4z',
  bluesky:
    'Bluesky|bsky.app/intent/compose?text=3|M8 7C6 3 1 0 1 3s1 5 4 5c-4 1-2 5 0 5s3-3 3-5c0 2 1 5 3 5s4-4 0-5c3 0 4-2 4-5s-5 0-7 4',
  mastodon:
    'Mastodon|@/share?text=5|M2 4q0-3 6-3t6 3v5q0 3-5 3H7q0 2 4 1.5V15Q2 16 2 11zm3 6h1.5V7q0-1 .8-1T8 7v2h1V7q0-1 .8-1t.7 1v3H12V6.5Q12 4 10 4 9 4 8.5 5 8 4 6 4 5 4 5 6.5z',
  email: 'Email|mailto:?subject=t&body=e|M1 3h14v10H1zm1 2v7h12V5L8 9z',
  threads:
    'Threads|www.threads.com/intent/post?text=t&url=u|M8 1a7 7 0 104 12.7l-.8-1.4A5.4 5.4 0 1113.4 8v1a1 1 0 01-2.4 0V5H9.5v.5a3 3 0 101 4.5 1 1 0 004.4-1V8A7 7 0 008 1m0 5.5a1 1 0 000 3 1 1 0 000-3',
  pinterest:
    'Pinterest|www.pinterest.com/pin/create/button/?url=u&description=t|M8 1a1 1 0 000 14 1 1 0 000-14M5 3h4a1 1 0 010 7H7v4H5zm2 2v3h2a1 1 0 000-3z',
  hackernews: 'Hacker News|news.ycombinator.com/submitlink?u=u&t=t|M1 1h14v14H1zm4 3 2 4v4h2V8l2-4H9L8 6.5 7 4z',
  xing: 'XING|www.xing.com/spi/shares/new?url=u|M2 5h3l1.5 2.5L5 10H2l1.5-2.5zm8-4h3L9 8l2.5 5h-3L6 8z',
  vk: 'VK|vk.com/share.php?url=u&title=t|M1 4h2.5q.5 4 2.5 5V4h2v3q2-.5 2.5-3H13q-.5 2.5-2.5 3.5 2 1 3 3.5H11q-1-2-3-2.5V11H7Q1.5 11 1 4z',
  line: 'LINE|social-plugins.line.me/lineit/share?url=u|M8 2Q1 2 1 7t6 6q.5.5 0 2 5-2 7-5.5Q15 7 15 6.5 15 2 8 2',
};

/** The element's own icons (16×16, like the networks'). */
export const COPY_ICON =
  'M6 14l3-3a1 1 0 00-4-4l-3 3a1 1 0 004 4m-1-1a1 1 0 01-2-2l3-3a1 1 0 012 2zm5-4 3-3a1 1 0 00-4-4L6 5a1 1 0 004 4M9 8a1 1 0 01-2-2l3-3a1 1 0 012 2z';
export const NATIVE_ICON = 'M8 1l4 4-1 1-2-2v6H7V4L5 6 4 5zM2 8h2v5h8V8h2v7H2z';
export const MORE_ICON = 'M2 8a1 1 0 003 0 1 1 0 00-3 0m5 0a1 1 0 003 0 1 1 0 00-3 0m5 0a1 1 0 003 0 1 1 0 00-3 0';
export const CHECK_ICON = 'M6 11 2.5 7.5 1 9l5 5 9-9-1.5-1.5z';

/** A network's brand name (`email`'s is translated by the element), share URL template and icon. */
export const network = (id: ShareNetwork) => TABLE[id].split('|') as [name: string, link: string, icon: string];

/** Parses a `networks` attribute (comma or space separated ids); unknown ids are dropped. */
export function parseNetworks(value: string | undefined | null): ShareNetwork[] {
  const ids = Object.keys(TABLE) as ShareNetwork[];
  if (value == null) return ids.slice(0, 9);
  return [...new Set(value.toLowerCase().split(/[\s,]+/))].filter((id): id is ShareNetwork => ids.includes(id as ShareNetwork));
}

/** User-perceived characters (what Bluesky and Mastodon count), code points where Intl.Segmenter is missing. */
export const graphemes = (text: string) =>
  Intl.Segmenter ? Array.from(new Intl.Segmenter().segment(text), (s) => s.segment) : [...text];

/** `text url` within `max` graphemes: the text is cut with an ellipsis, never the URL. */
export function fitText(text: string, url: string, max: number): string {
  const room = max - graphemes(url).length - 1;
  const chars = graphemes(text.trim());
  if (!chars.length || room < 2) return url;
  return `${
    chars.length > room
      ? `${chars
          .slice(0, room - 1)
          .join('')
          .trimEnd()}…`
      : chars.join('')
  } ${url}`;
}

/**
 * The share link for a network: every value percent-encoded (spaces as %20, which mailto: needs
 * too), empty ones left out. `instance` is the reader's Mastodon server (a validated host name).
 */
export function shareHref(id: ShareNetwork, { url, title, text }: ShareData, instance?: string | null): string {
  const [base, query] = network(id)[1]
    .replace('@', instance || 'mastodon.social')
    .split('?') as [string, string];
  const value = (c: string) =>
    c == 'u' ? url : c == 't' ? title : c == 'e' ? (text ? `${text}\n\n${url}` : url) : fitText(title, url, +c * 100 || 1 / 0);
  const pairs = query.split('&').map((pair) => [pair.slice(0, -2), value(pair.slice(-1))]);
  return `${id == 'email' ? '' : 'https://'}${base}?${pairs
    .filter(([, v]) => v)
    .map(([k, v]) => k + '=' + encodeURIComponent(v!))
    .join('&')}`;
}

/**
 * A reader's Mastodon server as an ASCII host name (`mastodon.social`, IDN hosts punycoded), or
 * null: no scheme, path, port, credentials or IP address.
 */
export function parseInstance(input: string): string | null {
  const value = input.trim().replace(/\.$/, '');
  if (/[\s/:@?#\\]/.test(value)) return null;
  try {
    const host = new URL(`https://${value}`).hostname;
    // Labels of letters, digits and inner hyphens; a top-level domain of letters or punycode.
    return host.length < 254 && /^((?!-)[a-z\d-]{1,63}(?<!-)\.)+([a-z]{2,63}|xn--[a-z\d-]+)$/.test(host) ? host : null;
  } catch {
    return null;
  }
}
