import { css } from 'lit';

export const styles = css`
  :host {
    --_gap: var(--_space);
  }
  h2,
  h3 {
    margin: 0;
    line-height: 1.3;
  }
  h2 {
    font-size: 1.15em;
  }
  h3 {
    font-size: 1em;
  }
  button,
  select,
  input:not([type='checkbox']) {
    padding: 4px 12px;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_raised);
  }
  input:not([type='checkbox']) {
    min-block-size: 32px;
  }
  button:disabled {
    cursor: not-allowed;
    opacity: 0.6;
  }
  .primary {
    background: var(--_accent);
    border-color: var(--_accent);
    color: var(--_on-accent);
  }
  .danger,
  .delete,
  .ban {
    color: var(--_danger);
    border-color: var(--_danger);
  }
  .danger {
    background: var(--_danger);
    color: var(--_raised);
  }
  .approve {
    color: var(--_success);
    border-color: var(--_success);
  }
  a {
    color: var(--_accent);
  }
  .muted,
  .hint,
  .meta,
  figcaption {
    color: var(--_muted);
  }
  .signin {
    display: grid;
    gap: var(--_gap);
    max-inline-size: 28rem;
    padding: calc(var(--_gap) * 2);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_raised);
  }
  .signin p {
    margin: 0;
  }
  .top {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_gap);
    margin-block-end: var(--_gap);
  }
  .live {
    margin: 0;
    margin-inline-end: auto;
    display: inline-flex;
    align-items: center;
    gap: 6px;
  }
  .dot {
    inline-size: 10px;
    block-size: 10px;
    border-radius: 50%;
    background: var(--_muted);
  }
  .open .dot {
    background: var(--_success);
  }
  [role='tablist'] {
    display: flex;
    flex-wrap: wrap;
    gap: 2px;
    border-block-end: 2px solid var(--_border);
  }
  [role='tab'] {
    border: 1px solid var(--_border);
    border-block-end: none;
    border-radius: var(--_radius) var(--_radius) 0 0;
    padding: 6px 14px;
    min-block-size: 36px;
  }
  [role='tab'][aria-selected='true'] {
    background: var(--_accent);
    border-color: var(--_accent);
    color: var(--_on-accent);
    font-weight: 600;
  }
  [role='tabpanel'] {
    padding-block: var(--_gap);
  }
  .toolbar,
  .actions,
  .buttons,
  .lookup,
  header {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_gap);
  }
  .check {
    display: inline-flex;
    align-items: center;
    gap: 6px;
  }
  input[type='checkbox'] {
    inline-size: 20px;
    block-size: 20px;
    margin: 2px;
  }
  .items {
    list-style: none;
    margin: var(--_gap) 0;
    padding: 0;
    display: grid;
    gap: var(--_gap);
  }
  .item {
    display: grid;
    gap: 6px;
    padding: calc(var(--_gap) * 1.5);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_raised);
  }
  .item:focus-visible,
  .item:focus {
    outline: 3px solid var(--_focus);
    outline-offset: 1px;
  }
  .item.selected {
    border-color: var(--_accent);
    box-shadow: inset 4px 0 0 var(--_accent);
  }
  :host([dir='rtl']) .item.selected {
    box-shadow: inset -4px 0 0 var(--_accent);
  }
  .meta {
    margin: 0;
    font-size: 0.9em;
    display: flex;
    flex-wrap: wrap;
    gap: 4px 12px;
    overflow-wrap: anywhere;
  }
  .status {
    padding: 0 8px;
    border: 1px solid currentColor;
    border-radius: 999px;
    font-size: 0.85em;
  }
  .spam,
  .rejected {
    color: var(--_danger);
  }
  .context {
    margin: 0;
    padding-inline-start: var(--_gap);
    border-inline-start: 3px solid var(--_border);
  }
  .context blockquote {
    margin: 0;
  }
  .body {
    overflow-wrap: anywhere;
    margin-block: 0.25em;
  }
  .body p {
    margin-block: 0.4em;
  }
  .body blockquote {
    margin: 0.4em 0;
    padding-inline-start: var(--_gap);
    border-inline-start: 3px solid var(--_border);
  }
  pre {
    overflow-x: auto;
    padding: var(--_gap);
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  .reports p {
    margin: 0;
    font-weight: 600;
    color: var(--_danger);
  }
  .reports ul {
    margin: 0;
  }
  .ban-form {
    display: grid;
    gap: 6px;
    max-inline-size: 26rem;
    padding: var(--_gap);
    border: 1px solid var(--_danger);
    border-radius: var(--_radius);
  }
  fieldset {
    display: grid;
    gap: 4px;
    margin: 0;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  .empty {
    padding: calc(var(--_gap) * 2) 0;
  }
  .log {
    inline-size: 100%;
    border-collapse: collapse;
    font-size: 0.9em;
  }
  .log th,
  .log td {
    text-align: start;
    padding: 4px 8px;
    border-block-end: 1px solid var(--_border);
    overflow-wrap: anywhere;
  }
  .pages {
    display: grid;
    gap: var(--_gap);
    margin-block-start: calc(var(--_gap) * 3);
    padding-block-start: var(--_gap);
    border-block-start: 1px solid var(--_border);
  }
  .settings {
    display: grid;
    grid-template-columns: max-content 1fr;
    gap: 6px 12px;
    margin: 0;
  }
  .settings dd {
    margin: 0;
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_gap);
  }
  .undo {
    position: sticky;
    inset-block-end: var(--_gap);
    display: flex;
    align-items: center;
    gap: var(--_gap);
    margin-block-start: var(--_gap);
    padding: var(--_gap) calc(var(--_gap) * 1.5);
    border-radius: var(--_radius);
    background: var(--_text);
    color: var(--_raised);
    box-shadow: var(--_shadow);
  }
  .undo p {
    margin: 0;
    flex: 1;
  }
  .undo button {
    background: transparent;
    color: inherit;
    border-color: currentColor;
  }
  dialog {
    max-inline-size: 26rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_raised);
    color: var(--_text);
    box-shadow: var(--_shadow);
  }
  .keys {
    display: grid;
    grid-template-columns: max-content 1fr;
    gap: 4px 12px;
  }
  .keys dd {
    margin: 0;
  }
  /* Ids, page paths and addresses read left to right inside a right-to-left console too. */
  code,
  .ltr {
    direction: ltr;
    unicode-bidi: isolate;
  }
  kbd {
    padding: 0 6px;
    border: 1px solid var(--_border);
    border-radius: 4px;
    font-family: ui-monospace, monospace;
  }
`;
