import { expect, html } from '@open-wc/testing';
import { customElement } from 'lit/decorators.js';
import type { ChimeError } from '../backend/contract.js';
import { getBackend } from '../stores/context.js';
import {
  announced,
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
import { ChimeElement } from './chime-element.js';
import { configure } from './config.js';
import type { ChimeErrorEvent } from './events.js';

/** The smallest real element: loads the page summary and shows the comment count. */
@customElement('chime-test-probe')
class ChimeTestProbe extends ChimeElement {
  error: ChimeError | null = null;
  count: number | null = null;

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  async load(): Promise<void> {
    this.error = null;
    try {
      const summary = await getBackend(this.backendSetting).getPage(this.pageId);
      this.count = summary.comments.count;
    } catch (error) {
      this.error = this.reportError(error);
    }
    this.requestUpdate();
  }

  override render() {
    return html`${this.error ? this.renderError(this.error, () => void this.load()) : html`<p>${this.count}</p>`}${this.renderAnnouncer()}`;
  }
}

describe('ChimeElement', () => {
  afterEach(cleanup);

  it('shows a visible, announced, translated error when no backend is configured', async () => {
    const events: ChimeErrorEvent[] = [];
    const listener = (e: Event) => events.push(e as ChimeErrorEvent);
    document.addEventListener('chime-error', listener);
    const el = await mount<ChimeTestProbe>(html`<chime-test-probe></chime-test-probe>`);
    document.removeEventListener('chime-error', listener);
    const alert = byRole(el, 'alert');
    expect(textOf(alert)).to.contain('no Chime server is configured');
    expect(announced(el)).to.contain('no Chime server is configured');
    expect(events).to.have.length(1);
    expect(events[0]!.error.code).to.equal('no_backend');
    await expectAccessible(el);
  });

  it('translates the error for the nearest lang', async () => {
    const wrapper = await mount<HTMLDivElement>(html`<div lang="de-AT"><chime-test-probe></chime-test-probe></div>`);
    const el = wrapper.querySelector('chime-test-probe')!;
    await settle(el, 50);
    expect(textOf(byRole(el, 'alert'))).to.contain('kein Chime-Server');
  });

  it('flags an unusable backend URL the same way', async () => {
    const el = await mount<ChimeTestProbe>(html`<chime-test-probe backend="ftp://nope"></chime-test-probe>`);
    expect(textOf(byRole(el, 'alert'))).to.contain('no Chime server');
  });

  it('offers "Try again" for a failing backend and recovers', async () => {
    const control = controllableBackend(localBackend());
    control.fail('getPage');
    const el = await mount<ChimeTestProbe>(html`<chime-test-probe backend=${useBackend(control.backend)}></chime-test-probe>`);
    expect(textOf(byRole(el, 'alert'))).to.contain('could not be reached');
    control.heal();
    byRole(el, 'button', 'Try again').click();
    await settle(el, 10);
    expect(textOf(el)).to.equal('0');
  });

  it('follows configure() and the language direction', async () => {
    configure({ backend: useBackend(localBackend()), lang: 'ar' });
    const el = await mount<ChimeTestProbe>(html`<chime-test-probe></chime-test-probe>`);
    expect(el.getAttribute('dir')).to.equal('rtl');
    expect(textOf(el)).to.equal('0');
  });

  it('renders first in a task of its own, not in the task that connected it', async () => {
    configure({ backend: useBackend(localBackend()) });
    const [a, b] = [document.createElement('chime-test-probe'), document.createElement('chime-test-probe')] as ChimeTestProbe[];
    document.body.append(a!, b!);
    try {
      // Every microtask of the connecting task (where lit would otherwise render both at once).
      for (let i = 0; i < 10; i++) await Promise.resolve();
      expect([a!.hasUpdated, b!.hasUpdated]).to.deep.equal([false, false]);
      await settle(a);
      await settle(b);
      expect([textOf(a!), textOf(b!)]).to.deep.equal(['0', '0']);
    } finally {
      a!.remove();
      b!.remove();
    }
  });

  it('keeps an explicit dir', async () => {
    const el = await mount<ChimeTestProbe>(html`<chime-test-probe dir="ltr" lang="ar" backend="local"></chime-test-probe>`);
    expect(el.getAttribute('dir')).to.equal('ltr');
    await settle(el, 50); // the local backend's module loads on first use
    expect(textOf(el)).to.equal('0');
  });
});
