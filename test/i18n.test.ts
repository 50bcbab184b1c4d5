// Every locale matches English key for key, with the plural forms its language needs and the
// same placeholders (the reader elements' tables, and the moderation console's own);
// configure({ messages }) overrides any string; an element's own loader adds its part.
import { expect, html } from '@open-wc/testing';
import { cleanup, mount, settle, textOf } from './harness.js';
import en from '../src/i18n/en.js';
import moderationEn from '../src/moderation/i18n/en.js';
// Each element adds its own English when it is defined.
import '../src/comments/define.js';
import '../src/count/define.js';
import '../src/feedback/define.js';
import '../src/rating/define.js';
import '../src/share/define.js';
import { ChimeElement } from '../src/internal/chime-element.js';
import { configure } from '../src/internal/config.js';
import {
  $locales,
  LOCALES,
  addLoader,
  loadLocale,
  translate,
  type Locale,
  type Message,
  type Messages,
} from '../src/internal/i18n.js';

const placeholders = (text: string) => new Set([...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!));
const sorted = (values: Iterable<string>) => [...values].sort();
const forms = (message: Message): string[] => (typeof message === 'string' ? [message] : Object.values(message));

async function messagesOf(locale: Locale): Promise<Messages> {
  await loadLocale(locale);
  const messages = $locales.get()[locale];
  if (!messages) throw new Error(`${locale} did not load`);
  return messages;
}

/** The console's own tables, loaded as the console loads them (never into a reader page). */
const moderationLocales: Record<Exclude<Locale, 'en'>, () => Promise<{ default: Messages }>> = {
  de: () => import('../src/moderation/i18n/de.js'),
  fr: () => import('../src/moderation/i18n/fr.js'),
  es: () => import('../src/moderation/i18n/es.js'),
  uk: () => import('../src/moderation/i18n/uk.js'),
  ar: () => import('../src/moderation/i18n/ar.js'),
};
const moderationOf = async (locale: Locale): Promise<Messages> =>
  locale === 'en' ? moderationEn : (await moderationLocales[locale]()).default;

/** Every locale of a table against its English: keys, plural forms, placeholders. */
function describeLocales(name: string, english: Messages, messagesOf: (locale: Locale) => Promise<Messages>): void {
  for (const locale of LOCALES) {
    describe(`${name}: ${locale}`, () => {
      it('has exactly the keys of English: none missing, none extra', async () => {
        const messages = await messagesOf(locale);
        const missing = Object.keys(english).filter((key) => !(key in messages));
        const extra = Object.keys(messages).filter((key) => !(key in english));
        expect(missing, `${locale} misses`).to.deep.equal([]);
        expect(extra, `${locale} has keys English does not`).to.deep.equal([]);
      });

      it('gives every plural message exactly the categories Intl.PluralRules uses for it', async () => {
        const messages = await messagesOf(locale);
        const needed = sorted(new Intl.PluralRules(locale).resolvedOptions().pluralCategories);
        for (const [key, reference] of Object.entries(english)) {
          const message = messages[key];
          if (message === undefined) continue; // reported by the key test
          if (typeof reference === 'string') {
            expect(typeof message, `${locale} ${key} is a plain string in English`).to.equal('string');
            continue;
          }
          expect(typeof message, `${locale} ${key} must be plural`).to.equal('object');
          expect(sorted(Object.keys(message)), `${locale} ${key} plural categories`).to.deep.equal(needed);
        }
      });

      it('keeps the placeholders and leaves no text empty', async () => {
        const messages = await messagesOf(locale);
        for (const [key, reference] of Object.entries(english)) {
          const message = messages[key];
          if (message === undefined) continue;
          const expected = new Set(forms(reference).flatMap((text) => [...placeholders(text)]));
          for (const text of forms(message)) {
            expect(text.trim(), `${locale} ${key} is empty`).not.to.equal('');
            // A plural form may leave out {count} ("one comment"), but may not invent a placeholder.
            for (const name of placeholders(text))
              expect(expected.has(name), `${locale} ${key}: unknown {${name}}`).to.equal(true);
          }
          // The general form ("other", or the only one) carries every placeholder English has.
          const general = typeof message === 'string' ? message : (message.other ?? '');
          expect(sorted(placeholders(general)), `${locale} ${key} placeholders`).to.deep.equal(sorted(expected));
        }
      });
    });
  }
}

