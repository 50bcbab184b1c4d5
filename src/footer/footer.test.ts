import { expect, html } from '@open-wc/testing';
import {
  allByRole,
  byRole,
  cleanup,
  controllableBackend,
  expectAccessible,
  localBackend,
  mount,
  settle,
  textOf,
  useBackend,
} from '../../test/harness.js';
import de from '../i18n/de.js';
import { registerScript } from '../internal/config.js';
import { autoInsertFooter, insertFooterAfter } from './auto.js';
import './define.js';
import type { ChimeFooter } from './footer.js';

const pieces = (footer: Element) => Array.from(footer.children).map((el) => el.localName);

describe('chime-footer: composition', () => {
  afterEach(cleanup);

  it('creates share, rating and comments in the seed order, as its own children', async () => {
    const footer = await mount<ChimeFooter>(html`<chime-footer backend="local"></chime-footer>`);
    expect(pieces(footer)).to.deep.equal(['chime-share', 'chime-rating', 'chime-comments']);
    // Slotted into the footer's shadow root, so they render where the footer is.
    const slot = footer.shadowRoot!.querySelector('slot')!;
    expect(slot.assignedElements().map((el) => el.localName)).to.deep.equal(pieces(footer));
  });

  it("puts the page's own content inside it after the pieces", async () => {
    const footer = await mount<ChimeFooter>(html`<chime-footer backend="local"><p>Our comment policy</p></chime-footer>`);
    expect(pieces(footer)).to.deep.equal(['chime-share', 'chime-rating', 'chime-comments', 'p']);
    footer.noRating = true;
    await settle(footer);
    expect(pieces(footer)).to.deep.equal(['chime-share', 'chime-comments', 'p']);
  });

  it('passes its settings down to every piece', async () => {
    const footer = await mount<ChimeFooter>(
      html`<chime-footer backend="local" page="/story" lang="de" theme="dark"></chime-footer>`,
    );
    for (const piece of footer.children) {
      expect(piece.getAttribute('backend'), piece.localName).to.equal('local');
      expect(piece.getAttribute('page'), piece.localName).to.equal('/story');
      expect(piece.getAttribute('lang'), piece.localName).to.equal('de');
      expect(piece.getAttribute('theme'), piece.localName).to.equal('dark');
    }
  });

  it("passes each piece's own attributes only to it", async () => {
    const footer = await mount<ChimeFooter>(
      html`<chime-footer
        backend="local"
        url="https://news.example.org/a"
        text="Read this"
        networks="x email"
        max="10"
        article="#article"
        sort="oldest"
        page-size="5"
        sso-token="jwt.token.here"
      ></chime-footer>`,
    );
    const [share, rating, comments] = Array.from(footer.children);
    expect(share!.getAttribute('url')).to.equal('https://news.example.org/a');
    expect(share!.getAttribute('text')).to.equal('Read this');
    expect(share!.getAttribute('networks')).to.equal('x email');
    expect(rating!.getAttribute('max')).to.equal('10');
    expect(comments!.getAttribute('article')).to.equal('#article');
    expect(comments!.getAttribute('sort')).to.equal('oldest');
    expect(comments!.getAttribute('page-size')).to.equal('5');
    expect(comments!.getAttribute('sso-token')).to.equal('jwt.token.here');
    expect(share!.hasAttribute('max')).to.equal(false);
    expect(rating!.hasAttribute('article')).to.equal(false);
    expect(comments!.hasAttribute('networks')).to.equal(false);
    // Unset settings are not passed as empty attributes.
    expect(share!.hasAttribute('page')).to.equal(false);
  });

  it('passes any attribute to one piece by its prefix, and follows changes', async () => {
    const footer = await mount<ChimeFooter>(
      html`<chime-footer
        backend="local"
        networks="x"
        share-title="A story"
        share-variant="pills"
        share-networks="email"
        rating-readonly
        comments-max-depth="2"
      ></chime-footer>`,
    );
    const [share, rating, comments] = Array.from(footer.children);
    expect(share!.getAttribute('title')).to.equal('A story');
    expect(share!.getAttribute('variant')).to.equal('pills');
    expect(share!.getAttribute('networks'), 'the prefixed attribute beats the shorthand').to.equal('email');
    expect(rating!.getAttribute('readonly')).to.equal('');
    expect(comments!.getAttribute('max-depth')).to.equal('2');
    expect(footer.hasAttribute('title'), 'no tooltip over the whole footer').to.equal(false);

    footer.removeAttribute('rating-readonly');
    footer.setAttribute('comments-max-depth', '4');
    footer.removeAttribute('share-networks');
    await settle(footer);
    expect(rating!.hasAttribute('readonly')).to.equal(false);
    expect(comments!.getAttribute('max-depth')).to.equal('4');
    expect(share!.getAttribute('networks')).to.equal('x');
  });

  it("leaves the pieces' own attributes alone", async () => {
    const footer = await mount<ChimeFooter>(html`<chime-footer backend="local" share-variant="pills"></chime-footer>`);
    const share = footer.querySelector('chime-share')!;
    share.setAttribute('counts', '');
    footer.setAttribute('page', '/x');
    footer.removeAttribute('share-variant');
    await settle(footer);
    expect(share.hasAttribute('counts')).to.equal(true);
    expect(share.hasAttribute('variant')).to.equal(false);
    expect(share.getAttribute('page')).to.equal('/x');
  });

  it('leaves pieces out with no-share, no-rating and no-comments, and brings them back', async () => {
    const footer = await mount<ChimeFooter>(html`<chime-footer backend="local" no-share no-comments></chime-footer>`);
    expect(pieces(footer)).to.deep.equal(['chime-rating']);
    footer.noComments = false;
    footer.noShare = false;
    footer.noRating = true;
    await settle(footer);
    expect(pieces(footer)).to.deep.equal(['chime-share', 'chime-comments']);
  });

  it('follows later attribute changes', async () => {
    const footer = await mount<ChimeFooter>(html`<chime-footer backend="local" page="/a"></chime-footer>`);
    footer.setAttribute('page', '/b');
    footer.setAttribute('lang', 'fr');
    await settle(footer);
    for (const piece of footer.children) {
      expect(piece.getAttribute('page')).to.equal('/b');
      expect(piece.getAttribute('lang')).to.equal('fr');
    }
    footer.removeAttribute('lang');
    await settle(footer);
    for (const piece of footer.children) expect(piece.hasAttribute('lang')).to.equal(false);
  });

  it('mirrors itself for Arabic', async () => {
    const footer = await mount<ChimeFooter>(html`<chime-footer backend="local" lang="ar"></chime-footer>`);
    expect(footer.getAttribute('dir')).to.equal('rtl');
  });
});

