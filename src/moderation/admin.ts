/**
 * The `/admin` page the reference server serves (the admin build's entry): the console, plus the
 * page's language picker. The server writes the page in the browser's language (Accept-Language);
 * a language picked here becomes the page's `lang` and `dir`, which the console follows, and is
 * remembered in this browser.
 */
import './define.js';
import { directionOf, loadLocale, supportedLocale, translate } from '../internal/i18n.js';

const STORAGE_KEY = 'chime:moderation:lang';
const picker = document.querySelector<HTMLSelectElement>('select#language');

function remembered(): string | null {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    return null; // storage blocked: the browser's language it is
  }
}

async function show(tag: string): Promise<void> {
  const locale = supportedLocale(tag);
  // The console's messages too (it added its loader when it was defined): one re-render, translated.
  await loadLocale(locale);
  const root = document.documentElement;
  root.lang = locale;
  root.dir = directionOf(locale);
  document.title = translate(locale, 'moderation.title');
  const heading = document.querySelector('h1');
  if (heading) heading.textContent = document.title;
  const label = document.querySelector('label[for="language"]');
  if (label) label.textContent = translate(locale, 'moderation.language');
  if (picker) picker.value = locale;
}

const stored = remembered();
if (stored && supportedLocale(stored) !== document.documentElement.lang) void show(stored);

picker?.addEventListener('change', () => {
  try {
    localStorage.setItem(STORAGE_KEY, picker.value);
  } catch {
    // not remembered, still shown
  }
  void show(picker.value);
});
