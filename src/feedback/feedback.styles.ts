import { css } from 'lit';
import { baseStyles } from '../internal/styles.js';

export const feedbackStyles = [
  baseStyles,
  css`
    /* The host wraps article text: it must not restyle it, so it inherits everything. */
    :host {
      display: inline;
      color: inherit;
      background: none;
      font: inherit;
      line-height: inherit;
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
    .marker svg {
      inline-size: 1.1em;
      block-size: 1.1em;
      fill: currentColor;
    }
    .marker[aria-expanded='true'] {
      background: var(--_accent);
      color: var(--_on-accent);
    }
    [role='dialog'] {
      position: fixed;
      inset: auto;
      left: 0;
      top: 0;
      margin: 0;
      z-index: 2147483000;
      box-sizing: border-box;
      display: grid;
      gap: var(--_space);
      inline-size: min(24rem, calc(100vw - 16px));
      max-block-size: min(34rem, calc(100vh - 16px));
      overflow: auto;
      padding: calc(var(--_space) * 1.5);
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      background: var(--_raised);
      color: var(--_text);
      box-shadow: var(--_shadow);
      font: inherit;
      text-align: start;
    }
    [role='dialog'][hidden] {
      display: none;
    }
    p {
      margin: 0;
    }
    .head {
      display: flex;
      align-items: flex-start;
      gap: var(--_space);
    }
    .head p {
      flex: 1;
      font-weight: 700;
      font-size: 1.05em;
    }
    .close {
      padding: 0 6px;
      border: 0;
      border-radius: var(--_radius);
      background: transparent;
      font-size: 1.25em;
      line-height: 1;
    }
    ul {
      display: grid;
      gap: var(--_space);
      margin: 0;
      padding: 0;
      list-style: none;
    }
    li {
      padding-block-end: var(--_space);
      border-block-end: 1px solid var(--_border);
    }
    .meta {
      color: var(--_muted);
      font-size: 0.875em;
    }
    .author {
      color: var(--_text);
      font-weight: 700;
    }
    .badge {
      margin-inline-start: 4px;
      padding: 0 6px;
      border: 1px solid currentColor;
      border-radius: 999px;
      font-size: 0.8em;
    }
    .body {
      white-space: pre-line;
      overflow-wrap: anywhere;
    }
    .empty {
      color: var(--_muted);
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
