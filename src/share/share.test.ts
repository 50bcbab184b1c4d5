import { expect, html } from '@open-wc/testing';
import {
  accessibleName,
  allByRole,
  announced,
  byRole,
  cleanup,
  controllableBackend,
  expectAccessible,
  focused,
  localBackend,
  mount,
  press,
  queryByRole,
  settle,
  textOf,
  type,
  useBackend,
} from '../../test/harness.js';
import { loadLocale } from '../internal/i18n.js';
import './define.js';
import type { ChimeShareEvent } from './events.js';
import { graphemes } from './networks.js';
import { MASTODON_KEY, type ChimeShare } from './share.js';

const TRICKY_URL = 'https://news.example/welt/Größe & Maß?a=1&b=two words#teil 2';
const TRICKY_TITLE = 'Ärger & Co: #1 "News" für 100% — 東京 🎉';

/** Replaces a navigator member for one test; the returned function restores it. */
function stubNavigator(name: 'clipboard' | 'share' | 'canShare', value: unknown): () => void {
  Object.defineProperty(navigator, name, { value, configurable: true, writable: true });
  return () => delete (navigator as unknown as Record<string, unknown>)[name];
}

const restores: (() => void)[] = [];
const stub = (fn: () => void) => restores.push(fn);

/** Keeps share links from opening tabs while letting `chime-share` and recording run. */
function blockNavigation(): void {
  const block = (e: Event) => e.preventDefault();
  document.addEventListener('click', block);
  document.addEventListener('auxclick', block);
  stub(() => {
    document.removeEventListener('click', block);
    document.removeEventListener('auxclick', block);
  });
}

function stubWindowOpen(): unknown[][] {
  const calls: unknown[][] = [];
  const original = window.open;
  window.open = (...args: unknown[]) => {
    calls.push(args);
    return null;
  };
  stub(() => (window.open = original));
  return calls;
}

function shareEvents(): ChimeShareEvent[] {
  const events: ChimeShareEvent[] = [];
  const listener = ((e: ChimeShareEvent) => void events.push(e)) as EventListener;
  document.addEventListener('chime-share', listener);
  stub(() => document.removeEventListener('chime-share', listener));
  return events;
}

/** The query parameters of a share link (mailto: included). */
function params(href: string): URLSearchParams {
  return new URLSearchParams(href.slice(href.indexOf('?') + 1));
}

const hrefOf = (el: Element, name: string) => byRole(el, 'link', name).getAttribute('href')!;

