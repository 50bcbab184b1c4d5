/**
 * The base of every Chime element: settings resolution (backend, page, language, theme),
 * translated messages, the polite announcer and the shared error box.
 */
import { LitElement, html, nothing, type PropertyDeclarations, type TemplateResult } from 'lit';
import { toChimeError, type ChimeBackend, type ChimeError } from '../backend/contract.js';
import { onConfigChange, resolvePage, resolveSetting } from './config.js';
import { ChimeErrorEvent } from './events.js';
import { $locales, directionOf, formatNumber, loadLocale, supportedLocale, translate, type Locale } from './i18n.js';
import { baseStyles } from './styles.js';

const connected = new Set<ChimeElement>();
let documentObserver: MutationObserver | undefined;
const refreshAll = () => connected.forEach((el) => el.settingsChanged());

/** Nearest `attr` on the element or its ancestors, crossing shadow roots. */
function closestAttribute(start: Element, attr: string): string | null | undefined {
  let node: Node | null | undefined = start;
  while (node && !(node as Element).hasAttribute?.(attr)) node = node.parentNode ?? (node as ShadowRoot).host;
  return (node as Element | null | undefined)?.getAttribute(attr);
}

export abstract class ChimeElement extends LitElement {
  static override styles = [baseStyles];

  static override properties: PropertyDeclarations = {
    backend: {},
    page: {},
    theme: { reflect: true },
    announcement: { state: true },
  };

  /** Base URL of a Chime server, or `local` for the in-browser store. */
  declare backend?: string;

  /** Page id (default: the canonical URL's path, else `location.pathname`). */
  declare page?: string;

  /** `light`, `dark` or `auto` (follows `prefers-color-scheme`); default from the script tag, else light. */
  declare theme?: string;

  /** Polite announcement for screen readers; set through `announce()`. */
  protected announcement = '';

  /** True while the `dir` attribute is the page author's own, not one this element reflected. */
  #ownDir = false;
  #reflectedDir: string | null = null;

  override connectedCallback(): void {
    super.connectedCallback();
    connected.add(this);
    // Re-render every element when the document's `lang`/`dir` or `configure()` changes.
    if (!documentObserver) {
      documentObserver = new MutationObserver(refreshAll);
      documentObserver.observe(document.documentElement, { attributeFilter: ['lang', 'dir'] });
      onConfigChange(refreshAll);
    }
    this.settingsChanged();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    connected.delete(this);
  }

  /**
   * The first render waits for a task of its own: a page that boots several elements at once
   * renders them one task each, not in one long task that blocks the reader's input.
   */
  protected override async scheduleUpdate(): Promise<void> {
    if (!this.hasUpdated) await new Promise((resolve) => setTimeout(resolve));
    super.scheduleUpdate();
  }

  static override get observedAttributes(): string[] {
    return [...super.observedAttributes, 'lang', 'dir'];
  }

  override attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    super.attributeChangedCallback(name, old, value);
    if (name === 'dir' && value !== this.#reflectedDir) this.#ownDir = value !== null;
    if (name === 'lang' || name === 'dir') this.settingsChanged();
  }

  /** Called when language, direction or configuration may have changed. */
  settingsChanged(): void {
    if (!this.isConnected) return;
    const locale = this.locale;
    // Re-render when the locale's messages arrive.
    if (!$locales.get()[locale]) void loadLocale(locale).then(() => this.requestUpdate());
    this.theme ||= resolveSetting('theme', null) as string | undefined;
    const dir = this.direction;
    if (!this.#ownDir && this.getAttribute('dir') !== dir) {
      this.#reflectedDir = dir;
      this.setAttribute('dir', dir);
    }
    this.requestUpdate();
  }

  /** The language tag in force: own `lang` → configure() → script `data-lang` → nearest `lang` → en. */
  get languageTag(): string {
    return (resolveSetting('lang', this.getAttribute('lang')) as string) || closestAttribute(this, 'lang') || 'en';
  }

  /** The supported locale for `languageTag`. */
  get locale(): Locale {
    return supportedLocale(this.languageTag);
  }

  /** `rtl` or `ltr`: an own `dir` attribute wins, else it follows the language. */
  get direction(): 'ltr' | 'rtl' {
    return this.#ownDir ? (this.getAttribute('dir') === 'rtl' ? 'rtl' : 'ltr') : directionOf(this.languageTag);
  }

  /** The backend setting in force (attribute → configure() → script → meta → script origin). */
  get backendSetting(): string | ChimeBackend | undefined {
    return resolveSetting('backend', this.backend);
  }

  /** The page id in force. */
  get pageId(): string {
    return resolvePage(this.page);
  }

  /** A translated message. */
  t(key: string, vars?: Record<string, string | number>): string {
    return translate(this.locale, key, vars);
  }

  /** A number formatted for the element's locale. */
  formatNumber(value: number, options?: Intl.NumberFormatOptions): string {
    return formatNumber(this.locale, value, options);
  }

  /** Says `text` politely to screen readers (repeats are announced again). */
  announce(text: string): void {
    // Not during an update (`updated()` callers would cost a second one): clear, render, say it.
    void this.updateComplete.then(async () => {
      this.announcement = '';
      await this.updateComplete;
      this.announcement = text;
    });
  }

  /** A ChimeError for anything thrown, announced as a `chime-error` event. */
  protected reportError(error: unknown): ChimeError {
    const chimeError = toChimeError(error);
    this.dispatchEvent(new ChimeErrorEvent(chimeError));
    return chimeError;
  }

  /** The translated, reader-facing message for an error. */
  errorMessage(error: ChimeError): string {
    if (error.code === 'validation' && error.message) return error.message;
    const key = `error.${error.code}`;
    const text = this.t(key);
    return text === key ? this.t('error.internal') : text;
  }

  /** The shared error box: visible, announced (role=alert), with "Try again" where it helps. */
  protected renderError(error: ChimeError, retry?: () => void): TemplateResult {
    return html`<div class="error" role="alert" part="error">
      <p>${this.errorMessage(error)}</p>
      ${retry && error.code !== 'no_backend' ? html`<button type="button" @click=${retry}>${this.t('common.retry')}</button>` : nothing}
    </div>`;
  }

  /** The polite live region; render it once in each element's template. */
  protected renderAnnouncer(): TemplateResult {
    return html`<div class="sr-only" role="status" aria-live="polite">${this.announcement}</div>`;
  }
}
