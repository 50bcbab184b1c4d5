import { css } from 'lit';
import { baseStyles } from '../internal/styles.js';

/**
 * The popovers of `<chime-feedback>` and of reader-selected passages: top layer, placed by
 * floating-ui (and fixed above the page where popovers are not supported).
 */
const popovers = css`
  #popover,
  .chime-toolbar,
  .chime-compose {
    all: unset;
    position: fixed;
    inset: 0 auto auto 0;
    z-index: 2147483000;
  }
  #popover,
  .chime-compose {
    box-sizing: border-box;
    inline-size: min(24rem, calc(100vw - 16px));
    padding: calc(var(--_space) * 1.5);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_raised);
    box-shadow: var(--_shadow);
  }
`;

/**
 * Reader-selected passages: the selection's toolbar, its composer and the fallback highlight
 * layer, adopted into the thread's shadow root by the (lazily loaded) passages controller.
 */
export const passageStyles = css`
  ${popovers}
  .chime-toolbar {
    display: flex;
    gap: 4px;
  }
  .chime-toolbar button {
    padding: 4px 12px;
    border: 1px solid var(--_accent);
    border-radius: 999px;
    background: var(--_accent);
    color: var(--_on-accent);
    box-shadow: var(--_shadow);
    white-space: nowrap;
  }
  .chime-toolbar button + button {
    background: var(--_raised);
    color: var(--_accent);
  }
  .chime-compose {
    inline-size: min(26rem, calc(100vw - 16px));
  }
  .chime-compose p {
    margin: 0 0 var(--_space);
    font-weight: 700;
  }
  .chime-layer {
    position: fixed;
    inset: 0;
    pointer-events: none;
    overflow: hidden;
    z-index: 2147482999;
  }
  .chime-layer span {
    position: absolute;
    background: rgb(255 196 0 / 0.3);
    mix-blend-mode: multiply;
  }
  .chime-layer .active {
    background: rgb(255 160 0 / 0.55);
  }
`;

export const feedbackStyles = [
  baseStyles,
  popovers,
  css`
    /* The host wraps article text: it must not restyle it, so it inherits everything. */
    :host {
      display: inline;
      color: inherit;
      background: none;
      font: inherit;
      text-align: inherit;
      text-transform: inherit;
      letter-spacing: inherit;
    }
    /* Our own UI starts from a clean slate: nothing the page sets on the passage leaks in. */
    .ui {
      all: initial;
      font-family: var(--_font);
      font-size: var(--_font-size);
      line-height: 1.5;
      color: var(--_text);
    }
    .marker {
      display: inline-flex;
      align-items: center;
      gap: 2px;
      vertical-align: middle;
      margin-inline-start: 0.25em;
      padding: 0 6px;
      border: 1px solid var(--_accent);
      border-radius: 999px;
      background: var(--_raised);
      color: var(--_accent);
      font-size: 0.75em;
      line-height: 1;
    }
    svg {
      width: 1.1em;
      height: 1.1em;
      fill: currentColor;
    }
    [aria-expanded='true'] {
      background: var(--_accent);
      color: var(--_on-accent);
    }
    #popover {
      display: grid;
      gap: var(--_space);
      max-block-size: min(34rem, calc(100vh - 16px));
      overflow: auto;
    }
    #popover[hidden] {
      display: none;
    }
    p,
    ul {
      margin: 0;
    }
    .head {
      display: flex;
      align-items: flex-start;
      gap: var(--_space);
    }
    #question {
      flex: 1;
      font-weight: 700;
      font-size: 1.05em;
    }
    .close {
      padding: 0 6px;
      border: 0;
      border-radius: var(--_radius);
      background: none;
      font-size: 1.25em;
      line-height: 1;
    }
    ul {
      display: grid;
      gap: var(--_space);
      padding: 0;
      list-style: none;
    }
    li {
      padding-block-end: var(--_space);
      border-block-end: 1px solid var(--_border);
    }
    .meta,
    .empty {
      color: var(--_muted);
    }
    .meta {
      font-size: 0.875em;
    }
    b {
      color: var(--_text);
    }
    .badge {
      margin-inline-start: 4px;
      padding: 0 6px;
      border: 1px solid;
      border-radius: 999px;
      font-size: 0.8em;
    }
    .body {
      white-space: pre-line;
      overflow-wrap: anywhere;
    }
    .view-all {
      justify-self: start;
      padding: 4px 0;
      border: 0;
      background: none;
      color: var(--_accent);
      text-decoration: underline;
    }
    @media (forced-colors: active) {
      .marker {
        border-color: ButtonText;
      }
    }
  `,
];
