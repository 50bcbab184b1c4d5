// Popups before and after floating-ui has loaded. The order matters: the first test runs in a
// page that has not fetched floating-ui yet (each test file gets a page of its own).
import { expect, html } from '@open-wc/testing';
import { sendMouse, setViewport } from '@web/test-runner-commands';
import { byRole, cleanup, focused, mount, settle } from '../../test/harness.js';
import '../share/define.js';
import type { ChimeShare } from '../share/share.js';
import { follow, loadFloating, type Placement } from './floating.js';

/** Whether the page has fetched floating-ui (a resource entry is added once a response is complete). */
const fetched = () =>
  performance.getEntriesByType('resource').some((entry) => /@floating-ui\/|\/internal\/track\./.test(entry.name));

const frames = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));

/** Errors and rejections thrown meanwhile; call the result to stop listening and read them. */
function collectErrors(): () => unknown[] {
  const errors: unknown[] = [];
  const onError = (e: ErrorEvent) => errors.push(e.error ?? e.message);
  const onRejection = (e: PromiseRejectionEvent) => errors.push(e.reason);
  window.addEventListener('error', onError);
  window.addEventListener('unhandledrejection', onRejection);
  return () => {
    window.removeEventListener('error', onError);
    window.removeEventListener('unhandledrejection', onRejection);
    return errors;
  };
}

/** A share bar pinned to a corner of the viewport (`right`/`bottom` in px). */
async function pinnedShare(right: number, bottom: number): Promise<ChimeShare> {
  const el = await mount<ChimeShare>(html`<chime-share url="https://n.example/"></chime-share>`);
  Object.assign(el.style, { position: 'fixed', right: `${right}px`, bottom: `${bottom}px` });
  await settle(el);
  return el;
}

