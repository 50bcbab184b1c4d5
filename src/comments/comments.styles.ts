import { css } from 'lit';

export const commentsStyles = css`
  :host {
    --_gap: var(--_space);
  }
  h2 {
    margin: 0;
    font-size: 1.25em;
  }
  header[part='header'],
  .row {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_gap);
  }
  header[part='header'] {
    justify-content: space-between;
    margin-block-end: calc(var(--_gap) * 1.5);
  }
  header p {
    flex-basis: 100%;
    margin: 0;
  }
  p {
    margin: 0 0 0.5em;
  }
  button,
  select,
  input,
  textarea {
    padding: 4px 10px;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_raised);
  }
  button:disabled {
    opacity: 0.6;
    cursor: default;
  }
  .primary {
    border-color: var(--_accent);
    background: var(--_accent);
    color: var(--_on-accent);
    font-weight: 600;
  }
  [aria-pressed='true'] {
    border-color: var(--_accent);
    color: var(--_accent);
    font-weight: 700;
  }
  .composer {
    display: grid;
    gap: var(--_gap);
    margin-block: var(--_gap);
  }
  textarea {
    inline-size: 100%;
    min-block-size: 4.5em;
    max-block-size: 60vh;
    field-sizing: content;
    resize: vertical;
  }
  .field {
    display: grid;
    flex: 1 1 12em;
  }
  .invalid {
    margin: 0;
    color: var(--_danger);
  }
  [aria-invalid='true'] {
    border-color: var(--_danger);
  }
  .hp {
    position: absolute;
    inline-size: 1px;
    block-size: 1px;
    overflow: hidden;
    clip-path: inset(50%);
  }
  .check,
  .muted,
  .note {
    color: var(--_muted);
    font-size: 0.9em;
  }
  ul {
    margin: 0;
    padding: 0;
    list-style: none;
  }
  ul ul {
    margin-inline-start: calc(var(--_gap) * 2);
    padding-inline-start: calc(var(--_gap) * 2);
    border-inline-start: 2px solid var(--_border);
  }
  article {
    padding: var(--_gap) 6px;
    border-radius: var(--_radius);
    scroll-margin-block: 30vh;
    /* Off-screen comments skip layout and paint: long threads render fast. */
    content-visibility: auto;
    contain-intrinsic-size: auto 7rem;
  }
  /* Inset: content-visibility clips anything drawn outside the box. */
  article:focus-visible,
  article.highlight {
    outline: 2px solid var(--_accent);
    outline-offset: -2px;
  }
  .meta {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5em;
  }
  .avatar {
    display: inline-grid;
    place-items: center;
    flex: none;
    inline-size: 2.5em;
    block-size: 2.5em;
    border-radius: 50%;
    background: var(--_accent);
    color: var(--_on-accent);
    font-size: 0.8em;
    font-weight: 700;
  }
  .badge {
    padding: 0 6px;
    border: 1px solid currentColor;
    border-radius: var(--_radius);
    font-size: 0.8em;
  }
  .body {
    overflow-wrap: anywhere;
    margin-block: 0.25em;
  }
  .body a {
    color: var(--_accent);
  }
  pre {
    overflow-x: auto;
    padding: var(--_gap);
    background: var(--_raised);
  }
  blockquote {
    margin: 0 0 0.5em;
    padding-inline-start: var(--_gap);
    border-inline-start: 3px solid var(--_border);
    color: var(--_muted);
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 4px;
  }
  .actions button {
    border-color: transparent;
    background: transparent;
    color: var(--_muted);
  }
  .score {
    min-inline-size: 2ch;
    font-weight: 600;
    text-align: center;
  }
  .more,
  .fresh {
    display: block;
    inline-size: 100%;
    margin-block: var(--_gap);
    padding: 8px;
  }
  .skeleton {
    display: grid;
    gap: var(--_gap);
    min-block-size: 9rem;
  }
  .shell {
    min-block-size: var(--chime-comments-min-height, 20rem);
  }
  /* On narrow screens the header and composer wrap: the empty thread is about 28rem tall. */
  @media (max-width: 40rem) {
    .shell {
      min-block-size: var(--chime-comments-min-height, 28rem);
    }
  }
  .skeleton div {
    block-size: 4rem;
    border-radius: var(--_radius);
    background: var(--_border);
    opacity: 0.3;
    animation: pulse 1.2s ease-in-out infinite alternate;
  }
  @keyframes pulse {
    to {
      opacity: 0.12;
    }
  }
`;
