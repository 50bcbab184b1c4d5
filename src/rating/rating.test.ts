import { expect, html } from '@open-wc/testing';
import { emulateMedia, resetMouse, sendMouse } from '@web/test-runner-commands';
import { ChimeError } from '../backend/contract.js';
import { LocalBackend } from '../backend/local.js';
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
  useBackend,
} from '../../test/harness.js';
import type { ChimeErrorEvent } from '../internal/events.js';
import type { ChimeRateEvent } from './events.js';
import './define.js';
import type { ChimeRating } from './rating.js';

const PAGE = '/world/nato';
let run = 0;

/** Several readers (local backends) over one store; `crossTab` readers hear each other's live events. */
function readers() {
  const memory = new Map<string, string>();
  const namespace = `rating-test-${Date.now()}-${run++}`;
  const storage = {
    getItem: (k: string) => memory.get(k) ?? null,
    setItem: (k: string, v: string) => void memory.set(k, v),
    removeItem: (k: string) => void memory.delete(k),
  };
  const made: LocalBackend[] = [];
  const reader = (id: string, crossTab = false) => {
    const backend = new LocalBackend({ namespace, storage, reader: id, crossTab });
    made.push(backend);
    return backend;
  };
  /** Other readers' votes, already counted before the element loads. */
  const seed = async (...values: number[]) => {
    for (const [i, value] of values.entries()) await reader(`seed-${i}`).rate(PAGE, value);
  };
  return { reader, seed, close: () => made.forEach((b) => b.close()) };
}

async function mountRating(backend: string, extra: { lang?: string; dir?: string } = {}): Promise<ChimeRating> {
  const wrapper = await mount<HTMLDivElement>(
    html`<div lang=${extra.lang ?? 'en'} dir=${extra.dir ?? 'ltr'}>
      <chime-rating backend=${backend} page=${PAGE}></chime-rating>
    </div>`,
  );
  const el = wrapper.querySelector('chime-rating')!;
  await settle(el, extra.lang && extra.lang !== 'en' ? 50 : 0);
  return el;
}

