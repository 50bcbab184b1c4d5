/**
 * Share targets: each network's current (2026) share URL, its brand name and a tiny inline icon.
 * Pure string building: nothing here makes a request.
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

/** The default choice and order: the seed footer's nine. */
export const DEFAULT_NETWORKS: ShareNetwork[] = [
  'facebook',
  'x',
  'linkedin',
  'reddit',
  'whatsapp',
  'telegram',
  'bluesky',
  'mastodon',
  'email',
];

/** Brand names (not translated); `email` is translated by the element. */
export const NAMES: Record<ShareNetwork, string> = {
  facebook: 'Facebook',
  x: 'X',
  linkedin: 'LinkedIn',
  reddit: 'Reddit',
  whatsapp: 'WhatsApp',
  telegram: 'Telegram',
  bluesky: 'Bluesky',
  mastodon: 'Mastodon',
  email: 'Email',
  threads: 'Threads',
  pinterest: 'Pinterest',
  hackernews: 'Hacker News',
  xing: 'XING',
  vk: 'VK',
  line: 'LINE',
};

/** Parses a `networks` attribute (comma or space separated ids); unknown ids are dropped. */
export function parseNetworks(value: string | undefined | null): ShareNetwork[] {
  if (value == null) return DEFAULT_NETWORKS;
  const ids = value.toLowerCase().split(/[\s,]+/);
  return [...new Set(ids)].filter((id): id is ShareNetwork => Object.hasOwn(NAMES, id));
}

let segmenter: Intl.Segmenter | undefined;

/** User-perceived characters (what Bluesky and Mastodon count), code points where Intl.Segmenter is missing. */
export function graphemes(text: string): string[] {
  if (typeof Intl.Segmenter !== 'function') return Array.from(text);
  segmenter ??= new Intl.Segmenter();
  return Array.from(segmenter.segment(text), (s) => s.segment);
}

/** `text url` within `max` graphemes: the text is cut with an ellipsis, never the URL. */
export function fitText(text: string, url: string, max: number): string {
  const room = max - graphemes(url).length - 1;
  const chars = graphemes(text.trim());
  if (!chars.length || room < 2) return url;
  if (chars.length <= room) return `${chars.join('')} ${url}`;
  return `${chars
    .slice(0, room - 1)
    .join('')
    .trimEnd()}… ${url}`;
}

/** `base?k=v&…` with every value percent-encoded (spaces as %20, which mailto: needs too). */
function query(base: string, params: Record<string, string>): string {
  const pairs = Object.entries(params).filter(([, v]) => v);
  return `${base}?${pairs.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&')}`;
}

/**
 * The share link for a network. `instance` is the reader's Mastodon server (a validated host name).
 */
export function shareHref(network: ShareNetwork, { url, title, text }: ShareData, instance = 'mastodon.social'): string {
  const both = title ? `${title} ${url}` : url;
  switch (network) {
    case 'facebook':
      return query('https://www.facebook.com/sharer/sharer.php', { u: url });
    case 'x':
      return query('https://x.com/intent/tweet', { text: title, url });
    case 'linkedin':
      return query('https://www.linkedin.com/sharing/share-offsite/', { url });
    case 'reddit':
      return query('https://www.reddit.com/submit', { url, title });
    case 'whatsapp':
      return query('https://wa.me/', { text: both });
    case 'telegram':
      return query('https://t.me/share/url', { url, text: title });
    case 'bluesky':
      return query('https://bsky.app/intent/compose', { text: fitText(title, url, 300) });
    case 'mastodon':
      return query(`https://${instance}/share`, { text: fitText(title, url, 500) });
    case 'email':
      return query('mailto:', { subject: title, body: text ? `${text}\n\n${url}` : url });
    case 'threads':
      return query('https://www.threads.com/intent/post', { text: title, url });
    case 'pinterest':
      return query('https://www.pinterest.com/pin/create/button/', { url, description: title });
    case 'hackernews':
      return query('https://news.ycombinator.com/submitlink', { u: url, t: title });
    case 'xing':
      return query('https://www.xing.com/spi/shares/new', { url });
    case 'vk':
      return query('https://vk.com/share.php', { url, title });
    case 'line':
      return query('https://social-plugins.line.me/lineit/share', { url });
  }
}

