import { css } from 'lit';

export const styles = css`
  :host {
    --_size: max(24px, var(--chime-share-size, 2.5rem));
  }
  .base,
  form {
    display: grid;
    gap: var(--_space);
  }
  .head,
  ul,
  .status,
  .actions {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_space);
  }
  ul {
    padding: 0;
  }
  li {
    display: flex;
  }
  p,
  ul,
  [part='heading'] {
    margin: 0;
  }
  [part='heading'] {
    font-size: 1.125em;
    line-height: 1.3;
  }
  .count,
  .hint,
  .change {
    color: var(--_muted);
  }
  .count,
  .hint,
  .change,
  .status,
  .field-error {
    font-size: 0.875em;
  }
  svg {
    width: 1.25em;
    height: 1.25em;
    flex: none;
    fill: currentColor;
  }
  a {
    color: inherit;
    text-decoration: none;
  }
  button {
    background: none;
  }
  .link,
  .change,
  .menu,
  .popover,
  input,
  .actions button {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  .link,
  .change,
  .menu-item,
  .status span {
    display: inline-flex;
    align-items: center;
    gap: 0.4em;
  }
  .link,
  .change {
    justify-content: center;
    min-width: var(--_size);
    min-height: var(--_size);
    padding: 0 0.9em;
    border-radius: calc(var(--_size) / 2);
    white-space: nowrap;
  }
  .change {
    padding: 0 0.6em;
    border-style: dashed;
  }
  .link:hover,
  [aria-expanded='true'],
  .v-pills .link,
  .actions .primary {
    border-color: var(--_accent);
    color: var(--_on-accent);
    background: var(--_accent);
  }
  .v-pills .link:hover {
    background: color-mix(in srgb, var(--_accent) 80%, #000);
  }
  /* Icons: round (the radius is half the size), the name only in the accessible name and title. */
  .v-icons .link {
    padding: 0;
  }
  .v-icons .link span {
    display: none;
  }
  .v-labels .link {
    border-color: transparent;
    padding: 0 0.4em;
  }
  .v-labels .link:hover {
    color: var(--_accent);
    background: none;
    text-decoration: underline;
  }
  .menu,
  .popover {
    position: fixed;
    /* Physical on purpose: floating-ui writes left/top. */
    left: 0;
    top: 0;
    z-index: 1000;
    width: max-content;
    max-width: calc(100vw - 16px);
    padding: var(--_space);
    background: var(--_raised);
    box-shadow: var(--_shadow);
  }
  /* A grid's gap is 0 unless set. */
  .menu {
    display: grid;
    min-width: 12em;
    padding: calc(var(--_space) / 2);
  }
  [hidden] {
    display: none !important;
  }
  .menu-item {
    min-height: 2.25em;
    padding: 0 0.75em;
    border: 0;
  }
  .menu-item:hover,
  .menu-item:focus {
    background: color-mix(in srgb, var(--_accent) 14%, transparent);
  }
  form {
    gap: calc(var(--_space) / 2);
    min-width: 16em;
  }
  label {
    font-weight: 600;
  }
  input {
    min-height: 2.25em;
    padding: 0 0.5em;
    background: var(--_raised);
  }
  [aria-invalid='true'] {
    border-color: var(--_danger);
  }
  .actions button {
    padding: 0.3em 0.9em;
  }
  .ok {
    color: var(--_success);
  }
  .failed,
  .field-error {
    color: var(--_danger);
  }
  .manual {
    flex: 1 1 16em;
    color: var(--_text);
  }
`;
