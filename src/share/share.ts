import { html, nothing, type TemplateResult } from 'lit';
import { ChimeElement } from '../internal/chime-element.js';
import { follow, loadFloating } from '../internal/floating.js';
import { addEnglish } from '../internal/i18n.js';
import messages from '../i18n/en/share.js';
import { recordShare, shareStore } from '../stores/share.js';
import { ChimeShareEvent } from './events.js';
import {
  CHECK_ICON,
  COPY_ICON,
  MORE_ICON,
  NATIVE_ICON,
  network,
  parseInstance,
  parseNetworks,
  shareHref,
  type ShareData,
  type ShareNetwork,
} from './networks.js';
import { styles } from './share.styles.js';

/** Where the reader's Mastodon server is remembered. */
export const MASTODON_KEY = 'chime:mastodon-instance';

const icon = (d: string) => html`<svg part="icon" viewBox="0 0 16 16" aria-hidden="true"><path d=${d}></path></svg>`;

/** An icon and the name beside it (which the icons variant hides). */
const named = (d: string, name: string) => html`${icon(d)}<span part="label">${name}</span>`;

/** A page's `<meta>` content, trimmed ('' without one). */
const meta = (attr: string) => document.querySelector<HTMLMetaElement>(`meta[${attr}]`)?.content.trim() || '';

