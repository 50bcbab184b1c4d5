import { css } from 'lit';

/** The thread's own styles, after the base and the composer's (buttons, fields, `.row`s, quotes). */
export const commentsStyles = css`
  h2 {
    margin: 0;
    font-size: 1.25em;
  }
  header[part='header'] {
    justify-content: space-between;
    margin-block-end: calc(var(--_space) * 1.5);
  }
  header p {
    flex-basis: 100%;
    margin: 0;
  }
  p {
    margin: 0 0 0.5em;
  }
  [aria-pressed='true'] {
    border-color: var(--_accent);
    color: var(--_accent);
    font-weight: 700;
  }
  ul {
    margin: 0;
    padding: 0;
    list-style: none;
  }
  ul ul {
    margin-inline-start: calc(var(--_space) * 2);
    padding-inline-start: calc(var(--_space) * 2);
    border-inline-start: 2px solid var(--_border);
  }
  article {
    padding: var(--_space) 6px;
    border-radius: var(--_radius);
    scroll-margin-block: 30vh;
    /* Off-screen comments skip layout and paint: long threads render fast. */
    content-visibility: auto;
    contain-intrinsic-size: auto 7rem;
  }
  /* Inset: content-visibility clips anything drawn outside the box. */
  article:focus-visible,
  .highlight {
    outline: 2px solid var(--_accent);
    outline-offset: -2px;
  }
  .meta {
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
    border: 1px solid;
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
    padding: var(--_space);
    background: var(--_raised);
  }
  .actions {
    gap: 4px;
  }
  .actions button {
    border-color: transparent;
    background: none;
    color: var(--_muted);
  }
  .score {
    min-inline-size: 2ch;
    font-weight: 600;
    text-align: center;
  }
  [part='more'] {
    display: block;
    inline-size: 100%;
    margin-block: var(--_space);
    padding: 8px;
  }
  .skeleton {
    display: grid;
    gap: var(--_space);
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
