import { autoUpdate, computePosition, flip, offset, shift } from '@floating-ui/dom';
import { html, nothing, svg, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { ChimeBackend } from '../backend/contract.js';
import { ChimeElement } from '../internal/chime-element.js';
import { addEnglish } from '../internal/i18n.js';
import messages from '../i18n/en/share.js';
import { ChimeShareEvent } from './events.js';
import { ICONS, NAMES, parseInstance, parseNetworks, shareHref, withUtm, type ShareData, type ShareNetwork } from './networks.js';
import { styles } from './share.styles.js';

/** Where the reader's Mastodon server is remembered. */
export const MASTODON_KEY = 'chime:mastodon-instance';

// The backend client loads only when a share is recorded or counts are asked for: share links need none.
const loadStore = () => import('../stores/share.js');

const meta = (selector: string, attr = 'content') => document.querySelector(selector)?.getAttribute(attr)?.trim() || '';

const icon = (name: keyof typeof ICONS) =>
  svg`<svg part="icon" viewBox="0 0 24 24" fill-rule="evenodd" aria-hidden="true" focusable="false"><path d=${ICONS[name]}></path></svg>`;

/** One template per heading level: lit needs the tag name in a template's static text. */
const HEADINGS = [
  (text: string) => html`<h1 class="heading" part="heading">${text}</h1>`,
  (text: string) => html`<h2 class="heading" part="heading">${text}</h2>`,
  (text: string) => html`<h3 class="heading" part="heading">${text}</h3>`,
  (text: string) => html`<h4 class="heading" part="heading">${text}</h4>`,
  (text: string) => html`<h5 class="heading" part="heading">${text}</h5>`,
  (text: string) => html`<h6 class="heading" part="heading">${text}</h6>`,
];

function readInstance(): string | null {
  try {
    return parseInstance(localStorage.getItem(MASTODON_KEY) ?? '');
  } catch {
    return null;
  }
}

/** Copies through a hidden textarea where the Clipboard API is missing or refused. */
function fallbackCopy(text: string): boolean {
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.append(area);
  area.select();
  try {
    return document.execCommand('copy');
  } catch {
    return false;
  } finally {
    area.remove();
  }
}

type Notice = 'copied' | 'copy-failed' | 'share-failed' | null;

/**
 * Privacy-respecting share buttons: one real link per network (no request to any network before
 * the reader clicks), copy link, the device's share sheet, and an overflow menu.
 *
 * Shared URL, title and text come from the `url`, `title` and `text` attributes, else the
 * page's canonical link / `og:url` / `og:title` / `og:description` / `document.title` /
 * `location.href` (without its fragment). With a backend, each share is recorded (fire-and-forget)
 * and `counts` shows the page's total; without one, sharing works all the same.
 *
 * Mastodon asks once for the reader's server (remembered in `localStorage` under
 * `chime:mastodon-instance`); until then a modified or middle click goes to mastodon.social.
 *
 * @summary "Share this news": share links, copy link, native share, overflow menu.
 *
 * @tagname chime-share
 *
 * @event {ChimeShareEvent} chime-share - `{ network, url }` before a share (`network` is also `copy` or `native`); cancelable: `preventDefault()` stops the navigation, copy or share sheet.
 *
 * @csspart base - The wrapper.
 * @csspart heading - The heading ("Share this news").
 * @csspart count - The share total (with `counts`).
 * @csspart list - The list of share controls.
 * @csspart link - A network's share link.
 * @csspart icon - A network's icon.
 * @csspart label - The visible name beside an icon (variants `labels` and `pills`).
 * @csspart copy-button - The "Copy link" button.
 * @csspart native-button - The "Share…" button.
 * @csspart more-button - The "More share options" button.
 * @csspart menu - The overflow menu.
 * @csspart menu-item - An item of the overflow menu.
 * @csspart mastodon-change - The button to change the remembered Mastodon server.
 * @csspart dialog - The Mastodon server popover.
 * @csspart input - The Mastodon server field.
 * @csspart status - The visible confirmation or failure of copy and native share.
 *
 * @cssproperty --chime-color-accent - Accent (pill background, hover).
 * @cssproperty --chime-color-on-accent - Text on the accent.
 * @cssproperty --chime-color-text - Text and icons.
 * @cssproperty --chime-color-muted - The share total and hints.
 * @cssproperty --chime-color-border - Button outlines.
 * @cssproperty --chime-color-surface-raised - Menu and popover background.
 * @cssproperty --chime-color-success - "Link copied".
 * @cssproperty --chime-color-danger - Failures and field errors.
 * @cssproperty --chime-color-focus - Focus ring.
 * @cssproperty --chime-radius - Corner radius of menu, popover and label buttons.
 * @cssproperty --chime-space - Gap between controls.
 * @cssproperty --chime-font-family - Font (inherits the page's by default).
 * @cssproperty --chime-font-size - Base font size.
 * @cssproperty --chime-shadow - Menu and popover shadow.
 * @cssproperty --chime-share-size - Height (and width for icons) of a share control; default 2.5rem, never below 24px.
 */
export class ChimeShare extends ChimeElement {
  static override styles = [...ChimeElement.styles, styles];

  static {
    addEnglish(messages);
  }

  /** URL to share (default: canonical link, `og:url`, else the page's URL). */
  @property() url?: string;

  /** Title to share (default: `og:title`, else `document.title`). */
  @property({ attribute: 'title' }) shareTitle?: string;

  /** Description to share, used by email and the share sheet (default: `og:description`). */
  @property() text?: string;

  /** Networks to offer, in order, comma or space separated (default: `facebook x linkedin reddit whatsapp telegram bluesky mastodon email`; also `threads pinterest hackernews xing vk line`). */
  @property() networks?: string;

  /** How many networks show before the rest move into the "More share options" menu. */
  @property({ type: Number, attribute: 'max-visible' }) maxVisible = 6;

  /** Layout: `icons` (round icon buttons), `labels` (icon and name) or `pills` (filled icon and name). */
  @property({ reflect: true }) variant: 'icons' | 'labels' | 'pills' = 'icons';

  /** Heading text (default "Share this news", translated); an empty string hides the heading. */
  @property() label?: string;

  /** Level of the heading element (1–6). */
  @property({ type: Number, attribute: 'heading-level' }) headingLevel = 2;

  /**
   * UTM parameters added to the URL given to each network (and the share sheet), e.g.
   * `source={network}&medium=social`: keys get the `utm_` prefix, `{network}` becomes the
   * network id. "Copy link" copies the clean URL; the page's own URL is never changed.
   */
  @property() utm?: string;

  /** Shows the page's share total (needs a backend; hidden silently when unavailable). */
  @property({ type: Boolean }) counts = false;

  @state() private menuOpen = false;
  @state() private dialog: 'share' | 'change' | null = null;
  @state() private instanceError = '';
  @state() private notice: Notice = null;
  @state() private total: number | null = null;

  /** The reader's Mastodon server when localStorage is unavailable. */
  #instance: string | null = null;
  #stopFloat?: () => void;
  #dialogReturn?: HTMLElement;
  #noticeTimer?: ReturnType<typeof setTimeout>;
  #countsKey: unknown[] | null = null;
  #stopCounts?: () => void;

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#closeMenu(false);
    this.#closeDialog(false);
    clearTimeout(this.#noticeTimer);
    this.#unwatchCounts();
    this.#countsKey = null;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const key = this.counts && this.isConnected ? [this.backendSetting, this.pageId] : null;
    const old = this.#countsKey;
    if (key?.[0] === old?.[0] && key?.[1] === old?.[1] && !key === !old) return;
    this.#countsKey = key;
    this.#unwatchCounts();
    if (key) void this.#watchCounts(key[0] as string | ChimeBackend | undefined, key[1] as string);
  }

  async #watchCounts(setting: string | ChimeBackend | undefined, page: string): Promise<void> {
    if (!setting) return;
    const key = this.#countsKey;
    const { shareStore } = await loadStore();
    if (key !== this.#countsKey) return; // disconnected or re-pointed meanwhile
    const store = shareStore(setting, page);
    if (!store) return;
    this.#stopCounts = store.$state.subscribe(({ summary, error }) => {
      // Like a vote count of 0, "0 shares" says nothing useful: show a total once there is one.
      this.total = !error && summary?.shares.total ? summary.shares.total : null;
    });
  }

  #unwatchCounts(): void {
    this.#stopCounts?.();
    this.#stopCounts = undefined;
    this.total = null;
  }

  /** What is shared, for one channel (UTM parameters applied). */
  shareData(channel = ''): ShareData {
    let url = this.url || meta('link[rel="canonical"]', 'href') || meta('meta[property="og:url"]');
    url ||= location.href.replace(/#.*$/, '');
    try {
      url = new URL(url, document.baseURI).href;
    } catch {
      // keep what the page gave
    }
    return {
      url: channel ? withUtm(url, this.utm, channel) : url,
      title: this.shareTitle || meta('meta[property="og:title"]') || document.title,
      text: this.text ?? (meta('meta[property="og:description"]') || meta('meta[name="description"]')),
    };
  }

  get #mastodonInstance(): string | null {
    return readInstance() ?? this.#instance;
  }

  /** Fires `chime-share`; false when a listener canceled it. */
  #announceShare(network: string, url: string): boolean {
    const event = new ChimeShareEvent(network, url);
    return this.dispatchEvent(event);
  }

  /** Records a share with the backend, if there is one; never waits, never fails loudly. */
  #record(network: string): void {
    const setting = this.backendSetting;
    const page = this.pageId;
    if (!setting) return;
    loadStore()
      .then((store) => store.recordShare(setting, page, network))
      .catch(() => {});
  }

  #onLink(event: MouseEvent, network: ShareNetwork): void {
    if (event.type === 'auxclick' && event.button !== 1) return; // only a middle click opens a link
    const plain = event.type === 'click' && !(event.ctrlKey || event.metaKey || event.shiftKey || event.altKey);
    if (network === 'mastodon' && !this.#mastodonInstance && plain) {
      event.preventDefault();
      this.#openDialog('share');
      return;
    }
    if (!this.#announceShare(network, this.shareData(network).url)) event.preventDefault();
    else this.#record(network);
    if (plain) this.#closeMenu(true);
  }

  async #copy(): Promise<void> {
    const { url } = this.shareData();
    if (!this.#announceShare('copy', url)) return;
    let copied: boolean;
    try {
      await navigator.clipboard.writeText(url);
      copied = true;
    } catch {
      copied = fallbackCopy(url);
      this.renderRoot.querySelector<HTMLElement>('.copy')?.focus();
    }
    if (copied) this.#record('copy');
    this.#notify(copied ? 'copied' : 'copy-failed', copied ? 'share.copied' : 'share.copyFailed');
  }

  get #nativeData(): ShareData | null {
    if (typeof navigator.share !== 'function') return null;
    const data = this.shareData('native');
    if (!data.text) delete (data as Partial<ShareData>).text;
    return navigator.canShare?.(data) === false ? null : data;
  }

  async #nativeShare(): Promise<void> {
    const data = this.#nativeData;
    if (!data || !this.#announceShare('native', data.url)) return;
    try {
      await navigator.share(data);
      this.#record('native');
    } catch (error) {
      // The reader closing the share sheet is not a failure.
      if ((error as Error)?.name !== 'AbortError') this.#notify('share-failed', 'share.nativeFailed');
    }
  }

  #notify(notice: Notice, key: string): void {
    clearTimeout(this.#noticeTimer);
    this.notice = notice;
    this.announce(this.t(key));
    if (notice === 'copied') this.#noticeTimer = setTimeout(() => (this.notice = null), 4000);
  }

  // --- floating menu and popover -------------------------------------------------------------

  #part = <T extends HTMLElement>(selector: string) => this.renderRoot.querySelector<T>(selector);

  #float(anchor: HTMLElement, floating: HTMLElement): void {
    this.#stopFloat?.();
    const stop = autoUpdate(anchor, floating, () => {
      void computePosition(anchor, floating, {
        strategy: 'fixed',
        placement: 'bottom-start',
        middleware: [offset(4), flip(), shift({ padding: 8 })],
      }).then(({ x, y }) => {
        floating.style.left = `${x}px`;
        floating.style.top = `${y}px`;
      });
    });
    this.#stopFloat = () => {
      stop();
      this.#stopFloat = undefined;
    };
  }

  #onOutside = (event: Event): void => {
    const path = event.composedPath();
    const inside = (selector: string) => {
      const el = this.#part(selector);
      return !!el && path.includes(el);
    };
    if (this.menuOpen && !inside('.menu') && !inside('.more')) this.#closeMenu(false);
    if (this.dialog && !inside('.popover')) this.#closeDialog(false);
  };

  #listenOutside(on: boolean): void {
    if (on) document.addEventListener('pointerdown', this.#onOutside, true);
    else if (!this.menuOpen && !this.dialog) document.removeEventListener('pointerdown', this.#onOutside, true);
  }

  get #items(): HTMLElement[] {
    return Array.from(this.renderRoot.querySelectorAll<HTMLElement>('[role="menuitem"]'));
  }

  async #openMenu(focus: 'first' | 'last'): Promise<void> {
    this.#closeDialog(false);
    this.menuOpen = true;
    await this.updateComplete;
    const button = this.#part('.more');
    const menu = this.#part('.menu');
    if (!button || !menu || !this.menuOpen) return;
    this.#float(button, menu);
    this.#listenOutside(true);
    const items = this.#items;
    items[focus === 'first' ? 0 : items.length - 1]?.focus();
  }

  #closeMenu(returnFocus: boolean): void {
    if (!this.menuOpen) return;
    this.menuOpen = false;
    this.#stopFloat?.();
    this.#listenOutside(false);
    if (returnFocus) this.#part('.more')?.focus();
  }

  #onMoreKey(event: KeyboardEvent): void {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    event.preventDefault();
    void this.#openMenu(event.key === 'ArrowDown' ? 'first' : 'last');
  }

  #onMenuKey(event: KeyboardEvent): void {
    const items = this.#items;
    const current = items.indexOf(this.shadowRoot?.activeElement as HTMLElement);
    let next: number;
    switch (event.key) {
      case 'ArrowDown':
        next = (current + 1) % items.length;
        break;
      case 'ArrowUp':
        next = (current - 1 + items.length) % items.length;
        break;
      case 'Home':
        next = 0;
        break;
      case 'End':
        next = items.length - 1;
        break;
      case 'Escape':
        event.preventDefault();
        this.#closeMenu(true);
        return;
      case 'Tab':
        this.#closeMenu(false);
        return;
      case ' ':
        event.preventDefault();
        items[current]?.click();
        return;
      default: {
        // Type-ahead: the next item whose visible name starts with the typed character.
        if (event.key.length !== 1 || event.ctrlKey || event.metaKey || event.altKey) return;
        const char = event.key.toLocaleLowerCase();
        const order = [...items.slice(current + 1), ...items.slice(0, current + 1)];
        const match = order.find((item) => item.textContent?.trim().toLocaleLowerCase().startsWith(char));
        if (!match) return;
        next = items.indexOf(match);
      }
    }
    event.preventDefault();
    items[next]?.focus();
  }

  async #openDialog(mode: 'share' | 'change'): Promise<void> {
    const menuWasOpen = this.menuOpen;
    this.#closeMenu(false);
    const anchor = menuWasOpen ? this.#part('.more') : this.#part(mode === 'share' ? '.link-mastodon' : '.change');
    this.#dialogReturn = anchor ?? undefined;
    this.instanceError = '';
    this.dialog = mode;
    await this.updateComplete;
    const popover = this.#part('.popover');
    const input = this.#part<HTMLInputElement>('input[name="instance"]');
    if (!popover || !input || !this.dialog) return;
    if (anchor) this.#float(anchor, popover);
    this.#listenOutside(true);
    input.value = this.#mastodonInstance ?? '';
    input.focus();
    input.select();
  }

  #closeDialog(returnFocus: boolean): void {
    if (!this.dialog) return;
    this.dialog = null;
    this.#stopFloat?.();
    this.#listenOutside(false);
    if (returnFocus) this.#dialogReturn?.focus();
  }

  #onDialogKey(event: KeyboardEvent): void {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    event.stopPropagation();
    this.#closeDialog(true);
  }

  /** A non-modal popover: tabbing away from it closes it. */
  #onDialogFocusOut(event: FocusEvent): void {
    const next = event.relatedTarget as Node | null;
    if (next && !(event.currentTarget as HTMLElement).contains(next)) this.#closeDialog(false);
  }

  #submitInstance(event: SubmitEvent): void {
    event.preventDefault();
    const input = this.#part<HTMLInputElement>('input[name="instance"]')!;
    const host = parseInstance(input.value);
    if (!host) {
      this.instanceError = this.t('share.mastodon.invalid');
      this.announce(this.instanceError);
      input.focus();
      return;
    }
    this.#instance = host;
    try {
      localStorage.setItem(MASTODON_KEY, host);
    } catch {
      // private mode: remembered for this page only
    }
    const sharing = this.dialog === 'share';
    this.#closeDialog(true);
    if (!sharing) return;
    const data = this.shareData('mastodon');
    if (this.#announceShare('mastodon', data.url)) {
      this.#record('mastodon');
      window.open(shareHref('mastodon', data, host), '_blank', 'noopener,noreferrer');
    }
  }

  // --- rendering ------------------------------------------------------------------------------

  #link(network: ShareNetwork, inMenu: boolean): TemplateResult {
    const instance = network === 'mastodon' ? this.#mastodonInstance : null;
    const email = network === 'email';
    const name = email ? this.t('share.email') : this.t('share.on', { network: NAMES[network] });
    const label = email ? this.t('share.emailLabel') : NAMES[network];
    const ask = network === 'mastodon' && !instance;
    const onClick = (event: MouseEvent) => this.#onLink(event, network);
    return html`<a
      class="${inMenu ? 'item' : 'link'} link-${network}"
      part=${inMenu ? 'menu-item' : 'link'}
      role=${ifDefined(inMenu ? 'menuitem' : undefined)}
      tabindex=${ifDefined(inMenu ? -1 : undefined)}
      href=${shareHref(network, this.shareData(network), instance ?? undefined)}
      target="_blank"
      rel="noopener noreferrer"
      aria-label=${name}
      title=${ifDefined(!inMenu && this.variant === 'icons' ? name : undefined)}
      aria-haspopup=${ifDefined(ask ? 'dialog' : undefined)}
      @click=${onClick}
      @auxclick=${onClick}
      >${icon(network)}<span class="label" part="label">${label}</span></a
    >`;
  }

  #changeInstance(inMenu: boolean): TemplateResult {
    const instance = this.#mastodonInstance ?? '';
    return html`<button
      type="button"
      class=${inMenu ? 'item change' : 'change'}
      part=${inMenu ? 'menu-item mastodon-change' : 'mastodon-change'}
      role=${ifDefined(inMenu ? 'menuitem' : undefined)}
      tabindex=${ifDefined(inMenu ? -1 : undefined)}
      aria-label=${this.t('share.mastodon.change', { instance })}
      aria-haspopup="dialog"
      @click=${() => void this.#openDialog('change')}
    >
      ${inMenu ? this.t('share.mastodon.change', { instance }) : instance}
    </button>`;
  }

  #heading(): TemplateResult | typeof nothing {
    const text = this.label ?? this.t('share.heading');
    if (!text) return nothing;
    const level = Math.min(6, Math.max(1, Math.trunc(this.headingLevel) || 2));
    return HEADINGS[level - 1]!(text);
  }

  #notice(): TemplateResult | typeof nothing {
    const notice = this.notice;
    if (!notice) return nothing;
    const key = { copied: 'share.copied', 'copy-failed': 'share.copyFailed', 'share-failed': 'share.nativeFailed' }[notice];
    // The live region speaks; this is what sighted readers see (so it is hidden from the accessibility tree).
    return html`<p class="status ${notice === 'copied' ? 'ok' : 'failed'}" part="status">
      <span aria-hidden="true">${notice === 'copied' ? icon('check') : nothing}${this.t(key)}</span>
      ${
        notice === 'copy-failed'
          ? html`<input
              class="manual"
              readonly
              dir="ltr"
              aria-label=${this.t('share.linkLabel')}
              .value=${this.shareData().url}
              @focus=${(e: FocusEvent) => (e.target as HTMLInputElement).select()}
            />`
          : nothing
      }
    </p>`;
  }

  #dialog(): TemplateResult {
    const error = this.instanceError;
    return html`<div
      class="popover"
      part="dialog"
      role="dialog"
      aria-labelledby="instance-label"
      ?hidden=${!this.dialog}
      @keydown=${this.#onDialogKey}
      @focusout=${this.#onDialogFocusOut}
    >
      <form @submit=${this.#submitInstance} novalidate>
        <label id="instance-label" for="instance">${this.t('share.mastodon.label')}</label>
        <input
          id="instance"
          name="instance"
          part="input"
          type="text"
          inputmode="url"
          dir="ltr"
          autocomplete="off"
          autocapitalize="none"
          spellcheck="false"
          aria-invalid=${error ? 'true' : 'false'}
          aria-describedby=${error ? 'instance-error instance-hint' : 'instance-hint'}
          @input=${() => (this.instanceError = '')}
        />
        <p id="instance-hint" class="hint">${this.t('share.mastodon.hint')}</p>
        ${error ? html`<p id="instance-error" class="field-error">${error}</p>` : nothing}
        <div class="actions">
          <button type="submit" class="primary">
            ${this.t(this.dialog === 'change' ? 'share.mastodon.save' : 'share.mastodon.submit')}
          </button>
          <button type="button" @click=${() => this.#closeDialog(true)}>${this.t('common.cancel')}</button>
        </div>
      </form>
    </div>`;
  }

  protected override render(): TemplateResult {
    const networks = parseNetworks(this.networks);
    const max = Math.max(0, Math.trunc(this.maxVisible));
    const visible = networks.slice(0, Number.isFinite(max) ? max : networks.length);
    const overflow = networks.slice(visible.length);
    const changeVisible = visible.includes('mastodon') && !!this.#mastodonInstance;
    const changeInMenu = overflow.includes('mastodon') && !!this.#mastodonInstance;
    const more = this.t('share.more');
    const copy = this.t('share.copy');
    const native = this.#nativeData ? this.t('share.native') : '';
    const iconsOnly = this.variant === 'icons';
    const heading = this.#heading();
    return html`<div class="base" part="base">
      ${
        heading !== nothing || this.total !== null
          ? html`<div class="head">
              ${heading}
              ${this.total !== null ? html`<p class="count" part="count">${this.t('share.count', { count: this.total })}</p>` : nothing}
            </div>`
          : nothing
      }
      <ul class="list" part="list">
        ${visible.map(
          (network) =>
            html`<li>${this.#link(network, false)}</li>
              ${network === 'mastodon' && changeVisible ? html`<li>${this.#changeInstance(false)}</li>` : nothing}`,
        )}
        ${
          overflow.length
            ? html`<li class="more-item">
                <button
                  type="button"
                  class="action more"
                  part="more-button"
                  aria-label=${more}
                  title=${ifDefined(iconsOnly ? more : undefined)}
                  aria-haspopup="menu"
                  aria-expanded=${this.menuOpen ? 'true' : 'false'}
                  aria-controls="menu"
                  @click=${() => (this.menuOpen ? this.#closeMenu(true) : void this.#openMenu('first'))}
                  @keydown=${this.#onMoreKey}
                >
                  ${icon('more')}<span class="label" part="label">${this.t('share.moreLabel')}</span>
                </button>
                <div
                  id="menu"
                  class="menu"
                  part="menu"
                  role="menu"
                  aria-label=${more}
                  ?hidden=${!this.menuOpen}
                  @keydown=${this.#onMenuKey}
                >
                  ${overflow.map((network) => this.#link(network, true))} ${changeInMenu ? this.#changeInstance(true) : nothing}
                </div>
              </li>`
            : nothing
        }
        <li>
          <button
            type="button"
            class="action copy"
            part="copy-button"
            aria-label=${copy}
            title=${ifDefined(iconsOnly ? copy : undefined)}
            @click=${() => void this.#copy()}
          >
            ${icon(this.notice === 'copied' ? 'check' : 'copy')}<span class="label" part="label">${copy}</span>
          </button>
        </li>
        ${
          native
            ? html`<li>
                <button
                  type="button"
                  class="action native"
                  part="native-button"
                  aria-label=${native}
                  title=${ifDefined(iconsOnly ? native : undefined)}
                  @click=${() => void this.#nativeShare()}
                >
                  ${icon('native')}<span class="label" part="label">${native}</span>
                </button>
              </li>`
            : nothing
        }
      </ul>
      ${this.#notice()} ${this.#dialog()} ${this.renderAnnouncer()}
    </div>`;
  }
}