/** What is open: the overflow menu, or the Mastodon popover (to share, or to change the server). */
type Popup = 'menu' | 'share' | 'change';

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

  static override properties = {
    url: {},
    shareTitle: { attribute: 'title' },
    text: {},
    networks: {},
    maxVisible: { type: Number, attribute: 'max-visible' },
    variant: { reflect: true },
    label: {},
    headingLevel: { type: Number, attribute: 'heading-level' },
    utm: {},
    counts: { type: Boolean },
    open: { attribute: false },
    invalid: { attribute: false },
    notice: { attribute: false },
    total: { attribute: false },
  };

  static {
    addEnglish(messages);
  }

  /** URL to share (default: canonical link, `og:url`, else the page's URL). */
  url?: string;

  /** Title to share (default: `og:title`, else `document.title`). */
  shareTitle?: string;

  /** Description to share, used by email and the share sheet (default: `og:description`). */
  text?: string;

  /** Networks to offer, in order, comma or space separated (default: `facebook x linkedin reddit whatsapp telegram bluesky mastodon email`; also `threads pinterest hackernews xing vk line`). */
  networks?: string;

  /** How many networks show before the rest move into the "More share options" menu. */
  maxVisible = 6;

  /** Layout: `icons` (round icon buttons), `labels` (icon and name) or `pills` (filled icon and name). */
  variant: 'icons' | 'labels' | 'pills' = 'icons';

  /** Heading text (default "Share this news", translated); an empty string hides the heading. */
  label?: string;

  /** Level of the heading element (1–6). */
  headingLevel = 2;

  /**
   * UTM parameters added to the URL given to each network (and the share sheet), e.g.
   * `source={network}&medium=social`: keys get the `utm_` prefix, `{network}` becomes the
   * network id. "Copy link" copies the clean URL; the page's own URL is never changed.
   */
  utm?: string;

  /** Shows the page's share total (needs a backend; hidden silently when unavailable). */
  counts = false;

  // Internal reactive state: `attribute: false` above works as `state: true` and keeps it out of custom-elements.json's attributes.
  /** The open popup. */
  private open?: Popup;
  /** The Mastodon field's error message. */
  private invalid?: string;
  /** The message key of the visible copy or share notice. */
  private notice?: string;
  /** The page's share total, when there is one. */
  private total?: number;

  /** The reader's Mastodon server when localStorage is unavailable. */
  #instance?: string;
  /** The open popup's button: it floats beside it and gets the focus back. */
  #anchor?: HTMLElement;
  #stopFloat?: () => void;
  #noticeTimer?: ReturnType<typeof setTimeout>;
  #countsKey: unknown[] = [];
  #stopCounts?: () => void;
  #heading?: HTMLElement;

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#close();
    clearTimeout(this.#noticeTimer);
    // The update this asks for (lit updates disconnected elements too) stops watching the counts.
    this.requestUpdate();
  }

  protected override willUpdate(): void {
    const setting = this.counts && this.isConnected ? this.backendSetting : undefined;
    const page = this.pageId;
    if (setting === this.#countsKey[0] && page === this.#countsKey[1]) return;
    const key = (this.#countsKey = [setting, page]);
    this.#stopCounts?.();
    this.#stopCounts = this.total = undefined;
    if (setting)
      void shareStore(setting, page).then((store) => {
        if (key !== this.#countsKey) return; // disconnected or re-pointed meanwhile
        // Like a vote count of 0, "0 shares" says nothing useful: show a total once there is one.
        this.#stopCounts = store?.$state.subscribe(
          ({ summary, error }) => (this.total = (!error && summary?.shares.total) || undefined),
        );
      });
  }

  /** What is shared, for one channel (its UTM parameters applied). */
  shareData(channel?: string): ShareData {
    let url =
      this.url ||
      document.querySelector<HTMLLinkElement>('link[rel=canonical]')?.href ||
      meta('property="og:url"') ||
      location.href.replace(/#.*/, '');
    try {
      const target = new URL(url, document.baseURI);
      if (channel)
        for (const [key, value] of new URLSearchParams(this.utm))
          target.searchParams.set(key.startsWith('utm_') ? key : `utm_${key}`, value.replaceAll('{network}', channel));
      url = target.href;
    } catch {
      // keep what the page gave
    }
    return {
      url,
      title: this.shareTitle || meta('property="og:title"') || document.title,
      text: this.text ?? (meta('property="og:description"') || meta('name=description')),
    };
  }

  get #mastodon(): string | undefined {
    let saved;
    try {
      saved = localStorage.getItem(MASTODON_KEY);
    } catch {
      // storage blocked: what the reader gave on this page
    }
    return parseInstance(saved || '') || this.#instance;
  }

  #q = <T extends HTMLElement>(selector: string) => this.renderRoot.querySelector<T>(selector)!;

  /** Fires `chime-share`; false when a listener canceled it. */
  #announce = (network: string, url: string) => this.dispatchEvent(new ChimeShareEvent(network, url));

  /** Records a share with the backend, if there is one (the page store loads only then); never waits, never fails loudly. */
  #record(network: string): void {
    const setting = this.backendSetting;
    if (setting) void recordShare(setting, this.pageId, network);
  }

  #onLink(event: MouseEvent, id: ShareNetwork): void {
    if (event.button > 1) return; // a middle click opens a link, other buttons do not
    const plain = !(event.button || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey);
    if (id == 'mastodon' && plain && !this.#mastodon) {
      event.preventDefault();
      void this.#show('share', event.currentTarget as HTMLElement);
      return;
    }
    if (this.#announce(id, this.shareData(id).url)) this.#record(id);
    else event.preventDefault();
    if (plain) this.#close(true);
  }

  async #copy(): Promise<void> {
    const { url } = this.shareData();
    if (!this.#announce('copy', url)) return;
    let copied = true;
    try {
      await navigator.clipboard.writeText(url);
    } catch {
      // The Clipboard API is missing or refused: copy from a hidden textarea.
      const area = Object.assign(document.createElement('textarea'), { value: url, readOnly: true });
      area.style.cssText = 'position:fixed;opacity:0';
      document.body.append(area);
      area.select();
      try {
        copied = document.execCommand('copy');
      } catch {
        copied = false;
      }
      area.remove();
      this.#q('[part=copy-button]').focus();
    }
    if (copied) this.#record('copy');
    this.#notify(copied ? 'share.copied' : 'share.copyFailed');
  }

  get #nativeData(): ShareData | undefined {
    if (!navigator.share) return;
    const data = this.shareData('native');
    if (!data.text) delete (data as Partial<ShareData>).text;
    return navigator.canShare?.(data) === false ? undefined : data;
  }

  async #nativeShare(): Promise<void> {
    const data = this.#nativeData;
    if (!data || !this.#announce('native', data.url)) return;
    try {
      await navigator.share(data);
      this.#record('native');
    } catch (error) {
      // The reader closing the share sheet is not a failure.
      if ((error as Error).name != 'AbortError') this.#notify('share.nativeFailed');
    }
  }

  #notify(notice: string): void {
    clearTimeout(this.#noticeTimer);
    this.notice = notice;
    this.announce(this.t(notice));
    if (notice == 'share.copied') this.#noticeTimer = setTimeout(() => (this.notice = undefined), 4000);
  }

  // --- the menu and the popover: one floating popup at a time ------------------------------

  get #popup(): HTMLElement {
    return this.#q(this.open == 'menu' ? '.menu' : '.popover');
  }

  async #show(open: Popup, anchor: HTMLElement, last = false): Promise<void> {
    // From the menu, the Mastodon popover takes the menu's place beside its button.
    if (this.open == 'menu') anchor = this.#anchor!;
    this.#close();
    this.#anchor = anchor;
    this.invalid = '';
    this.open = open;
    await this.updateComplete;
    if (this.open != open) return;
    const popup = this.#popup;
    this.#stopFloat = follow(anchor, popup, 'bottom-start', undefined, 4);
    document.addEventListener('pointerdown', this.#onOutside, true);
    if (open == 'menu') {
      this.#items.at(last ? -1 : 0)!.focus();
    } else {
      const input = this.#q<HTMLInputElement>('#instance');
      input.value = this.#mastodon ?? '';
      input.focus();
      input.select();
    }
  }

  #close(returnFocus?: boolean): void {
    if (!this.open) return;
    this.open = undefined;
    this.#stopFloat?.();
    document.removeEventListener('pointerdown', this.#onOutside, true);
    if (returnFocus) this.#anchor!.focus();
  }

  #onOutside = (event: Event): void => {
    const path = event.composedPath();
    if (!path.includes(this.#popup) && !path.includes(this.#anchor!)) this.#close();
  };

  get #items(): HTMLElement[] {
    return [...this.renderRoot.querySelectorAll<HTMLElement>('[role=menuitem]')];
  }

  /**
   * Escape closes either popup, focus back on its button. The menu button and the menu follow the
   * APG menu button: arrows, Home, End, Space and type-ahead.
   */
  #onKey(event: KeyboardEvent): void {
    const { key } = event;
    const items = this.#items;
    const i = items.indexOf(this.shadowRoot!.activeElement as HTMLElement);
    if (key == 'Escape' && this.open) {
      event.stopPropagation();
      this.#close(true);
    } else if (i >= 0) {
      // In the menu.
      if (key == ' ') items[i]!.click();
      else {
        const next =
          { ArrowDown: items[(i + 1) % items.length], ArrowUp: items.at(i - 1), Home: items[0], End: items.at(-1) }[key] ??
          // Type-ahead: the next item whose visible name starts with the typed character.
          (key[1] || event.ctrlKey || event.metaKey || event.altKey
            ? null
            : [...items.slice(i + 1), ...items].find((item) =>
                item.textContent!.trim().toLocaleLowerCase().startsWith(key.toLocaleLowerCase()),
              ));
        if (!next) return;
        next.focus();
      }
    } else if (/^Arrow[UD]/.test(key) && (event.target as HTMLElement).ariaHasPopup == 'menu') {
      void this.#show('menu', event.target as HTMLElement, key == 'ArrowUp');
    } else return;
    event.preventDefault();
  }

  /** A pointer over, or focus on, a control that opens a popup: start loading what places it. */
  #warm(event: Event): void {
    if ((event.target as Element).closest('[aria-haspopup]')) void loadFloating();
  }

  /** Focus leaving a popup closes it (they are not modal). */
  #onFocusOut(event: FocusEvent): void {
    const next = event.relatedTarget as Node | null;
    if (this.open && next && next != this.#anchor && !this.#popup.contains(next)) this.#close();
  }

  #submitInstance(event: SubmitEvent): void {
    event.preventDefault();
    const input = this.#q<HTMLInputElement>('#instance');
    const host = parseInstance(input.value);
    if (!host) {
      this.announce((this.invalid = this.t('share.serverInvalid')));
      input.focus();
      return;
    }
    this.#instance = host;
    try {
      localStorage.setItem(MASTODON_KEY, host);
    } catch {
      // private mode: remembered for this page only
    }
    const sharing = this.open == 'share';
    this.#close(true);
    const data = this.shareData('mastodon');
    if (sharing && this.#announce('mastodon', data.url)) {
      this.#record('mastodon');
      window.open(shareHref('mastodon', data, host), '_blank', 'noopener,noreferrer');
    }
  }

  // --- rendering ------------------------------------------------------------------------------

  /** The hover title of the icons variant's round controls, whose names are not visible. */
  #title(cls: string, name: string) {
    return cls == 'link' && this.variant == 'icons' ? name : nothing;
  }

  /** A network's share link: class `link` (an icon and a name the icons variant hides), or `menu-item`. */
  #link(id: ShareNetwork, cls = 'link'): TemplateResult {
    const [brand, , path] = network(id);
    const email = id == 'email';
    const name = this.t(email ? 'share.email' : 'share.on', { network: brand });
    const instance = this.#mastodon;
    const inMenu = cls != 'link';
    const onClick = (event: MouseEvent) => this.#onLink(event, id);
    return html`<a
      class=${cls}
      part=${cls}
      role=${inMenu ? 'menuitem' : nothing}
      tabindex=${inMenu ? -1 : nothing}
      href=${shareHref(id, this.shareData(id), instance)}
      target="_blank"
      rel="noopener noreferrer"
      aria-label=${name}
      title=${this.#title(cls, name)}
      aria-haspopup=${id == 'mastodon' && !instance ? 'dialog' : nothing}
      @click=${onClick}
      @auxclick=${onClick}
      >${named(path, email ? this.t('share.emailLabel') : brand)}</a
    >`;
  }

  /**
   * A button: "Copy link" and "Share…" (class `link`, like the links), or the Mastodon server's
   * (class `change`, `menu-item` in the menu), which opens the server popover.
   */
  #button(cls: string, part: string, label: string, content: unknown, onClick: (event: Event) => void): TemplateResult {
    const inMenu = cls == 'menu-item';
    // No type: outside the popover's form nothing submits (a shadow root's buttons never submit the page's forms).
    return html`<button
      class=${cls}
      part=${part}
      role=${inMenu ? 'menuitem' : nothing}
      tabindex=${inMenu ? -1 : nothing}
      aria-label=${label}
      title=${this.#title(cls, label)}
      aria-haspopup=${cls == 'link' ? nothing : 'dialog'}
      @click=${onClick}
    >
      ${content}
    </button>`;
  }

  /** The heading, at the level asked for (lit needs a tag name in static text, so it is made here); '' without one. */
  #renderHeading(): HTMLElement | '' {
    const text = this.label ?? this.t('share.heading');
    const tag = `h${Math.min(6, Math.max(1, this.headingLevel | 0 || 2))}`;
    if (this.#heading?.localName != tag) (this.#heading = document.createElement(tag)).part = 'heading';
    this.#heading!.textContent = text;
    return text && this.#heading!;
  }

  protected override render(): TemplateResult {
    const networks = parseNetworks(this.networks);
    const limit = Math.trunc(this.maxVisible);
    const overflow = networks.filter((_, i) => i >= limit);
    const instance = this.#mastodon;
    const heading = this.#renderHeading();
    const more = this.t('share.more');
    const copy = this.t('share.copy');
    const native = this.#nativeData && this.t('share.native');
    const { notice, invalid: error, total, open } = this;
    const copied = notice == 'share.copied';
    /** The Mastodon server's button, beside the link or in the menu. */
    const change = (cls = 'change') => {
      const label = this.t('share.serverChange', { instance: instance! });
      return this.#button(
        cls,
        cls == 'change' ? 'mastodon-change' : 'menu-item mastodon-change',
        label,
        cls == 'change' ? instance : label,
        (event) => this.#show('change', event.currentTarget as HTMLElement),
      );
    };
    return html`<div
      class="base v-${this.variant}"
      part="base"
      @keydown=${this.#onKey}
      @focusout=${this.#onFocusOut}
      @pointerover=${this.#warm}
      @focusin=${this.#warm}
    >
      ${
        heading || total
          ? html`<div class="head">
              ${heading}${total ? html`<p class="count" part="count">${this.t('share.count', { count: total })}</p>` : nothing}
            </div>`
          : nothing
      }
      <ul part="list">
        ${networks.map((id) =>
          overflow.includes(id)
            ? nothing
            : html`<li>${this.#link(id)}</li>
                ${id == 'mastodon' && instance ? html`<li>${change()}</li>` : nothing}`,
        )}${
          overflow[0]
            ? html`<li>
                <button
                  class="link"
                  part="more-button"
                  aria-label=${more}
                  title=${this.#title('link', more)}
                  aria-haspopup="menu"
                  aria-expanded=${open == 'menu'}
                  aria-controls="menu"
                  @click=${(event: Event) =>
                    this.open == 'menu' ? this.#close(true) : this.#show('menu', event.currentTarget as HTMLElement)}
                >
                  ${named(MORE_ICON, this.t('share.moreLabel'))}
                </button>
                <div id="menu" class="menu" part="menu" role="menu" aria-label=${more} ?hidden=${open != 'menu'}>
                  ${overflow.map((id) =>
                    this.#link(id, 'menu-item'),
                  )}${instance && overflow.includes('mastodon') ? change('menu-item') : nothing}
                </div>
              </li>`
            : nothing
        }
        <li>${this.#button('link', 'copy-button', copy, named(copied ? CHECK_ICON : COPY_ICON, copy), () => this.#copy())}</li>
        ${
          native
            ? html`<li>
                ${this.#button('link', 'native-button', native, named(NATIVE_ICON, native), () => this.#nativeShare())}
              </li>`
            : nothing
        }
      </ul>
      ${
        notice
          ? // The live region speaks; this is what sighted readers see (so it is hidden from the accessibility tree).
            html`<p class="status ${copied ? 'ok' : 'failed'}" part="status">
              <span aria-hidden="true">${copied ? icon(CHECK_ICON) : nothing}${this.t(notice)}</span>${
                notice == 'share.copyFailed'
                  ? html`<input
                      class="manual"
                      readonly
                      dir="ltr"
                      aria-label=${this.t('share.linkLabel')}
                      .value=${this.shareData().url}
                      @focus=${(event: FocusEvent) => (event.target as HTMLInputElement).select()}
                    />`
                  : nothing
              }
            </p>`
          : nothing
      }
      <div class="popover" part="dialog" role="dialog" aria-label=${this.t('share.server')} ?hidden=${!open || open == 'menu'}>
        <form @submit=${this.#submitInstance}>
          <label for="instance">${this.t('share.server')}</label
          ><input
            id="instance"
            part="input"
            inputmode="url"
            dir="ltr"
            autocomplete="off"
            autocapitalize="none"
            spellcheck="false"
            aria-invalid=${!!error}
            aria-describedby="${error ? 'instance-error ' : ''}instance-hint"
            @input=${() => (this.invalid = '')}
          />
          <p id="instance-hint" class="hint">${this.t('share.serverHint')}</p>
          ${error ? html`<p id="instance-error" class="field-error">${error}</p>` : nothing}
          <div class="actions">
            <button class="primary">${this.t(open == 'change' ? 'share.serverSave' : 'share.serverShare')}</button
            ><button type="button" @click=${() => this.#close(true)}>${this.t('common.cancel')}</button>
          </div>
        </form>
      </div>
      ${this.renderAnnouncer()}
    </div>`;
  }
}