/**
 * Adds UTM parameters from a `utm` attribute such as `source={network}&medium=social`: keys get
 * the `utm_` prefix unless they have it, `{network}` becomes the network id.
 */
export function withUtm(url: string, utm: string | undefined, network: string): string {
  if (!utm) return url;
  try {
    const target = new URL(url);
    for (const [key, value] of new URLSearchParams(utm)) {
      target.searchParams.set(key.startsWith('utm_') ? key : `utm_${key}`, value.replaceAll('{network}', network));
    }
    return target.href;
  } catch {
    return url;
  }
}

/**
 * A reader's Mastodon server as an ASCII host name (`mastodon.social`, IDN hosts punycoded), or
 * null: no scheme, path, port, credentials or IP address.
 */
export function parseInstance(input: string): string | null {
  const value = input.trim().replace(/\.$/, '');
  if (!value || /[\s/:@?#\\]/.test(value)) return null;
  let host: string;
  try {
    host = new URL(`https://${value}`).hostname;
  } catch {
    return null;
  }
  const label = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;
  const labels = host.split('.');
  const tld = labels[labels.length - 1] ?? '';
  if (
    host.length > 253 ||
    labels.length < 2 ||
    !labels.every((l) => label.test(l)) ||
    !/^(xn--[a-z0-9-]+|[a-z]{2,63})$/.test(tld)
  ) {
    return null;
  }
  return host;
}

/** 24×24 path data, filled with currentColor (even-odd). Small on purpose: they ship in the bundle. */
export const ICONS: Record<ShareNetwork | 'copy' | 'native' | 'more' | 'check', string> = {
  facebook: 'M13 22v-8h3l.5-4H13V8c0-1 .3-2 2-2h2V2.5a24 24 0 0 0-3-.2C11 2.3 9 4 9 7.4V10H6v4h3v8z',
  x: 'M3 3h5.5L21 21h-5.5zM4 21l7-8 1.3 1.6L6.5 21zM20 3l-6.7 7.7-1.3-1.6L17.5 3z',
  linkedin:
    'M3 9h4v12H3zM5 3a2 2 0 1 1 0 4 2 2 0 0 1 0-4zm4 6h4v2c.6-1.2 2-2.3 4-2.3 4 0 4 2.7 4 6V21h-4v-5.5c0-1.5 0-3-2-3s-2 1.4-2 3V21H9z',
  reddit:
    'M12 8c5 0 9 2.5 9 6.5S17 21 12 21s-9-2.5-9-6.5S7 8 12 8zm-3.5 5a1.5 1.5 0 1 0 0 3 1.5 1.5 0 0 0 0-3zm7 0a1.5 1.5 0 1 0 0 3 1.5 1.5 0 0 0 0-3zM11.3 8l1.5-5.5 4.4 1.2-.4 1.4-3-.8-1 3.7zM19 3a2 2 0 1 1 0 4 2 2 0 0 1 0-4z',
  whatsapp:
    'M12 2a10 10 0 0 0-8.6 15L2 22l5.2-1.4A10 10 0 1 0 12 2zm0 2a8 8 0 1 1-4.2 14.8l-.3-.2-3 .8.8-3-.2-.3A8 8 0 0 1 12 4zM9 7.5c-.5 0-1 .5-1 1.5 0 2.5 3 6 6.5 7 1 .2 2-.3 2-1.2v-1l-2-1-1 1c-1.2-.5-2.7-2-3.2-3.2l1-1-1-2z',
  telegram: 'M2 11.5 21 4l-3 16-6-4.5-3 3v-5l9-8-11 6.5z',
  bluesky:
    'M6 4c2.5 1.8 5 5.5 6 7.5 1-2 3.5-5.7 6-7.5 1.8-1.3 4-2 4 .6 0 .5-.3 4.3-.5 5-.6 2.3-3 2.9-5 2.5 3.6.6 4.5 2.6 2.5 4.7-3.8 3.9-5.4-1-5.8-2.2L12 12l-1.2 2.6c-.4 1.2-2 6.1-5.8 2.2-2-2.1-1.1-4.1 2.5-4.7-2 .4-4.4-.2-5-2.5C2.3 8.9 2 5.1 2 4.6 2 2 4.2 2.7 6 4z',
  mastodon:
    'M12 2c-2.6 0-5 .3-6.4 1C5.6 3 3 4 3 8v4c.1 4 .8 8 4.6 9 3.6 1 7.9.3 7.9.3v-1.9s-7.1 1.6-7.1-1.6c0 0 3.5.9 7.5.4 2.4-.3 4.4-1.7 4.7-3 .4-2 .4-4.2.4-5.2 0-4-2.6-5-2.6-5C17 2.3 14.6 2 12 2zM6.4 13H9V9c0-1.7 2.5-1.8 2.5.2V12h1V9.2c0-2 2.5-1.9 2.5-.2v4h2.6V8.8c0-3.4-4.3-3.5-5.1-.8l-.5.9-.5-.9c-.8-2.7-5.1-2.6-5.1.8z',
  email: 'M3 5h18a1 1 0 0 1 1 1v12a1 1 0 0 1-1 1H3a1 1 0 0 1-1-1V6a1 1 0 0 1 1-1zm1 3v9h16V8l-8 5z',
  threads:
    'M12 2a10 10 0 1 0 5.6 18.3l-1.1-1.7A8 8 0 1 1 20 12v1a2 2 0 0 1-4 0V8h-2v.8A4.5 4.5 0 1 0 14.7 15 4 4 0 0 0 22 13v-1A10 10 0 0 0 12 2zm0 7.5a2.5 2.5 0 1 1 0 5 2.5 2.5 0 0 1 0-5z',
  pinterest: 'M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20zm-2 4h3a4 4 0 0 1 0 8h-1l-1.5 5H8.5zm2 2-.8 4h1a2 2 0 0 0 0-4z',
  hackernews: 'M2 2h20v20H2zm5 4 4 7v5h2v-5l4-7h-2.2L12 11 9.2 6z',
  xing: 'M4 7h4l2 3.5L8 14H4l2-3.5zm11-5h4.2l-6 10.5 4 7.5H13l-4-7.5z',
  vk: 'M2 7h3.5c.3 4 2 6 3.5 6.5V7h3.3v3.5c1.4-.2 2.8-1.8 3.3-3.5h3.2c-.5 2.3-2.2 4-3.4 4.7 1.2.6 3.1 2 3.9 4.8h-3.5c-.7-2.1-2.3-3.5-3.5-3.6V17C7 17 2.3 13 2 7z',
  line: 'M12 3C6.5 3 2 6.6 2 11c0 4 3.5 7.3 8.3 7.9.8.2.6 1.2.4 2.1 2.4-1 7.3-4.3 9.3-7a7 7 0 0 0 2-4c0-4.4-4.5-8-10-8z',
  copy: 'M10.6 13.4a1 1 0 0 1 0-1.4l3.5-3.5a1 1 0 1 1 1.4 1.4L12 13.4a1 1 0 0 1-1.4 0zM9 17a2.8 2.8 0 0 1-4-4l2.5-2.5-1.4-1.4-2.5 2.5a4.8 4.8 0 0 0 6.8 6.8l2.5-2.5-1.4-1.4zm8.9-4.2 2.5-2.5a4.8 4.8 0 0 0-6.8-6.8L11.1 6l1.4 1.4L15 5a2.8 2.8 0 0 1 4 4l-2.5 2.5z',
  native: 'M12 2l5 5-1.4 1.4L13 5.8V15h-2V5.8L8.4 8.4 7 7zM4 13h2v7h12v-7h2v9H4z',
  more: 'M5 10a2 2 0 1 1 0 4 2 2 0 0 1 0-4zm7 0a2 2 0 1 1 0 4 2 2 0 0 1 0-4zm7 0a2 2 0 1 1 0 4 2 2 0 0 1 0-4z',
  check: 'M9 16.2 4.8 12l-1.4 1.4L9 19 21 7l-1.4-1.4z',
};