const part = (el: ChimeRating, name: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`)!;
const summary = (el: ChimeRating) => textOf(part(el, 'summary'));
const radio = (el: ChimeRating, name: string) => byRole(el, 'radio', name) as HTMLInputElement;
const checkedStars = (el: ChimeRating) =>
  allByRole(el, 'radio')
    .filter((r) => (r as HTMLInputElement).checked)
    .map((r) => accessibleName(r));
/** Fill of each star, 0..1, measured from the layout. */
const fills = (el: ChimeRating) =>
  Array.from(el.shadowRoot!.querySelectorAll('.star')).map((star) => {
    const fill = star.querySelector('.fill')!.getBoundingClientRect();
    return Math.round((fill.width / star.getBoundingClientRect().width) * 100) / 100;
  });

/** A real mouse click in the middle of `target`. */
async function click(target: Element): Promise<void> {
  const box = target.getBoundingClientRect();
  await sendMouse({ type: 'click', position: [Math.round(box.x + box.width / 2), Math.round(box.y + box.height / 2)] });
}

function record<T extends Event>(target: EventTarget, type: string): T[] {
  const events: T[] = [];
  target.addEventListener(type, (e) => events.push(e as T));
  return events;
}

describe('<chime-rating>', () => {
  afterEach(async () => {
    await resetMouse();
    cleanup();
  });

  it('starts like the seed footer: "0", "0 votes", "Article Rating" and five radios', async () => {
    const el = await mountRating(useBackend(localBackend()));
    await expectAccessible(el);
    expect(summary(el)).to.equal('0 0 votes');
    expect(textOf(part(el, 'label'))).to.equal('Article Rating');
    expect(textOf(el)).to.match(/^0 0 votes Article Rating/);
    const group = byRole(el, 'radiogroup', 'Rate this article');
    expect(allByRole(group, 'radio').map(accessibleName)).to.deep.equal(['1 star', '2 stars', '3 stars', '4 stars', '5 stars']);
    expect(checkedStars(el)).to.deep.equal([]);
    expect(queryByRole(el, 'button', 'Remove my rating')).to.equal(null);
    expect(fills(el)).to.deep.equal([0, 0, 0, 0, 0]);
  });

  it('reserves its space while the summary loads', async () => {
    const control = controllableBackend(localBackend());
    control.fail('getPage', 'stall');
    const el = await mountRating(useBackend(control.backend));
    const loadingHeight = el.getBoundingClientRect().height;
    expect(queryByRole(el, 'radiogroup')).to.equal(null);
    expect(textOf(el)).to.equal('Article Rating');
    await expectAccessible(el);
    control.heal();
    await settle(el, 10);
    expect(summary(el)).to.equal('0 0 votes');
    expect(el.getBoundingClientRect().height).to.equal(loadingHeight);
  });

  it('rates by mouse: the vote counts, shows as mine and is announced', async () => {
    const el = await mountRating(useBackend(localBackend()));
    const changes = record(el, 'change');
    const rates = record<ChimeRateEvent>(el, 'chime-rate');
    await click(radio(el, '4 stars').closest('label')!);
    await settle(el, 10);
    expect(summary(el)).to.equal('4.0 1 vote');
    expect(checkedStars(el)).to.deep.equal(['4 stars']);
    expect(textOf(part(el, 'mine'))).to.equal('Your rating: 4 stars Remove my rating');
    byRole(el, 'button', 'Remove my rating');
    expect(announced(el)).to.equal('Your rating: 4 stars');
    expect(changes).to.have.length(1);
    expect(rates.map(({ value, average, count }) => ({ value, average, count }))).to.deep.equal([
      { value: 4, average: 4, count: 1 },
    ]);
    await expectAccessible(el);
  });

  it('previews the value under the pointer and goes back to the average after', async () => {
    const { seed, reader, close } = readers();
    await seed(4, 5); // 4.5
    const el = await mountRating(useBackend(reader('me')));
    expect(fills(el)).to.deep.equal([1, 1, 1, 1, 0.5]);
    const third = radio(el, '3 stars').closest('label')!.getBoundingClientRect();
    await sendMouse({ type: 'move', position: [Math.round(third.x + 12), Math.round(third.y + 12)] });
    await settle(el);
    expect(fills(el)).to.deep.equal([1, 1, 1, 0, 0]);
    await sendMouse({ type: 'move', position: [0, 0] });
    await settle(el);
    expect(fills(el)).to.deep.equal([1, 1, 1, 1, 0.5]);
    close();
  });

  it('rates by keyboard: Tab lands on the group, arrows move and select, Tab comes back to the checked star', async () => {
    const wrapper = await mount<HTMLDivElement>(
      html`<div>
        <button>before</button><chime-rating backend=${useBackend(localBackend())} page=${PAGE}></chime-rating
        ><button>after</button>
      </div>`,
    );
    const el = wrapper.querySelector('chime-rating')!;
    await settle(el);
    const changes = record(el, 'change');
    wrapper.querySelector('button')!.focus();
    await press('Tab');
    expect(accessibleName(focused()!)).to.equal('1 star');
    expect(fills(el)).to.deep.equal([1, 0, 0, 0, 0]); // focus previews
    await press('ArrowRight');
    await press('ArrowRight');
    await press('ArrowDown');
    await settle(el, 20);
    expect(accessibleName(focused()!)).to.equal('4 stars');
    expect(checkedStars(el)).to.deep.equal(['4 stars']);
    expect(summary(el)).to.equal('4.0 1 vote');
    expect(changes).to.have.length(3);
    await press('ArrowLeft');
    await settle(el, 20);
    expect(textOf(part(el, 'mine'))).to.contain('Your rating: 3 stars');
    await press('Tab'); // to "Remove my rating"
    expect(accessibleName(focused()!)).to.equal('Remove my rating');
    await press('Tab');
    expect(focused()!.textContent).to.equal('after');
    await press('Shift+Tab');
    await press('Shift+Tab');
    expect(accessibleName(focused()!)).to.equal('3 stars');
    await expectAccessible(el);
  });

  it('selects with Space when nothing is checked yet', async () => {
    const el = await mountRating(useBackend(localBackend()));
    radio(el, '1 star').focus();
    await press('Space');
    await settle(el, 10);
    expect(textOf(part(el, 'mine'))).to.contain('Your rating: 1 star');
  });

  it('lets the reader change and remove their rating', async () => {
    const { seed, reader, close } = readers();
    await seed(3);
    const el = await mountRating(useBackend(reader('me')));
    const rates = record<ChimeRateEvent>(el, 'chime-rate');
    const changes = record(el, 'change');
    await click(radio(el, '2 stars').closest('label')!);
    await settle(el, 10);
    expect(summary(el)).to.equal('2.5 2 votes');
    await click(radio(el, '5 stars').closest('label')!);
    await settle(el, 10);
    expect(summary(el)).to.equal('4.0 2 votes');
    expect(textOf(part(el, 'mine'))).to.contain('Your rating: 5 stars');
    await expectAccessible(el);

    await click(byRole(el, 'button', 'Remove my rating'));
    await settle(el, 10);
    expect(summary(el)).to.equal('3.0 1 vote');
    expect(queryByRole(el, 'button', 'Remove my rating')).to.equal(null);
    expect(checkedStars(el)).to.deep.equal([]);
    expect(announced(el)).to.equal('Your rating was removed.');
    expect(accessibleName(focused()!)).to.equal('1 star'); // focus stays in the widget
    expect(changes).to.have.length(3);
    expect(rates.map((e) => e.value)).to.deep.equal([2, 5, 0]);
    expect(rates.at(-1)!.count).to.equal(1);
    await expectAccessible(el);
    close();
  });

  it("shows the reader's own vote after a reload (one vote per reader)", async () => {
    const { reader, close } = readers();
    await reader('me').rate(PAGE, 4);
    const el = await mountRating(useBackend(reader('me')));
    expect(checkedStars(el)).to.deep.equal(['4 stars']);
    expect(textOf(part(el, 'mine'))).to.contain('Your rating: 4 stars');
    await click(radio(el, '2 stars').closest('label')!);
    await settle(el, 10);
    expect(summary(el)).to.equal('2.0 1 vote');
    close();
  });

  it("moves the average when a second reader rates, without disturbing the reader's focus", async () => {
    const { reader, close } = readers();
    const el = await mountRating(useBackend(reader('a', true)));
    await click(radio(el, '4 stars').closest('label')!);
    await settle(el, 10);
    expect(accessibleName(focused()!)).to.equal('4 stars');

    await reader('b', true).rate(PAGE, 2); // BroadcastChannel: a live rating.updated event
    await settle(el, 50);
    expect(summary(el)).to.equal('3.0 2 votes');
    expect(checkedStars(el)).to.deep.equal(['4 stars']);
    expect(textOf(part(el, 'mine'))).to.contain('Your rating: 4 stars');
    expect(accessibleName(focused()!)).to.equal('4 stars');
    expect(fills(el)).to.deep.equal([1, 1, 1, 1, 0]); // the star under the pointer still previews
    expect(announced(el)).to.equal('Your rating: 4 stars'); // live updates are not announced
    close();
  });

  it('rolls back, shows and announces the error when the backend fails, and retries', async () => {
    const control = controllableBackend(localBackend());
    control.fail('rate');
    const el = await mountRating(useBackend(control.backend));
    const errors = record<ChimeErrorEvent>(el, 'chime-error');
    const rates = record(el, 'chime-rate');
    await click(radio(el, '4 stars').closest('label')!);
    await settle(el, 10);
    expect(summary(el)).to.equal('0 0 votes');
    expect(checkedStars(el)).to.deep.equal([]);
    expect(queryByRole(el, 'button', 'Remove my rating')).to.equal(null);
    const alert = byRole(el, 'alert');
    expect(textOf(alert)).to.contain('Your rating was not saved. The comment server could not be reached.');
    expect(announced(el)).to.contain('Your rating was not saved.');
    expect(errors.map((e) => e.error.code)).to.deep.equal(['network']);
    expect(rates).to.have.length(0);
    await expectAccessible(el);

    control.heal();
    await click(byRole(alert, 'button', 'Try again'));
    await settle(el, 10);
    expect(queryByRole(el, 'alert')).to.equal(null);
    expect(summary(el)).to.equal('4.0 1 vote');
    expect(rates).to.have.length(1);
  });

  it('keeps the old rating when removing fails', async () => {
    const control = controllableBackend(localBackend());
    const el = await mountRating(useBackend(control.backend));
    await click(radio(el, '3 stars').closest('label')!);
    await settle(el, 10);
    control.fail('removeRating', new ChimeError('rate_limited', 'Slow down', { status: 429 }));
    await click(byRole(el, 'button', 'Remove my rating'));
    await settle(el, 10);
    expect(summary(el)).to.equal('3.0 1 vote');
    expect(checkedStars(el)).to.deep.equal(['3 stars']);
    expect(textOf(byRole(el, 'alert'))).to.contain('Your rating was not removed. You are doing that too often.');
  });

  it('becomes read-only when the backend answers that rating is closed', async () => {
    const backend = localBackend();
    const el = await mountRating(useBackend(backend));
    backend.setClosed(PAGE, { rating: true });
    await click(radio(el, '5 stars').closest('label')!);
    await settle(el, 10);
    expect(queryByRole(el, 'radiogroup')).to.equal(null);
    expect(accessibleName(byRole(el, 'img'))).to.equal('Rated 0 out of 5, 0 votes');
    expect(textOf(byRole(el, 'alert'))).to.contain('This is closed for new contributions.');
    await expectAccessible(el);
  });

  it('is read-only with `readonly`: one image labelled with the rating, no radios', async () => {
    const { seed, reader, close } = readers();
    await seed(5, 5, 4, 4, 3); // 4.2
    const el = await mountRating(useBackend(reader('me')));
    el.readonly = true;
    await settle(el);
    expect(queryByRole(el, 'radiogroup')).to.equal(null);
    expect(allByRole(el, 'radio')).to.have.length(0);
    expect(allByRole(el, 'img').map(accessibleName)).to.deep.equal(['Rated 4.2 out of 5, 5 votes']);
    expect(summary(el)).to.equal('4.2 5 votes');
    expect(fills(el)).to.deep.equal([1, 1, 1, 1, 0.2]);
    el.value = 1; // programmatic rating is ignored too
    await settle(el, 10);
    expect(summary(el)).to.equal('4.2 5 votes');
    await expectAccessible(el);
    close();
  });

  it('is read-only when the backend closed rating, still showing my vote', async () => {
    const { reader, close } = readers();
    const mine = reader('me');
    await mine.rate(PAGE, 4);
    mine.setClosed(PAGE, { rating: true });
    const el = await mountRating(useBackend(mine));
    expect(accessibleName(byRole(el, 'img'))).to.equal('Rated 4.0 out of 5, 1 vote');
    expect(textOf(part(el, 'mine'))).to.equal('Your rating: 4 stars');
    expect(queryByRole(el, 'button', 'Remove my rating')).to.equal(null);
    await expectAccessible(el);
    close();
  });

  it('shares one store between instances: one request, always in sync', async () => {
    const control = controllableBackend(localBackend());
    const name = useBackend(control.backend);
    const wrapper = await mount<HTMLDivElement>(
      html`<div>
        <chime-rating backend=${name} page=${PAGE} readonly></chime-rating>
        <chime-rating backend=${name} page=${PAGE}></chime-rating>
      </div>`,
    );
    const [header, footer] = Array.from(wrapper.querySelectorAll('chime-rating'));
    await settle(footer, 10);
    expect(control.calls.filter((c) => c === 'getPage')).to.have.length(1);
    await click(radio(footer!, '5 stars').closest('label')!);
    await settle(footer, 10);
    expect(summary(header!)).to.equal('5.0 1 vote');
    expect(accessibleName(byRole(header!, 'img'))).to.equal('Rated 5.0 out of 5, 1 vote');
    expect(control.calls.filter((c) => c === 'getPage')).to.have.length(1);
  });

  it('fills stars to the exact fraction (3.7), mirrored in RTL', async () => {
    const { seed, reader, close } = readers();
    await seed(5, 5, 5, 4, 4, 4, 3, 3, 2, 2); // 3.7
    const name = useBackend(reader('me'));
    const el = await mountRating(name);
    expect(summary(el)).to.equal('3.7 10 votes');
    expect(fills(el)).to.deep.equal([1, 1, 1, 0.7, 0]);
    const fourth = el.shadowRoot!.querySelectorAll('.star')[3]!;
    expect(fourth.querySelector('.fill')!.getBoundingClientRect().left).to.equal(fourth.getBoundingClientRect().left);

    const rtl = await mountRating(name, { lang: 'ar', dir: 'rtl' });
    const stars = Array.from(rtl.shadowRoot!.querySelectorAll('.star'));
    expect(stars[0]!.getBoundingClientRect().left).to.be.greaterThan(stars[4]!.getBoundingClientRect().left);
    const star = stars[3]!.getBoundingClientRect();
    const fill = stars[3]!.querySelector('.fill')!.getBoundingClientRect();
    expect(fill.right).to.equal(star.right);
    expect(Math.round((fill.width / star.width) * 100)).to.equal(70);
    close();
  });

  it('uses plural rules and the decimal separator of English and German', async () => {
    const { seed, reader, close } = readers();
    await seed(4);
    expect(summary(await mountRating(useBackend(reader('me'))))).to.equal('4.0 1 vote');
    await seed(4, 5); // seed-0 rates 4 again, seed-1 adds 5: 4.5
    const name = useBackend(reader('me'));
    const el = await mountRating(name);
    expect(summary(el)).to.equal('4.5 2 votes');
    const de = await mountRating(name, { lang: 'de' });
    expect(summary(de)).to.equal('4,5 2 Stimmen');
    expect(textOf(part(de, 'label'))).to.equal('Artikelbewertung');
    byRole(de, 'radiogroup', 'Diesen Artikel bewerten');
    expect(allByRole(de, 'radio').map(accessibleName).slice(0, 2)).to.deep.equal(['1 Stern', '2 Sterne']);
    await expectAccessible(de);
    close();
  });

  it('counts "1 Stimme" and "0 Stimmen" in German', async () => {
    const { reader, close } = readers();
    const el = await mountRating(useBackend(reader('me')), { lang: 'de' });
    expect(summary(el)).to.equal('0 0 Stimmen');
    await click(radio(el, '3 Sterne').closest('label')!);
    await settle(el, 10);
    expect(summary(el)).to.equal('3,0 1 Stimme');
    expect(textOf(part(el, 'mine'))).to.contain('Ihre Bewertung: 3 Sterne');
    close();
  });

  it('mirrors arrow keys in RTL (Arabic)', async () => {
    const el = await mountRating(useBackend(localBackend()), { lang: 'ar', dir: 'rtl' });
    expect(el.getAttribute('dir')).to.equal('rtl');
    const radios = allByRole(el, 'radio') as HTMLInputElement[];
    radios[0]!.focus();
    await press('ArrowLeft'); // leftwards is forwards in RTL
    await settle(el, 10);
    expect(focused()).to.equal(radios[1]);
    expect(radios[1]!.checked).to.equal(true);
    await press('ArrowRight');
    await settle(el, 10);
    expect(focused()).to.equal(radios[0]);
    expect(el.value).to.equal(1);
    await expectAccessible(el);
  });

  it('fires no `change` (nor `chime-rate`) when the value is set by code', async () => {
    const el = await mountRating(useBackend(localBackend()));
    const changes = record(el, 'change');
    const rates = record(el, 'chime-rate');
    el.value = 3;
    await settle(el, 10);
    expect(el.value).to.equal(3);
    expect(checkedStars(el)).to.deep.equal(['3 stars']);
    expect(summary(el)).to.equal('3.0 1 vote');
    el.value = 0;
    await settle(el, 10);
    expect(summary(el)).to.equal('0 0 votes');
    expect(changes).to.have.length(0);
    expect(rates).to.have.length(0);
  });

  it('takes `max` for the number of stars', async () => {
    const wrapper = await mount<HTMLDivElement>(
      html`<div><chime-rating backend=${useBackend(localBackend())} page=${PAGE} max="3"></chime-rating></div>`,
    );
    const el = wrapper.querySelector('chime-rating')!;
    await settle(el);
    expect(allByRole(el, 'radio').map(accessibleName)).to.deep.equal(['1 star', '2 stars', '3 stars']);
  });

  it('gives every star a target of at least 24 × 24 CSS px, even with small stars', async () => {
    const el = await mountRating(useBackend(localBackend()));
    el.style.setProperty('--chime-rating-star-size', '12px');
    for (const r of allByRole(el, 'radio')) {
      const box = r.getBoundingClientRect();
      expect(box.width).to.be.at.least(24);
      expect(box.height).to.be.at.least(24);
    }
  });

  it('keeps filled and empty stars apart in forced-colors mode (solid vs outline, system colours)', async () => {
    const { seed, reader, close } = readers();
    await seed(3);
    const el = await mountRating(useBackend(reader('me')));
    await emulateMedia({ forcedColors: 'active' });
    try {
      const [filled, empty] = [el.shadowRoot!.querySelector('.fill svg')!, el.shadowRoot!.querySelector('.star > svg')!];
      expect(getComputedStyle(empty).fill).to.equal('none');
      expect(getComputedStyle(filled).fill).to.not.equal('none');
      expect(getComputedStyle(filled).fill).to.equal(getComputedStyle(empty).stroke); // both CanvasText
      expect(fills(el)).to.deep.equal([1, 1, 1, 0, 0]);
    } finally {
      await emulateMedia({ forcedColors: 'none' });
    }
    close();
  });

  it('emits AggregateRating JSON-LD only with `structured-data` and votes, and removes it on disconnect', async () => {
    const jsonLd = () => Array.from(document.head.querySelectorAll('script[type="application/ld+json"]'));
    const empty = await mount<HTMLDivElement>(
      html`<div><chime-rating backend=${useBackend(localBackend())} page=${PAGE} structured-data></chime-rating></div>`,
    );
    await settle(empty.firstElementChild!);
    expect(jsonLd()).to.have.length(0); // no votes, no rating to claim

    const { seed, reader, close } = readers();
    await seed(4, 5);
    const name = useBackend(reader('me'));
    await mountRating(name);
    expect(jsonLd()).to.have.length(0); // off by default

    const wrapper = await mount<HTMLDivElement>(
      html`<div><chime-rating backend=${name} page=${PAGE} structured-data></chime-rating></div>`,
    );
    const el = wrapper.querySelector('chime-rating')!;
    await settle(el);
    expect(jsonLd()).to.have.length(1);
    el.value = 3;
    await settle(el, 10);
    expect(jsonLd()).to.have.length(1);
    const data = JSON.parse(jsonLd()[0]!.textContent!);
    expect(data).to.deep.include({ '@context': 'https://schema.org', '@type': 'AggregateRating', bestRating: 5, worstRating: 1 });
    expect(data.ratingValue).to.equal(4);
    expect(data.ratingCount).to.equal(3);
    expect(data.itemReviewed['@type']).to.equal('CreativeWork');
    expect(data.itemReviewed.url).to.equal(new URL(PAGE, location.href).href);
    el.remove();
    expect(jsonLd()).to.have.length(0);
    close();
  });

  it('shows a visible, translated error when no backend is configured', async () => {
    const el = await mountRating('');
    expect(textOf(byRole(el, 'alert'))).to.contain('no Chime server is configured');
    await expectAccessible(el);
  });

  it('offers "Try again" when the summary fails to load', async () => {
    const control = controllableBackend(localBackend());
    control.fail('getPage');
    const errors = record<ChimeErrorEvent>(document, 'chime-error');
    const el = await mountRating(useBackend(control.backend));
    const alert = byRole(el, 'alert');
    expect(textOf(alert)).to.contain('could not be reached');
    expect(errors.map((e) => e.error.code)).to.deep.equal(['network']);
    await expectAccessible(el);
    control.heal();
    await click(byRole(alert, 'button', 'Try again'));
    await settle(el, 10);
    expect(summary(el)).to.equal('0 0 votes');
  });
});
