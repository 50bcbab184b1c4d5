/**
 * Messages and formatting. English ships with each element (its own messages only); other
 * languages load on demand, so a page downloads only its own. Plurals use Intl.PluralRules, numbers Intl.NumberFormat.
 */
import { map } from 'nanostores';
import common from '../i18n/en/common.js';
import type reference from '../i18n/en.js';
import { currentConfig } from './config.js';

export type Message = string | Partial<Record<Intl.LDMLPluralRule, string>>;
export type Messages = Record<string, Message>;
export type MessageKey = keyof typeof reference;

export const LOCALES = ['en', 'de', 'fr', 'es', 'uk', 'ar'] as const;
export type Locale = (typeof LOCALES)[number];

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

/** Loaded message tables by locale; elements re-render when one arrives. */
export const $locales = map<Partial<Record<Locale, Messages>>>({ en });

const pending = new Map<Locale, Promise<void>>();

/** Maps any language tag to a supported locale (`de-AT` → `de`, `pt` → `en`). */
export function supportedLocale(tag: string | undefined | null): Locale {
  const base = (tag ?? '').toLowerCase().split(/[-_]/)[0] as Locale;
  return (LOCALES as readonly string[]).includes(base) ? base : 'en';
}

const RTL = new Set(['ar', 'he', 'fa', 'ur', 'ps', 'yi', 'dv', 'ckb']);

export function directionOf(tag: string | undefined | null): 'ltr' | 'rtl' {
  return RTL.has((tag ?? '').toLowerCase().split(/[-_]/)[0] ?? '') ? 'rtl' : 'ltr';
}

/** Loads a locale's messages once; resolves when they are in `$locales`. */
export function loadLocale(locale: Locale): Promise<void> {
  if ($locales.get()[locale]) return Promise.resolve();
  let promise = pending.get(locale);
  if (!promise) {
    promise = loaders[locale as Exclude<Locale, 'en'>]()
      .then((module) => $locales.setKey(locale, module.default))
      .catch(() => {
        pending.delete(locale); // keep English; a later element may retry
      });
    pending.set(locale, promise);
  }
  return promise;
}

function override(locale: Locale, key: string): Message | undefined {
  const messages = currentConfig().messages;
  if (!messages) return undefined;
  const perLocale = messages[locale];
  if (perLocale && typeof perLocale === 'object' && key in perLocale) return (perLocale as Messages)[key];
  const flat = messages[key];
  return typeof flat === 'string' ? flat : undefined;
}

const pluralRules = new Map<string, Intl.PluralRules>();
const numberFormats = new Map<string, Intl.NumberFormat>();

export function formatNumber(locale: string, value: number, options?: Intl.NumberFormatOptions): string {
  const id = `${locale}|${JSON.stringify(options ?? {})}`;
  let format = numberFormats.get(id);
  if (!format) numberFormats.set(id, (format = new Intl.NumberFormat(locale, options)));
  return format.format(value);
}

/**
 * Looks a message up (configure() overrides → the locale → English → the key itself) and fills
 * `{name}` placeholders; numbers are formatted for the locale. Plural messages pick their form
 * by `vars.count`.
 */
export function translate(locale: Locale, key: string, vars: Record<string, string | number> = {}): string {
  const tables = $locales.get();
  let message: Message = override(locale, key) ?? tables[locale]?.[key] ?? override('en', key) ?? en[key] ?? key;
  if (typeof message === 'object') {
    let rules = pluralRules.get(locale);
    if (!rules) pluralRules.set(locale, (rules = new Intl.PluralRules(locale)));
    const count = Number(vars.count ?? 0);
    message = message[rules.select(count)] ?? message.other ?? '';
  }
  return message.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = vars[name];
    if (value === undefined) return whole;
    return typeof value === 'number' ? formatNumber(locale, value) : value;
  });
}