/** Waits until `check` holds (lazy chunks, locales and the local backend load asynchronously). */
async function until(check: () => boolean, what: string, ms = 3000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('chime-footer: the whole footer', () => {
  afterEach(cleanup);

  const mountFooter = async (backend: string, extra = '') => {
    const wrapper = await mount<HTMLDivElement>(
      html`<div lang=${extra || 'en'}><chime-footer backend=${backend} page="/world/story" comments-eager></chime-footer></div>`,
    );
    const footer = wrapper.querySelector('chime-footer')!;
    await until(() => allByRole(footer, 'textbox').length > 0 || allByRole(footer, 'alert').length >= 3, 'the thread');
    await settle(footer, 20);
    return footer;
  };

  it('reads like the seed footer, in its order, and is accessible', async () => {
    const footer = await mountFooter(useBackend(localBackend()));
    const text = textOf(footer);
    const order = ['Share this news', '0 votes', 'Article Rating', '0 Comments', 'Notify of', 'Inline Feedbacks'].map((s) =>
      text.indexOf(s),
    );
    expect(
      order.every((i) => i >= 0),
      text,
    ).to.equal(true);
    expect([...order].sort((a, b) => a - b)).to.deep.equal(order);
    byRole(footer, 'heading', 'Share this news');
    byRole(footer, 'radiogroup', 'Rate this article');
    byRole(footer, 'textbox', 'Join the discussion');
    byRole(footer, 'button', 'Post Comment');
    await expectAccessible(footer);
  });

  it('speaks the language of its lang attribute in every piece', async () => {
    const footer = await mountFooter(useBackend(localBackend()), 'de');
    await until(() => textOf(footer).includes(de['share.heading']), 'German');
    byRole(footer, 'heading', de['share.heading']);
    byRole(footer, 'radiogroup', de['rating.group']);
    byRole(footer, 'textbox', de['comments.compose']);
    expect(textOf(footer)).not.to.contain('Share this news');
  });

  it('never renders blank: with the backend down, each piece says so and offers a retry', async () => {
    const control = controllableBackend(localBackend());
    control.fail('*');
    const footer = await mountFooter(useBackend(control.backend));
    byRole(footer, 'heading', 'Share this news'); // sharing needs no backend
    await until(() => allByRole(footer, 'alert').length >= 2, 'the error boxes');
    for (const alert of allByRole(footer, 'alert')) expect(textOf(alert)).to.contain('could not be reached');
    expect(allByRole(footer, 'button', 'Try again').length).to.be.greaterThan(0);
    await expectAccessible(footer);
  });
});

describe('chime-footer: data-auto', () => {
  const added: Element[] = [];
  const add = <T extends Element>(el: T): T => {
    document.body.append(el);
    added.push(el);
    return el;
  };
  afterEach(() => {
    added.splice(0).forEach((el) => el.remove());
    cleanup();
  });

  const article = () => {
    const el = add(document.createElement('article'));
    el.id = 'story';
    const after = add(document.createElement('aside'));
    return { el, after };
  };

  it('inserts one footer right after the element the selector names', () => {
    const { el, after } = article();
    const footer = insertFooterAfter('#story')!;
    added.push(footer);
    expect(footer.localName).to.equal('chime-footer');
    expect(el.nextElementSibling).to.equal(footer);
    expect(footer.nextElementSibling).to.equal(after);
    // A second run (the script loaded twice) does not add another.
    expect(insertFooterAfter('#story')).to.equal(footer);
    expect(document.querySelectorAll('chime-footer').length).to.equal(1);
  });

  it('reads the selector from the script tag that loaded Chime', () => {
    const { el } = article();
    const script = add(document.createElement('script'));
    script.type = 'text/plain'; // never executed: only its src and data-* matter
    script.src = 'https://comments.example.org/chime.js';
    script.dataset.auto = '#story';
    registerScript('https://comments.example.org/chime.js');
    autoInsertFooter();
    const footer = el.nextElementSibling!;
    added.push(footer);
    expect(footer.localName).to.equal('chime-footer');
  });

  it('does nothing without data-auto, and warns for a selector that is wrong', () => {
    article();
    autoInsertFooter();
    expect(document.querySelector('chime-footer')).to.equal(null);
    const warn = console.warn;
    const warnings: string[] = [];
    console.warn = (message: string) => warnings.push(message);
    try {
      expect(insertFooterAfter('#missing')).to.equal(null);
      expect(insertFooterAfter('##bad')).to.equal(null);
    } finally {
      console.warn = warn;
    }
    expect(warnings).to.have.length(2);
    expect(warnings[1]).to.contain('not a valid CSS selector');
    expect(document.querySelector('chime-footer')).to.equal(null);
  });
});