describe('<chime-share>', () => {
  beforeEach(() => {
    localStorage.removeItem(MASTODON_KEY);
    // Headless Chromium on Linux may or may not have the Web Share API: start without it.
    stub(stubNavigator('share', undefined));
  });

  afterEach(() => {
    restores
      .splice(0)
      .reverse()
      .forEach((restore) => restore());
    localStorage.removeItem(MASTODON_KEY);
    cleanup();
  });

  it('shows the heading, the first six networks, "More share options" and "Copy link"', async () => {
    const el = await mount<ChimeShare>(html`<chime-share url="https://news.example/a" title="A"></chime-share>`);
    await expectAccessible(el);
    expect(byRole(el, 'heading', 'Share this news').tagName).to.equal('H2');
    expect(allByRole(el, 'link').map(accessibleName)).to.deep.equal([
      'Share on Facebook',
      'Share on X',
      'Share on LinkedIn',
      'Share on Reddit',
      'Share on WhatsApp',
      'Share on Telegram',
    ]);
    for (const link of allByRole(el, 'link')) {
      expect(link.getAttribute('target')).to.equal('_blank');
      expect(link.getAttribute('rel')).to.equal('noopener noreferrer');
    }
    const more = byRole(el, 'button', 'More share options');
    expect(more.getAttribute('aria-haspopup')).to.equal('menu');
    expect(more.getAttribute('aria-expanded')).to.equal('false');
    byRole(el, 'button', 'Copy link');
    expect(queryByRole(el, 'button', 'Share…')).to.equal(null);
    expect(textOf(el)).not.to.match(/pocket/i);
  });

  it('keeps every control at least 24×24 CSS px, icons inline and hidden from assistive tech', async () => {
    const el = await mount<ChimeShare>(html`<chime-share url="https://news.example/a"></chime-share>`);
    const controls = [...allByRole(el, 'link'), ...allByRole(el, 'button')];
    expect(controls.length).to.equal(8);
    for (const control of controls) {
      const { width, height } = control.getBoundingClientRect();
      expect(width, accessibleName(control)).to.be.at.least(24);
      expect(height, accessibleName(control)).to.be.at.least(24);
      const svg = control.querySelector('svg')!;
      expect(svg.getAttribute('aria-hidden')).to.equal('true');
      expect(svg.querySelector('path')!.getAttribute('d')!.length).to.be.below(500);
    }
  });

  it('builds every network link with the URL and title correctly encoded', async () => {
    localStorage.setItem(MASTODON_KEY, 'social.example');
    const el = await mount<ChimeShare>(
      html`<chime-share
        url=${TRICKY_URL}
        title=${TRICKY_TITLE}
        text=${'Kurz & knapp'}
        max-visible="20"
        networks="facebook x linkedin reddit whatsapp telegram bluesky mastodon email threads pinterest hackernews xing vk line"
      ></chime-share>`,
    );
    const url = new URL(TRICKY_URL).href;
    expect(url).to.contain('Gr%C3%B6%C3%9Fe%20&%20Ma%C3%9F').and.to.contain('#teil%202');
    const expected: Record<string, [string, Record<string, string>]> = {
      'Share on Facebook': ['https://www.facebook.com/sharer/sharer.php', { u: url }],
      'Share on X': ['https://x.com/intent/tweet', { text: TRICKY_TITLE, url }],
      'Share on LinkedIn': ['https://www.linkedin.com/sharing/share-offsite/', { url }],
      'Share on Reddit': ['https://www.reddit.com/submit', { url, title: TRICKY_TITLE }],
      'Share on WhatsApp': ['https://wa.me/', { text: `${TRICKY_TITLE} ${url}` }],
      'Share on Telegram': ['https://t.me/share/url', { url, text: TRICKY_TITLE }],
      'Share on Bluesky': ['https://bsky.app/intent/compose', { text: `${TRICKY_TITLE} ${url}` }],
      'Share on Mastodon': ['https://social.example/share', { text: `${TRICKY_TITLE} ${url}` }],
      'Share by email': ['mailto:', { subject: TRICKY_TITLE, body: `Kurz & knapp\n\n${url}` }],
      'Share on Threads': ['https://www.threads.com/intent/post', { text: TRICKY_TITLE, url }],
      'Share on Pinterest': ['https://www.pinterest.com/pin/create/button/', { url, description: TRICKY_TITLE }],
      'Share on Hacker News': ['https://news.ycombinator.com/submitlink', { u: url, t: TRICKY_TITLE }],
      'Share on XING': ['https://www.xing.com/spi/shares/new', { url }],
      'Share on VK': ['https://vk.com/share.php', { url, title: TRICKY_TITLE }],
      'Share on LINE': ['https://social-plugins.line.me/lineit/share', { url }],
    };
    expect(allByRole(el, 'link').map(accessibleName)).to.deep.equal(Object.keys(expected));
    for (const [name, [base, values]] of Object.entries(expected)) {
      const href = hrefOf(el, name);
      expect(href.slice(0, href.indexOf('?')), name).to.equal(base);
      // Nothing that would end or split the query is left raw; spaces are %20 (mailto: needs it).
      expect(href.slice(href.indexOf('?') + 1), name).not.to.match(/[\s#+"]|[^\x20-\x7e]/);
      const got = params(href);
      expect([...got.keys()], name).to.deep.equal(Object.keys(values));
      for (const [key, value] of Object.entries(values)) expect(got.get(key), `${name} ${key}`).to.equal(value);
    }
    await expectAccessible(el);
  });

  it('cuts the Bluesky text to fit 300 characters, never the URL', async () => {
    const title = `${'Ünïcödé 👩‍👩‍👧 news '.repeat(30)}end`;
    const el = await mount<ChimeShare>(html`<chime-share url=${TRICKY_URL} title=${title} networks="bluesky"></chime-share>`);
    const text = params(hrefOf(el, 'Share on Bluesky')).get('text')!;
    const url = new URL(TRICKY_URL).href;
    expect(graphemes(text).length).to.be.at.most(300);
    expect(graphemes(text).length).to.be.above(290);
    expect(text.endsWith(`… ${url}`)).to.equal(true);
    expect(title.startsWith(text.slice(0, text.indexOf('…')))).to.equal(true);
    // A family emoji is one grapheme: it is kept whole or dropped, never split.
    expect(text).not.to.match(/\u200d…/);
  });

  it('takes the shared URL, title and text from the page when not given', async () => {
    const canonical = Object.assign(document.createElement('link'), { rel: 'canonical', href: '/story?id=7' });
    const ogTitle = document.createElement('meta');
    ogTitle.setAttribute('property', 'og:title');
    ogTitle.content = 'OG title';
    const ogDescription = document.createElement('meta');
    ogDescription.setAttribute('property', 'og:description');
    ogDescription.content = 'OG description';
    document.head.append(canonical, ogTitle, ogDescription);
    const title = document.title;
    document.title = 'Document title';
    stub(() => {
      [canonical, ogTitle, ogDescription].forEach((n) => n.remove());
      document.title = title;
    });
    const el = await mount<ChimeShare>(html`<chime-share networks="reddit email"></chime-share>`);
    const reddit = params(hrefOf(el, 'Share on Reddit'));
    expect(reddit.get('url')).to.equal(new URL('/story?id=7', location.href).href);
    expect(reddit.get('title')).to.equal('OG title');
    expect(params(hrefOf(el, 'Share by email')).get('body')).to.equal(
      `OG description\n\n${new URL('/story?id=7', location.href).href}`,
    );
    canonical.remove();
    ogTitle.remove();
    el.requestUpdate();
    await settle(el);
    const fallback = params(hrefOf(el, 'Share on Reddit'));
    expect(fallback.get('url')).to.equal(location.href.replace(/#.*$/, ''));
    expect(fallback.get('title')).to.equal('Document title');
  });

  it('picks and orders networks with `networks`, ignoring unknown and retired ones', async () => {
    const el = await mount<ChimeShare>(
      html`<chime-share url="https://n.example/" networks="bluesky, X  threads,pocket email"></chime-share>`,
    );
    expect(allByRole(el, 'link').map(accessibleName)).to.deep.equal([
      'Share on Bluesky',
      'Share on X',
      'Share on Threads',
      'Share by email',
    ]);
    expect(queryByRole(el, 'button', 'More share options')).to.equal(null);
  });

  it('adds UTM parameters per network without touching the copied or canonical URL', async () => {
    const writes: string[] = [];
    stub(stubNavigator('clipboard', { writeText: async (text: string) => void writes.push(text) }));
    const el = await mount<ChimeShare>(
      html`<chime-share
        url="https://n.example/a?x=1#top"
        networks="facebook x"
        utm=${'source={network}&medium=social&utm_campaign=footer'}
      ></chime-share>`,
    );
    const shared = new URL(params(hrefOf(el, 'Share on Facebook')).get('u')!);
    expect(shared.searchParams.get('utm_source')).to.equal('facebook');
    expect(shared.searchParams.get('utm_medium')).to.equal('social');
    expect(shared.searchParams.get('utm_campaign')).to.equal('footer');
    expect(shared.searchParams.get('x')).to.equal('1');
    expect(shared.hash).to.equal('#top');
    expect(new URL(params(hrefOf(el, 'Share on X')).get('url')!).searchParams.get('utm_source')).to.equal('x');
    byRole(el, 'button', 'Copy link').click();
    await settle(el);
    expect(writes).to.deep.equal(['https://n.example/a?x=1#top']);
  });

  describe('Mastodon', () => {
    it('asks for the server once, rejects a URL, then opens its share page and remembers it', async () => {
      const opened = stubWindowOpen();
      const events = shareEvents();
      const el = await mount<ChimeShare>(
        html`<chime-share url=${TRICKY_URL} title=${'Hello & bye'} networks="mastodon"></chime-share>`,
      );
      const link = byRole(el, 'link', 'Share on Mastodon');
      expect(link.getAttribute('aria-haspopup')).to.equal('dialog');
      link.click();
      await settle(el);
      const dialog = byRole(el, 'dialog', 'Your Mastodon server');
      const field = byRole(dialog, 'textbox', 'Your Mastodon server') as HTMLInputElement;
      expect(focused()).to.equal(field);
      expect(events).to.have.length(0);
      await expectAccessible(el);

      await type('https://mastodon.social/@me');
      await press('Enter');
      await settle(el);
      expect(field.getAttribute('aria-invalid')).to.equal('true');
      const error = el.shadowRoot!.getElementById('instance-error')!;
      expect(error.textContent).to.contain('without https://');
      expect(field.getAttribute('aria-describedby')!.split(' ')).to.include('instance-error');
      expect(announced(el)).to.contain('without https://');
      expect(opened).to.have.length(0);
      expect(localStorage.getItem(MASTODON_KEY)).to.equal(null);
      await expectAccessible(el);

      field.select();
      await type('Mastodon.Social');
      await press('Enter');
      await settle(el);
      expect(queryByRole(el, 'dialog')).to.equal(null);
      expect(localStorage.getItem(MASTODON_KEY)).to.equal('mastodon.social');
      expect(opened).to.have.length(1);
      const [href, target, features] = opened[0] as string[];
      expect(href!.startsWith('https://mastodon.social/share?text=')).to.equal(true);
      expect(params(href!).get('text')).to.equal(`Hello & bye ${new URL(TRICKY_URL).href}`);
      expect(target).to.equal('_blank');
      expect(features).to.contain('noopener');
      expect(events.map((e) => e.network)).to.deep.equal(['mastodon']);

      // Remembered: the link now goes straight to the reader's server, and can be changed.
      expect(hrefOf(el, 'Share on Mastodon').startsWith('https://mastodon.social/share?text=')).to.equal(true);
      expect(byRole(el, 'link', 'Share on Mastodon').hasAttribute('aria-haspopup')).to.equal(false);
      const change = byRole(el, 'button', 'Change Mastodon server: mastodon.social');
      change.click();
      await settle(el);
      const again = byRole(el, 'textbox', 'Your Mastodon server') as HTMLInputElement;
      expect(again.value).to.equal('mastodon.social');
      again.select();
      await type('fosstodon.org');
      await press('Enter');
      await settle(el);
      expect(opened).to.have.length(1);
      expect(hrefOf(el, 'Share on Mastodon').startsWith('https://fosstodon.org/share?')).to.equal(true);
      expect(focused()).to.equal(byRole(el, 'button', 'Change Mastodon server: fosstodon.org'));
      await expectAccessible(el);
    });

    it('closes the server popover with Escape or by tabbing away, focus back on the link', async () => {
      const wrapper = await mount<HTMLDivElement>(
        html`<div><chime-share url="https://n.example/" networks="mastodon x"></chime-share><button>After</button></div>`,
      );
      const el = wrapper.querySelector('chime-share')!;
      byRole(el, 'link', 'Share on Mastodon').click();
      await settle(el);
      byRole(el, 'dialog', 'Your Mastodon server');
      await press('Escape');
      await settle(el);
      expect(queryByRole(el, 'dialog')).to.equal(null);
      expect(focused()).to.equal(byRole(el, 'link', 'Share on Mastodon'));

      // Tabbing out of the popover closes it too.
      byRole(el, 'link', 'Share on Mastodon').click();
      await settle(el);
      await press('Tab'); // to "Share"
      await press('Tab'); // to "Cancel"
      byRole(el, 'dialog', 'Your Mastodon server');
      await press('Tab');
      await settle(el);
      expect(focused()).to.equal(wrapper.querySelector('button'));
      expect(queryByRole(el, 'dialog')).to.equal(null);
    });

    it('rejects host names that are not host names', async () => {
      const { parseInstance } = await import('./networks.js');
      for (const bad of ['', 'mastodon', 'https://a.b', 'a.b/path', 'user@a.b', 'a.b:443', '-a.b', 'a..b', '1.2.3.4', 'a b.c']) {
        expect(parseInstance(bad), bad).to.equal(null);
      }
      expect(parseInstance(' Mastodon.Social ')).to.equal('mastodon.social');
      expect(parseInstance('mastodon.social.')).to.equal('mastodon.social');
      expect(parseInstance('bücher.example')).to.equal('xn--bcher-kva.example');
    });
  });

  describe('Copy link', () => {
    it('copies with the Clipboard API and confirms visibly and politely', async () => {
      const writes: string[] = [];
      stub(stubNavigator('clipboard', { writeText: async (text: string) => void writes.push(text) }));
      const events = shareEvents();
      const el = await mount<ChimeShare>(html`<chime-share url=${TRICKY_URL}></chime-share>`);
      byRole(el, 'button', 'Copy link').click();
      await settle(el);
      expect(writes).to.deep.equal([new URL(TRICKY_URL).href]);
      expect(announced(el)).to.equal('Link copied');
      expect(textOf(el)).to.contain('Link copied');
      expect(events.map((e) => [e.network, e.url])).to.deep.equal([['copy', new URL(TRICKY_URL).href]]);
      await expectAccessible(el);
    });

    it('falls back to execCommand where the Clipboard API is missing', async () => {
      stub(stubNavigator('clipboard', undefined));
      const copied: string[] = [];
      const original = document.execCommand;
      document.execCommand = (command: string) => {
        copied.push(`${command}:${(document.activeElement as HTMLTextAreaElement).value}`);
        return true;
      };
      stub(() => (document.execCommand = original));
      const el = await mount<ChimeShare>(html`<chime-share url="https://n.example/x"></chime-share>`);
      const button = byRole(el, 'button', 'Copy link');
      button.focus();
      button.click();
      await settle(el);
      expect(copied).to.deep.equal(['copy:https://n.example/x']);
      expect(announced(el)).to.equal('Link copied');
      expect(focused()).to.equal(button);
      expect(document.querySelectorAll('body > textarea')).to.have.length(0);
    });

    it('announces a failure and offers the link to copy by hand', async () => {
      stub(stubNavigator('clipboard', { writeText: () => Promise.reject(new DOMException('Denied', 'NotAllowedError')) }));
      const original = document.execCommand;
      document.execCommand = () => false;
      stub(() => (document.execCommand = original));
      const control = controllableBackend(localBackend());
      const el = await mount<ChimeShare>(
        html`<chime-share backend=${useBackend(control.backend)} url="https://n.example/y"></chime-share>`,
      );
      byRole(el, 'button', 'Copy link').click();
      await settle(el, 20);
      expect(announced(el)).to.equal('Could not copy the link');
      expect(textOf(el)).to.contain('Could not copy the link');
      expect((byRole(el, 'textbox', 'Link to this page') as HTMLInputElement).value).to.equal('https://n.example/y');
      expect(control.calls).not.to.include('recordShare');
      await expectAccessible(el);
    });
  });

  describe('native share', () => {
    it('offers "Share…" only where navigator.share exists and canShare accepts the data', async () => {
      const shared: ShareData[] = [];
      stub(stubNavigator('share', async (data: ShareData) => void shared.push(data)));
      const el = await mount<ChimeShare>(
        html`<chime-share url="https://n.example/z" title="Zed" text="About zed" utm="source={network}"></chime-share>`,
      );
      byRole(el, 'button', 'Share…').click();
      await settle(el);
      expect(shared).to.deep.equal([{ url: 'https://n.example/z?utm_source=native', title: 'Zed', text: 'About zed' }]);
      expect(announced(el)).to.equal('');
      await expectAccessible(el);

      stub(stubNavigator('canShare', () => false));
      el.requestUpdate();
      await settle(el);
      expect(queryByRole(el, 'button', 'Share…')).to.equal(null);
    });

    it('treats a cancelled share sheet as no error, and announces a real failure', async () => {
      let failure = new DOMException('Share canceled', 'AbortError');
      stub(stubNavigator('share', () => Promise.reject(failure)));
      const el = await mount<ChimeShare>(html`<chime-share url="https://n.example/z"></chime-share>`);
      byRole(el, 'button', 'Share…').click();
      await settle(el);
      expect(announced(el)).to.equal('');
      expect(queryByRole(el, 'alert')).to.equal(null);
      failure = new DOMException('Nope', 'NotAllowedError');
      byRole(el, 'button', 'Share…').click();
      await settle(el);
      expect(announced(el)).to.equal('Could not open the share dialog');
      expect(textOf(el)).to.contain('Could not open the share dialog');
    });
  });

  describe('"More share options" menu', () => {
    it('opens from the keyboard, moves with arrows, Home and End, and Escape returns focus', async () => {
      const el = await mount<ChimeShare>(html`<chime-share url="https://n.example/"></chime-share>`);
      const more = byRole(el, 'button', 'More share options');
      more.focus();
      await press('Enter');
      await settle(el);
      const menu = byRole(el, 'menu', 'More share options');
      expect(more.getAttribute('aria-expanded')).to.equal('true');
      expect(allByRole(menu, 'menuitem').map(accessibleName)).to.deep.equal([
        'Share on Bluesky',
        'Share on Mastodon',
        'Share by email',
      ]);
      expect(accessibleName(focused()!)).to.equal('Share on Bluesky');
      expect(textOf(menu)).to.equal('Bluesky Mastodon Email'); // visible names, also in the icons variant
      await expectAccessible(el);
      await press('ArrowDown');
      expect(accessibleName(focused()!)).to.equal('Share on Mastodon');
      await press('End');
      expect(accessibleName(focused()!)).to.equal('Share by email');
      await press('ArrowDown');
      expect(accessibleName(focused()!)).to.equal('Share on Bluesky');
      await press('ArrowUp');
      expect(accessibleName(focused()!)).to.equal('Share by email');
      await press('Home');
      expect(accessibleName(focused()!)).to.equal('Share on Bluesky');
      await press('m');
      expect(accessibleName(focused()!)).to.equal('Share on Mastodon');
      await press('Escape');
      await settle(el);
      expect(queryByRole(el, 'menu')).to.equal(null);
      expect(more.getAttribute('aria-expanded')).to.equal('false');
      expect(focused()).to.equal(more);

      await press('ArrowUp');
      await settle(el);
      expect(accessibleName(focused()!)).to.equal('Share by email');
      await press('Tab');
      await settle(el);
      expect(queryByRole(el, 'menu')).to.equal(null);
      expect(focused()).to.equal(byRole(el, 'button', 'Copy link'));
    });

    it('is positioned next to its button and closes on a click outside', async () => {
      const el = await mount<ChimeShare>(html`<chime-share url="https://n.example/"></chime-share>`);
      const more = byRole(el, 'button', 'More share options');
      more.click();
      await settle(el, 30);
      const menu = byRole(el, 'menu');
      const button = more.getBoundingClientRect();
      const box = menu.getBoundingClientRect();
      expect(Math.abs(box.top - button.bottom - 4)).to.be.below(2);
      expect(Math.abs(box.left - button.left)).to.be.below(2);
      expect(focused()).to.equal(byRole(menu, 'menuitem', 'Share on Bluesky'));
      document.body.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true, composed: true }));
      await settle(el);
      expect(queryByRole(el, 'menu')).to.equal(null);
      more.click();
      await settle(el);
      more.click();
      await settle(el);
      expect(queryByRole(el, 'menu')).to.equal(null);
    });

    it('activating an item shares and closes the menu; Mastodon asks for the server from there', async () => {
      blockNavigation();
      const events = shareEvents();
      const el = await mount<ChimeShare>(html`<chime-share url="https://n.example/"></chime-share>`);
      const more = byRole(el, 'button', 'More share options');
      more.focus();
      await press('ArrowDown');
      await settle(el);
      await press('Enter');
      await settle(el);
      expect(events.map((e) => e.network)).to.deep.equal(['bluesky']);
      expect(queryByRole(el, 'menu')).to.equal(null);
      expect(focused()).to.equal(more);

      await press('ArrowDown');
      await settle(el);
      await press('ArrowDown');
      await press(' ');
      await settle(el);
      expect(queryByRole(el, 'menu')).to.equal(null);
      expect(focused()).to.equal(byRole(el, 'textbox', 'Your Mastodon server'));
      await expectAccessible(el);
      await press('Escape');
      await settle(el);
      expect(focused()).to.equal(more);
    });

    it('stops following its button once closed or disconnected', async () => {
      const el = await mount<ChimeShare>(html`<chime-share url="https://n.example/"></chime-share>`);
      byRole(el, 'button', 'More share options').click();
      await settle(el, 30);
      const menu = el.shadowRoot!.querySelector<HTMLElement>('[role="menu"]')!;
      el.remove();
      const top = menu.style.top;
      window.dispatchEvent(new Event('resize'));
      await new Promise((r) => setTimeout(r, 30));
      expect(menu.style.top).to.equal(top);
      expect(menu.hidden).to.equal(true);
    });
  });

  describe('chime-share event', () => {
    it('bubbles out of the shadow root with network and URL; canceling it prevents the navigation', async () => {
      const control = controllableBackend(localBackend());
      const events: ChimeShareEvent[] = [];
      const listener = ((e: ChimeShareEvent) => {
        events.push(e);
        e.preventDefault();
      }) as EventListener;
      document.addEventListener('chime-share', listener);
      stub(() => document.removeEventListener('chime-share', listener));
      let navigated: boolean | undefined;
      const seeClick = (e: MouseEvent) => {
        navigated = !e.defaultPrevented;
        e.preventDefault();
      };
      document.addEventListener('click', seeClick);
      stub(() => document.removeEventListener('click', seeClick));
      const el = await mount<ChimeShare>(
        html`<chime-share backend=${useBackend(control.backend)} url="https://n.example/e" utm="source={network}"></chime-share>`,
      );
      byRole(el, 'link', 'Share on Reddit').click();
      await settle(el, 20);
      expect(events).to.have.length(1);
      expect(events[0]!.network).to.equal('reddit');
      expect(events[0]!.url).to.equal('https://n.example/e?utm_source=reddit');
      expect(events[0]!.bubbles && events[0]!.composed && events[0]!.cancelable).to.equal(true);
      expect(navigated).to.equal(false);
      expect(control.calls).not.to.include('recordShare');
    });
  });

  describe('counts and recording', () => {
    it('records a click without delaying it and shows the page total with `counts`', async () => {
      blockNavigation();
      const backend = localBackend();
      await backend.recordShare('/shared', 'x');
      const control = controllableBackend(backend);
      const el = await mount<ChimeShare>(
        html`<chime-share counts backend=${useBackend(control.backend)} page="/shared" url="https://n.example/s"></chime-share>`,
      );
      await settle(el, 20);
      expect(textOf(byRole(el, 'heading').parentElement!)).to.contain('1 share');
      await expectAccessible(el);
      control.fail('recordShare', 'stall');
      let navigated: boolean | undefined;
      const seeClick = (e: MouseEvent) => (navigated = !e.defaultPrevented);
      el.addEventListener('click', seeClick);
      byRole(el, 'link', 'Share on Facebook').click();
      expect(navigated).to.equal(true); // nothing waited for the backend
      await settle(el, 20);
      expect(control.calls).to.include('recordShare');
      expect(textOf(el)).to.contain('2 shares'); // optimistic
      control.heal();
      await settle(el, 20);
      expect(textOf(el)).to.contain('2 shares');
      expect((await backend.getPage('/shared')).shares.networks.facebook).to.equal(1);
    });

    it('rolls the total back when recording fails, silently', async () => {
      blockNavigation();
      const inner = localBackend();
      let fail: (error: Error) => void = () => {};
      const calls: string[] = [];
      // A backend whose recordShare answers only when the test says so (here: with a failure).
      const backend = new Proxy(inner, {
        get(target, prop) {
          if (prop === 'recordShare') return () => new Promise((_, reject) => (fail = reject));
          const value = Reflect.get(target, prop, target) as unknown;
          if (typeof value !== 'function') return value;
          return (...args: unknown[]) => {
            calls.push(String(prop));
            return (value as (...a: unknown[]) => unknown).apply(target, args);
          };
        },
      });
      const el = await mount<ChimeShare>(
        html`<chime-share counts backend=${useBackend(backend)} page="/p" url="https://n.example/p"></chime-share>`,
      );
      await settle(el, 20);
      expect(calls).to.include('getPage');
      expect(textOf(el)).not.to.match(/\bshares?\b/); // no "0 shares"
      byRole(el, 'link', 'Share on X').click();
      await settle(el, 20);
      expect(textOf(el)).to.contain('1 share');
      fail(new Error('Failed to fetch'));
      await settle(el, 20);
      expect(textOf(el)).not.to.match(/\bshares?\b/);
      expect(queryByRole(el, 'alert')).to.equal(null);
    });

    it('hides the counts silently when they cannot be loaded', async () => {
      const control = controllableBackend(localBackend());
      control.fail('getPage');
      const el = await mount<ChimeShare>(
        html`<chime-share counts backend=${useBackend(control.backend)} url="https://n.example/f"></chime-share>`,
      );
      await settle(el, 20);
      expect(control.calls).to.include('getPage');
      expect(textOf(el)).not.to.match(/share(s)?\b.*\d|\d+ share/);
      expect(queryByRole(el, 'alert')).to.equal(null);
      byRole(el, 'link', 'Share on Facebook');
      await expectAccessible(el);
    });

    it('loads no counts without `counts`', async () => {
      const control = controllableBackend(localBackend());
      await mount<ChimeShare>(html`<chime-share backend=${useBackend(control.backend)} url="https://n.example/f"></chime-share>`);
      await settle(undefined, 20);
      expect(control.calls).to.deep.equal([]);
    });

    it('works with no backend at all: no error box, sharing still works', async () => {
      blockNavigation();
      const events = shareEvents();
      const errors: Event[] = [];
      const onError = (e: Event) => errors.push(e);
      document.addEventListener('chime-error', onError);
      stub(() => document.removeEventListener('chime-error', onError));
      const el = await mount<ChimeShare>(html`<chime-share counts url="https://n.example/o"></chime-share>`);
      byRole(el, 'link', 'Share on Telegram').click();
      await settle(el, 20);
      expect(events.map((e) => e.network)).to.deep.equal(['telegram']);
      expect(queryByRole(el, 'alert')).to.equal(null);
      expect(errors).to.have.length(0);
      await expectAccessible(el);
    });
  });

  it('makes no network request other than to the backend, rendering or sharing', async () => {
    blockNavigation();
    performance.setResourceTimingBufferSize(10000);
    const before = performance.getEntriesByType('resource').length;
    const seen: string[] = [];
    const observer = new PerformanceObserver((list) => list.getEntries().forEach((e) => seen.push(e.name)));
    observer.observe({ type: 'resource', buffered: false });
    stub(() => observer.disconnect());
    stub(stubNavigator('clipboard', { writeText: async () => {} }));
    const el = await mount<ChimeShare>(
      html`<chime-share
        counts
        backend=${useBackend(localBackend())}
        url="https://n.example/r"
        networks="facebook x linkedin reddit whatsapp telegram bluesky mastodon email threads pinterest hackernews xing vk line"
      ></chime-share>`,
    );
    for (const link of allByRole(el, 'link')) link.click();
    byRole(el, 'button', 'Copy link').click();
    byRole(el, 'button', 'More share options').click();
    await settle(el, 50);
    const entries = performance
      .getEntriesByType('resource')
      .slice(before)
      .map((e) => e.name);
    const foreign = [...entries, ...seen].filter((name) => new URL(name).origin !== location.origin);
    expect(foreign).to.deep.equal([]);
  });

  it('mirrors its layout right-to-left', async () => {
    await loadLocale('ar');
    const el = await mount<ChimeShare>(html`<chime-share dir="rtl" lang="ar" url="https://n.example/"></chime-share>`);
    await settle(el, 50);
    const [first, second] = allByRole(el, 'link');
    expect(first!.getBoundingClientRect().left).to.be.above(second!.getBoundingClientRect().left);
    const heading = byRole(el, 'heading').getBoundingClientRect();
    expect(Math.abs(heading.right - el.getBoundingClientRect().right)).to.be.below(2);
    expect(accessibleName(first!)).to.equal('المشاركة على Facebook');
    byRole(el, 'button', 'المزيد من خيارات المشاركة').click();
    await settle(el, 30);
    const menu = byRole(el, 'menu').getBoundingClientRect();
    const more = byRole(el, 'button', 'المزيد من خيارات المشاركة').getBoundingClientRect();
    expect(Math.abs(menu.right - more.right)).to.be.below(2);
    await expectAccessible(el);
  });

  it('translates names in the page language', async () => {
    await loadLocale('de');
    const el = await mount<ChimeShare>(
      html`<chime-share lang="de" url="https://n.example/" networks="facebook email"></chime-share>`,
    );
    await settle(el, 50);
    byRole(el, 'heading', 'Diese Nachricht teilen');
    byRole(el, 'link', 'Auf Facebook teilen');
    byRole(el, 'link', 'Per E-Mail teilen');
    byRole(el, 'button', 'Link kopieren');
  });

  it('renders the labels and pills variants accessibly, with visible names', async () => {
    for (const variant of ['labels', 'pills']) {
      const el = await mount<ChimeShare>(html`<chime-share variant=${variant} url="https://n.example/"></chime-share>`);
      expect(textOf(el)).to.contain('Facebook').and.to.contain('Copy link').and.to.contain('More');
      expect(byRole(el, 'link', 'Share on Facebook').hasAttribute('title')).to.equal(false);
      await expectAccessible(el);
    }
    const icons = await mount<ChimeShare>(html`<chime-share url="https://n.example/"></chime-share>`);
    expect(textOf(icons)).not.to.contain('Facebook');
    expect(icons.getAttribute('variant')).to.equal('icons');
  });

  it('overrides or hides the heading and sets its level', async () => {
    const el = await mount<ChimeShare>(
      html`<chime-share label="Pass it on" heading-level="3" url="https://n.example/"></chime-share>`,
    );
    expect(byRole(el, 'heading', 'Pass it on').tagName).to.equal('H3');
    const hidden = await mount<ChimeShare>(html`<chime-share label="" url="https://n.example/"></chime-share>`);
    expect(queryByRole(hidden, 'heading')).to.equal(null);
    await expectAccessible(hidden);
  });
});
