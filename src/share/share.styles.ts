import { css } from 'lit';

export const styles = css`
  :host {
    --_size: max(24px, var(--chime-share-size, 2.5rem));
  }
  .base {
    display: flex;
    flex-direction: column;
    gap: var(--_space);
  }
  .head {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    gap: 0 var(--_space);
  }
  .heading {
    margin: 0;
    font-size: 1.125em;
    font-weight: 700;
    line-height: 1.3;
  }
  .count,
  .hint {
    margin: 0;
    color: var(--_muted);
    font-size: 0.875em;
  }
  .list {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_space);
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .list > li {
    display: flex;
    margin: 0;
  }
  svg {
    inline-size: 1.25em;
    block-size: 1.25em;
    flex: none;
    fill: currentColor;
  }
  .link,
  .action,
  .change {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: 0.4em;
    min-block-size: var(--_size);
    min-inline-size: var(--_size);
    margin: 0;
    padding: 0 0.9em;
    border: 1px solid var(--_border);
    border-radius: calc(var(--_size) / 2);
    color: var(--_text);
    background: transparent;
    font: inherit;
    line-height: 1;
    text-decoration: none;
    white-space: nowrap;
  }
  .link:hover,
  .action:hover,
  .action[aria-expanded='true'] {
    border-color: var(--_accent);
    color: var(--_on-accent);
    background: var(--_accent);
  }
  .change {
    padding: 0 0.6em;
    border-style: dashed;
    color: var(--_muted);
    font-size: 0.875em;
  }
  :host([variant='icons']) .link,
  :host([variant='icons']) .action {
    padding: 0;
    border-radius: 50%;
  }
  :host([variant='icons']) .link .label,
  :host([variant='icons']) .action .label {
    display: none;
  }
  :host([variant='labels']) .link,
  :host([variant='labels']) .action {
    border-color: transparent;
    padding-inline: 0.4em;
  }
  :host([variant='labels']) .link:hover,
  :host([variant='labels']) .action:hover {
    color: var(--_accent);
    background: transparent;
    text-decoration: underline;
  }
  :host([variant='pills']) .link,
  :host([variant='pills']) .action {
    border-color: var(--_accent);
    color: var(--_on-accent);
    background: var(--_accent);
  }
  :host([variant='pills']) .link:hover,
  :host([variant='pills']) .action:hover {
    background: color-mix(in srgb, var(--_accent) 80%, #000);
  }
  .menu,
  .popover {
    position: fixed;
    /* Physical on purpose: floating-ui writes left/top. */
    left: 0;
    top: 0;
    z-index: 1000;
    inline-size: max-content;
    max-inline-size: calc(100vw - 16px);
    padding: calc(var(--_space) / 2);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    color: var(--_text);
    background: var(--_raised);
    box-shadow: var(--_shadow);
  }
  .menu {
    display: flex;
    flex-direction: column;
    min-inline-size: 12em;
  }
  [hidden] {
    display: none !important;
  }
  .item {
    display: flex;
    align-items: center;
    gap: 0.6em;
    min-block-size: 2.25em;
    padding: 0.25em 0.75em;
    border: 0;
    border-radius: calc(var(--_radius) - 2px);
    color: var(--_text);
    background: transparent;
    text-align: start;
    text-decoration: none;
  }
  .item:hover,
  .item:focus {
    background: color-mix(in srgb, var(--_accent) 14%, transparent);
  }
  .popover {
    padding: var(--_space);
  }
  .popover form {
    display: grid;
    gap: calc(var(--_space) / 2);
    min-inline-size: 16em;
  }
  .popover label {
    font-weight: 600;
  }
  .popover input,
  .manual {
    min-block-size: 2.25em;
    padding: 0 0.5em;
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) - 2px);
    background: var(--_raised);
  }
  .popover input[aria-invalid='true'] {
    border-color: var(--_danger);
  }
  .field-error {
    margin: 0;
    color: var(--_danger);
    font-size: 0.875em;
  }
  .actions {
    display: flex;
    gap: var(--_space);
    margin-block-start: calc(var(--_space) / 2);
  }
  .actions button {
    padding: 0.3em 0.9em;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: transparent;
  }
  .actions .primary {
    border-color: var(--_accent);
    color: var(--_on-accent);
    background: var(--_accent);
  }
  .status {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_space);
    margin: 0;
    font-size: 0.875em;
  }
  .status span {
    display: inline-flex;
    align-items: center;
    gap: 0.3em;
  }
  .ok {
    color: var(--_success);
  }
  .failed {
    color: var(--_danger);
  }
  .manual {
    flex: 1 1 16em;
    color: var(--_text);
  }
`;
