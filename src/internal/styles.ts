/**
 * Shared styles: every public `--chime-*` custom property is read once here into a private
 * `--_*` variable, so element styles use `var(--_accent)` and themes only set `--chime-*`.
 */
import { css } from 'lit';

/** The dark palette, for `theme="dark"` and for `theme="auto"` when the reader prefers dark. */
const dark = css`
  --_accent: var(--chime-color-accent, #8cb4ff);
  --_on-accent: var(--chime-color-on-accent, #0d1117);
  --_text: var(--chime-color-text, #e6edf3);
  --_muted: var(--chime-color-muted, #9da7b3);
  --_raised: var(--chime-color-surface-raised, #161b22);
  --_border: var(--chime-color-border, #6e7681);
  --_focus: var(--chime-color-focus, #58a6ff);
  --_danger: var(--chime-color-danger, #ff7b72);
  --_success: var(--chime-color-success, #56d364);
  --_star: var(--chime-color-star, #e3b341);
  --_star-empty: var(--chime-color-star-empty, #6e7681);
`;

export const baseStyles = css`
  :host {
    --_accent: var(--chime-color-accent, #1a5fb4);
    --_on-accent: var(--chime-color-on-accent, #fff);
    --_text: var(--chime-color-text, #1f2328);
    --_muted: var(--chime-color-muted, #59636e);
    --_surface: var(--chime-color-surface, transparent);
    --_raised: var(--chime-color-surface-raised, #fff);
    --_border: var(--chime-color-border, #8c959f);
    --_focus: var(--chime-color-focus, #0969da);
    --_danger: var(--chime-color-danger, #b3261e);
    --_success: var(--chime-color-success, #1a7f37);
    --_star: var(--chime-color-star, #b76e00);
    --_star-empty: var(--chime-color-star-empty, #8c959f);
    --_radius: var(--chime-radius, 6px);
    --_space: var(--chime-space, 8px);
    --_font: var(--chime-font-family, inherit);
    --_font-size: var(--chime-font-size, 1rem);
    --_shadow: var(--chime-shadow, 0 4px 16px rgb(0 0 0 / 0.16));

    display: block;
    box-sizing: border-box;
    color: var(--_text);
    background: var(--_surface);
    font-family: var(--_font);
    font-size: var(--_font-size);
    line-height: 1.5;
    text-align: start;
    text-transform: none;
    letter-spacing: normal;
  }
  :host([hidden]) {
    display: none;
  }
  :host([theme='dark']) {
    ${dark}
  }
  @media (prefers-color-scheme: dark) {
    :host([theme='auto']) {
      ${dark}
    }
  }
  *,
  ::before,
  ::after {
    box-sizing: inherit;
  }
  /* Controls take the element's font and colour (the UA stylesheet already resets their text-transform and letter-spacing). */
  button,
  input,
  select,
  textarea {
    font: inherit;
    color: inherit;
  }
  button {
    min-block-size: 24px;
    min-inline-size: 24px;
    cursor: pointer;
  }
  :focus-visible {
    outline: 2px solid var(--_focus);
    outline-offset: 2px;
  }
  .sr-only {
    position: absolute;
    inline-size: 1px;
    block-size: 1px;
    margin: -1px;
    padding: 0;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
    border: 0;
  }
  .error {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_space);
    padding: var(--_space) calc(var(--_space) * 1.5);
    border: 1px solid var(--_danger);
    border-radius: var(--_radius);
    color: var(--_danger);
    background: var(--_raised);
  }
  .error p {
    margin: 0;
    flex: 1 1 16em;
  }
  .error button {
    padding: 4px 12px;
    border: 1px solid; /* currentColor */
    border-radius: var(--_radius);
    background: transparent;
  }
  @media (prefers-reduced-motion: reduce) {
    *,
    ::before,
    ::after {
      transition-duration: 0.01ms !important;
      animation-duration: 0.01ms !important;
    }
  }
  @media (forced-colors: active) {
    :focus-visible {
      outline-color: Highlight;
    }
  }
`;