describe('popups and floating-ui, loaded on first use', () => {
  afterEach(async () => {
    cleanup();
    await setViewport({ width: 800, height: 600 });
  });

  it('is not fetched before a popup opens; a popup closed before it loaded is placed at once and never moved after', async () => {
    const errors = collectErrors();
    const el = await pinnedShare(8, 8);
    const more = byRole(el, 'button', 'More share options');
    await settle(el, 30);
    expect(fetched(), 'fetched with the page').to.equal(false);

    more.click();
    await el.updateComplete;
    // No task has run since the click, so no response can have arrived: floating-ui is still loading.
    expect(fetched(), 'loaded already').to.equal(false);
    const menu = byRole(el, 'menu');
    expect(menu.checkVisibility(), 'visible').to.equal(true);
    expect(focused()).to.equal(byRole(menu, 'menuitem', 'Share on Bluesky'));
    // Near the bottom edge: above its button, right edges aligned (the start edge would overflow).
    const button = more.getBoundingClientRect();
    let box = menu.getBoundingClientRect();
    expect(Math.abs(box.bottom + 4 - button.top), 'just above the button').to.be.below(2);
    expect(Math.abs(box.right - button.right), 'aligned with its end').to.be.below(2);

    document.body.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true, composed: true }));
    await el.updateComplete;
    expect(menu.hidden, 'closed').to.equal(true);
    const { left, top } = menu.style;
    await loadFloating();
    expect(fetched(), 'fetched once a popup opened').to.equal(true);
    // Nothing follows the button now: moving it and resizing leave the closed menu where it was.
    el.style.bottom = '120px';
    window.dispatchEvent(new Event('resize'));
    await frames();
    await settle(el, 30);
    expect([menu.style.left, menu.style.top]).to.deep.equal([left, top]);
    expect(errors()).to.deep.equal([]);

    // Open again: placed the same way.
    more.click();
    await settle(el, 30);
    await frames();
    box = menu.getBoundingClientRect();
    expect(Math.abs(box.bottom + 4 - more.getBoundingClientRect().top)).to.be.below(2);
  });

  it('near the bottom edge of a small viewport the menu opens above its button, and follows it once floating-ui has loaded', async () => {
    await setViewport({ width: 360, height: 320 });
    const el = await pinnedShare(4, 4);
    const more = byRole(el, 'button', 'More share options');
    const center = () => {
      const b = more.getBoundingClientRect();
      return [Math.round(b.left + b.width / 2), Math.round(b.top + b.height / 2)] as [number, number];
    };
    await sendMouse({ type: 'move', position: center() });
    await sendMouse({ type: 'click', position: center() });
    await settle(el, 30);
    await loadFloating();
    await frames();
    const menu = byRole(el, 'menu');
    expect(focused()).to.equal(byRole(menu, 'menuitem', 'Share on Bluesky'));
    const relations = () => {
      const b = more.getBoundingClientRect();
      const m = menu.getBoundingClientRect();
      return {
        above: Math.abs(m.bottom + 4 - b.top) < 2,
        endsAligned: Math.abs(m.right - b.right) < 2,
        inside: m.top >= 0 && m.left >= 8 && m.right <= innerWidth - 8,
      };
    };
    expect(relations()).to.deep.equal({ above: true, endsAligned: true, inside: true });

    // The button moves (the page reflows): the menu moves with it.
    const [button, box] = [more.getBoundingClientRect(), menu.getBoundingClientRect()];
    el.style.bottom = '40px';
    window.dispatchEvent(new Event('resize'));
    await frames();
    await settle(el, 30);
    const [movedButton, movedBox] = [more.getBoundingClientRect(), menu.getBoundingClientRect()];
    expect(button.bottom - movedButton.bottom, 'the button moved up').to.be.closeTo(36, 1);
    expect(box.bottom - movedBox.bottom, 'the menu with it').to.be.closeTo(36, 1);
    expect(relations()).to.deep.equal({ above: true, endsAligned: true, inside: true });
  });

  describe('the first position, before floating-ui has loaded, is where floating-ui puts it', () => {
    const cases: { at: [number, number]; placement: Placement; dir?: string; height?: number; note: string }[] = [
      { at: [40, 40], placement: 'bottom-start', note: 'room everywhere' },
      { at: [40, 40], placement: 'bottom-start', dir: 'rtl', note: 'right-to-left: start is the right edge' },
      { at: [300, 40], placement: 'bottom', note: 'centered' },
      { at: [700, 40], placement: 'bottom-start', note: 'near the right edge: the end edges align' },
      { at: [40, 540], placement: 'bottom-start', note: 'near the bottom: above' },
      { at: [300, 300], placement: 'top-end', note: 'above, end edges aligned' },
      { at: [300, 20], placement: 'top', note: 'no room above: below' },
      { at: [2, 200], placement: 'bottom', note: 'centered past the left edge: shifted in' },
      { at: [40, 200], placement: 'bottom-start', height: 400, note: 'no room above or below: shifted up into the viewport' },
      { at: [40, 380], placement: 'top-start', height: 420, note: 'no room above or below: shifted down into the viewport' },
    ];
    for (const { at, placement, dir, height = 100, note } of cases) {
      it(`${placement}${dir ? ` ${dir}` : ''}: ${note}`, async () => {
        const reference = document.createElement('button');
        reference.textContent = 'Open';
        Object.assign(reference.style, {
          position: 'fixed',
          left: `${at[0]}px`,
          top: `${at[1]}px`,
          width: '80px',
          height: '30px',
        });
        const floating = document.createElement('div');
        if (dir) floating.dir = dir;
        Object.assign(floating.style, { position: 'fixed', left: '0', top: '0', width: '200px', height: `${height}px` });
        document.body.append(reference, floating);
        try {
          const stop = follow(reference, floating, placement, undefined, 6);
          const first = floating.getBoundingClientRect();
          await loadFloating();
          await frames();
          const settled = floating.getBoundingClientRect();
          stop();
          expect(Math.abs(settled.left - first.left), `left: ${first.left} then ${settled.left}`).to.be.below(1);
          expect(Math.abs(settled.top - first.top), `top: ${first.top} then ${settled.top}`).to.be.below(1);
          expect(
            settled.top >= 8 && settled.bottom <= innerHeight - 8,
            `inside the viewport: ${settled.top}–${settled.bottom}`,
          ).to.equal(true);
        } finally {
          reference.remove();
          floating.remove();
        }
      });
    }
  });
});
