/**
 * Messages and formatting. English ships with each element (its own messages only); other
 * languages load on demand, so a page downloads only its own. Plurals use Intl.PluralRules, numbers Intl.NumberFormat.
 */
import { atom } from 'nanostores';
import common from '../i18n/en/common.js';
import type reference from '../i18n/en.js';
import { currentConfig } from './config.js';

export type Message = string | Partial<Record<Intl.LDMLPluralRule, string>>;
export type Messages = Record<string, Message>;
export type MessageKey = keyof typeof reference;

export const LOCALES = ['en', 'de', 'fr', 'es', 'uk', 'ar'] as const;
export type Locale = (typeof LOCALES)[number];

type Loader = (locale: Exclude<Locale, 'en'>) => Promise<{ default: Messages }>;

/** Each language's messages: the reader elements' table, then the parts elements add (`addLoader`). */
const loaders: Record<Exclude<Locale, 'en'>, () => Promise<{ default: Messages }>> = {
  de: () => import('../i18n/de.js'),
  fr: () => import('../i18n/fr.js'),
  es: () => import('../i18n/es.js'),
  uk: () => import('../i18n/uk.js'),
  ar: () => import('../i18n/ar.js'),
};

/**
 * English as far as it is loaded: the shared messages, then each element's part, added by
 * `addEnglish` when its class is defined.
 */
const en: Messages = { ...common };

/** Adds an element's English messages (`static { addEnglish(messages) }` in its class). */
export function addEnglish(messages: Messages): void {
  Object.assign(en, messages);
}

/** Loaded message tables by locale; elements re-render when `loadLocale` resolves. */
export const $locales = atom<Partial<Record<Locale, Messages>>>({ en });

const pending = new Map<Locale, Promise<void>>();

/**
 * Adds an element's own messages in the other languages, loaded on demand with the readers'
 * (`static { addLoader(load) }` in its class): an element outside chime.js keeps its texts out of
 * the reader pages' chunks. A language loaded before loads again, with this part, when next asked.
 */
export function addLoader(load: Loader): void {
  for (const locale in loaders) {
    const key = locale as Exclude<Locale, 'en'>;
    const before = loaders[key];
    loaders[key] = () => Promise.all([before(), load(key)]).then(([a, b]) => ({ default: { ...a.default, ...b.default } }));
  }
  pending.clear();
}

/** `de-AT` → `de`. */
const baseLanguage = (tag: string | undefined | null) => (tag ?? '').toLowerCase().split(/[-_]/)[0]!;

/** Maps any language tag to a supported locale (`de-AT` → `de`, `pt` → `en`). */
export function supportedLocale(tag: string | undefined | null): Locale {
  const base = baseLanguage(tag) as Locale;
  return LOCALES.includes(base) ? base : 'en';
}

export function directionOf(tag: string | undefined | null): 'ltr' | 'rtl' {
  return /^(ar|he|fa|ur|ps|yi|dv|ckb)$/.test(baseLanguage(tag)) ? 'rtl' : 'ltr';
}

/** Loads a locale's messages once; resolves when they are in `$locales` (at once when they are). */
export function loadLocale(locale: Locale): Promise<void> {
  if (locale === 'en') return Promise.resolve();
  let promise = pending.get(locale);
  if (!promise) {
    promise = loaders[locale as Exclude<Locale, 'en'>]()
      .then((module) => $locales.set({ ...$locales.get(), [locale]: module.default }))
      .catch(() => {
        pending.delete(locale); // keep English; a later element may retry
      });
    pending.set(locale, promise);
  }
  return promise;
}

/** A `configure({ messages })` override: per locale (`{ de: { key: text } }`), else flat for all. */
function override(locale: Locale, key: string): Message | undefined {
  const messages = currentConfig().messages ?? {};
  const perLocale = messages[locale];
  if (typeof perLocale === 'object' && key in perLocale) return (perLocale as Messages)[key];
  const flat = messages[key];
  return typeof flat === 'string' ? flat : undefined;
}

/** Intl formatters are costly to create: one per locale and options. */
const formatters = new Map<string, Intl.NumberFormat | Intl.PluralRules>();
function formatter<T extends Intl.NumberFormat | Intl.PluralRules>(id: string, create: () => T): T {
  let made = formatters.get(id) as T | undefined;
  if (!made) formatters.set(id, (made = create()));
  return made;
}

export function formatNumber(locale: string, value: number, options?: Intl.NumberFormatOptions): string {
  return formatter(`${locale}|${JSON.stringify(options)}`, () => new Intl.NumberFormat(locale, options)).format(value);
}

/**
 * Looks a message up (configure() overrides → the locale → English → the key itself) and fills
 * `{name}` placeholders; numbers are formatted for the locale. Plural messages pick their form
 * by `vars.count`.
 */
export function translate(locale: Locale, key: string, vars: Record<string, string | number> = {}): string {
  let message: Message = override(locale, key) ?? $locales.get()[locale]?.[key] ?? override('en', key) ?? en[key] ?? key;
  if (typeof message === 'object') {
    const rules = formatter(locale, () => new Intl.PluralRules(locale));
    message = message[rules.select(Number(vars.count ?? 0))] ?? message.other ?? '';
  }
  return message.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = vars[name];
    return value === undefined ? whole : typeof value === 'number' ? formatNumber(locale, value) : value;
  });
}