describe('locales', () => {
  it("English in use is the reference: the shared part plus every element's own, nothing lost", () => {
    expect($locales.get().en).to.deep.equal(en);
  });

  it("keeps the console's keys apart from the readers': none in both", () => {
    expect(Object.keys(moderationEn).filter((key) => key in en)).to.deep.equal([]);
  });

  describeLocales('reader elements', en as Messages, messagesOf);
  describeLocales('moderation console', moderationEn as Messages, moderationOf);

  it('picks plural forms and formats numbers by locale', async () => {
    await Promise.all(LOCALES.map(loadLocale));
    const plural = Object.entries(en as Messages).find(([, message]) => typeof message === 'object');
    if (!plural) return; // no plural message exists yet: nothing to pick
    const [key] = plural;
    // Arabic distinguishes 2 ("two") from 3 ("few") and 11 ("many"): three different texts.
    const arabic = new Set([2, 3, 11].map((count) => translate('ar', key, { count })));
    expect(arabic.size).to.equal(3);
    expect(translate('de', key, { count: 1234 })).to.contain('1.234');
    expect(translate('en', key, { count: 1234 })).to.contain('1,234');
  });
});

/** A minimal element showing one message, to see overrides reach rendered text. */
class ChimeI18nProbe extends ChimeElement {
  override render() {
    return html`<p>${this.t('common.retry')}</p>`;
  }
}
customElements.define('chime-i18n-probe', ChimeI18nProbe);

describe('configure({ messages })', () => {
  afterEach(cleanup);

  it('overrides a string for every language with a flat key', async () => {
    await loadLocale('de');
    configure({ messages: { 'common.retry': 'Once more' } });
    expect(translate('en', 'common.retry')).to.equal('Once more');
    expect(translate('de', 'common.retry')).to.equal('Once more');
  });

  it('overrides a string for one language only', async () => {
    await loadLocale('de');
    configure({ messages: { de: { 'common.retry': 'Noch einmal' } } });
    expect(translate('de', 'common.retry')).to.equal('Noch einmal');
    expect(translate('en', 'common.retry')).to.equal('Try again');
  });

  it('prefers the per-language override to the flat one', async () => {
    configure({ messages: { 'common.retry': 'Flat', fr: { 'common.retry': 'Encore' } } });
    expect(translate('fr', 'common.retry')).to.equal('Encore');
    expect(translate('es', 'common.retry')).to.equal('Flat');
  });

  it('overrides plural messages with plural forms', () => {
    configure({ messages: { en: { 'test.things': { one: '{count} thing', other: '{count} things' } } } });
    expect(translate('en', 'test.things', { count: 1 })).to.equal('1 thing');
    expect(translate('en', 'test.things', { count: 2 })).to.equal('2 things');
  });

  it('re-renders elements already on the page', async () => {
    const el = await mount<ChimeI18nProbe>(html`<chime-i18n-probe lang="es"></chime-i18n-probe>`);
    await settle(el, 50);
    expect(textOf(el)).to.equal(translate('es', 'common.retry'));
    configure({ messages: { es: { 'common.retry': 'Otra vez' } } });
    await settle(el);
    expect(textOf(el)).to.equal('Otra vez');
  });
});

// Last: it adds a part to every language.
describe('addLoader', () => {
  it("adds an element's part to each language, also to one loaded before", async () => {
    await loadLocale('fr');
    const asked: string[] = [];
    addLoader(async (locale) => {
      asked.push(locale);
      return { default: { 'probe.extra': `extra ${locale}` } };
    });
    expect(translate('fr', 'probe.extra')).to.equal('probe.extra');
    await loadLocale('fr');
    expect(translate('fr', 'probe.extra')).to.equal('extra fr');
    expect(translate('fr', 'common.retry'), "the readers' part stays").to.equal('Réessayer');
    await loadLocale('fr');
    await loadLocale('uk');
    expect(asked).to.deep.equal(['fr', 'uk']);
    expect(translate('uk', 'probe.extra')).to.equal('extra uk');
  });
});
