/**
 * The base of every Chime element: settings resolution (backend, page, language, theme),
 * translated messages, the polite announcer and the shared error box.
 */
import { LitElement, html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ChimeError, type ChimeBackend } from '../backend/contract.js';
import { onConfigChange, resolvePage, resolveSetting } from './config.js';
import { ChimeErrorEvent } from './events.js';
import { $locales, directionOf, formatNumber, loadLocale, supportedLocale, translate, type Locale } from './i18n.js';
import { StoreController } from './store-controller.js';
import { baseStyles } from './styles.js';

const connected = new Set<ChimeElement>();
let documentObserver: MutationObserver | undefined;

/** Re-renders every element when the document's `lang`/`dir` or `configure()` changes. */
function watchDocument(): void {
  if (documentObserver || typeof MutationObserver === 'undefined') return;
  documentObserver = new MutationObserver(() => connected.forEach((el) => el.settingsChanged()));
  documentObserver.observe(document.documentElement, { attributes: true, attributeFilter: ['lang', 'dir'] });
  onConfigChange(() => connected.forEach((el) => el.settingsChanged()));
}

/** Nearest `attr` on the element or its ancestors, crossing shadow roots. */
function closestAttribute(start: Element, attr: string): string | null {
  let node: Node | null = start;
  while (node) {
    if (node instanceof Element && node.hasAttribute(attr)) return node.getAttribute(attr);
    node = node.parentNode ?? (node instanceof ShadowRoot ? node.host : null);
  }
  return null;
}

export abstract class ChimeElement extends LitElement {
  static override styles = [baseStyles];

  /** Base URL of a Chime server, or `local` for the in-browser store. */
  @property() backend?: string;

  /** Page id (default: the canonical URL's path, else `location.pathname`). */
  @property() page?: string;

  /** `light`, `dark` or `auto` (follows `prefers-color-scheme`); default from the script tag, else light. */
  @property({ reflect: true }) theme?: string;

  /** Polite announcement for screen readers; set through `announce()`. */
  @state() protected announcement = '';

  // Re-render when a locale's messages arrive.
  protected readonly localesController = new StoreController(this, $locales);

  #ownDir = false;

  override connectedCallback(): void {
    super.connectedCallback();
    connected.add(this);
    watchDocument();
    this.settingsChanged();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    connected.delete(this);
  }

  static override get observedAttributes(): string[] {
    return [...super.observedAttributes, 'lang', 'dir'];
  }

  override attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    super.attributeChangedCallback(name, old, value);
    if (name === 'dir' && value !== this.#reflectedDir) this.#ownDir = value !== null;
    if (name === 'lang' || name === 'dir') this.settingsChanged();
  }

  #reflectedDir: string | null = null;

  /** Called when language, direction or configuration may have changed. */
  settingsChanged(): void {
    if (!this.isConnected) return;
    const locale = this.locale;
    if (!$locales.get()[locale]) void loadLocale(locale);
    if (!this.theme) {
      const theme = resolveSetting('theme', null);
      if (typeof theme === 'string') this.theme = theme;
    }
    if (!this.#ownDir) {
      const dir = this.direction;
      if (this.getAttribute('dir') !== dir) {
        this.#reflectedDir = dir;
        this.setAttribute('dir', dir);
      }
    }
    this.requestUpdate();
  }

  /** The language tag in force: own `lang` → configure() → script `data-lang` → nearest `lang` → en. */
  get languageTag(): string {
    const own = this.getAttribute('lang');
    const configured = resolveSetting('lang', own);
    if (typeof configured === 'string') return configured;
    return closestAttribute(this, 'lang') || 'en';
  }

  /** The supported locale for `languageTag`. */
  get locale(): Locale {
    return supportedLocale(this.languageTag);
  }

  /** `rtl` or `ltr`: an own `dir` attribute wins, else it follows the language. */
  get direction(): 'ltr' | 'rtl' {
    if (this.#ownDir) return this.getAttribute('dir') === 'rtl' ? 'rtl' : 'ltr';
    return directionOf(this.languageTag);
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
    this.announcement = '';
    void this.updateComplete.then(() => {
      this.announcement = text;
    });
  }

  /** A ChimeError for anything thrown, announced as a `chime-error` event. */
  protected reportError(error: unknown): ChimeError {
    const chimeError =
      error instanceof ChimeError ? error : new ChimeError('internal', error instanceof Error ? error.message : String(error));
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
