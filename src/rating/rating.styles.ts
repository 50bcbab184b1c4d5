import { css } from 'lit';

export const ratingStyles = css`
  :host {
    --_size: var(--chime-rating-star-size, 24px);
    --_gap: var(--chime-rating-star-gap, 2px);
  }
  p {
    margin: 0;
  }
  .summary {
    display: flex;
    align-items: baseline;
    flex-wrap: wrap;
    gap: 0 calc(var(--_space) * 1.5);
  }
  .average {
    font-size: 1.75em;
    font-weight: 700;
    line-height: 1.2;
    font-variant-numeric: tabular-nums;
  }
  .count,
  .mine {
    color: var(--_muted);
  }
  .label {
    font-weight: 600;
  }
  .placeholder {
    visibility: hidden;
  }
  .stars {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_gap);
    margin-block: calc(var(--_space) / 2);
    inline-size: fit-content;
  }
  /* The target: at least 24 × 24 CSS px whatever the star size (WCAG 2.5.8). */
  label,
  .static {
    position: relative;
    display: grid;
    place-items: center;
    min-inline-size: 24px;
    min-block-size: 24px;
    border-radius: var(--_radius);
  }
  label {
    cursor: pointer;
  }
  /* The native radio stays focusable and clickable over the whole target, only invisible. */
  input {
    position: absolute;
    z-index: 1;
    inset: 0;
    margin: 0;
    opacity: 0;
    cursor: inherit;
  }
  label:has(input:focus-visible) {
    outline: 2px solid var(--_focus);
    outline-offset: 1px;
  }
  .star {
    position: relative;
    display: block;
    inline-size: var(--_size);
    block-size: var(--_size);
    color: var(--_star-empty);
  }
  svg {
    display: block;
    inline-size: var(--_size);
    block-size: var(--_size);
    fill: none;
    stroke: currentColor;
    stroke-width: 1.5;
    stroke-linejoin: round;
  }
  .fill svg {
    fill: currentColor;
  }
  /* Fractional fill: the filled star is clipped to --_fill from the inline start (mirrored in RTL). */
  .fill {
    position: absolute;
    inset-block: 0;
    inset-inline-start: 0;
    inline-size: var(--_fill, 0%);
    overflow: hidden;
    color: var(--_star);
  }
  /* Preview (CSS only, so live updates never disturb it): the stars up to the one under the
     pointer, else up to the keyboard-focused one, fill completely; the ones after it stay empty. */
  .stars:has(label:hover) .fill,
  .stars:has(:focus-visible) .fill {
    inline-size: 100%;
    color: var(--_accent);
  }
  .stars:has(label:hover) label:hover ~ label .fill,
  .stars:not(:has(label:hover)) label:has(:focus-visible) ~ label .fill {
    inline-size: 0;
  }
  .mine {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_space);
  }
  .remove {
    padding: 2px 10px;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    color: var(--_text);
    background: var(--_raised);
  }
  .remove:hover {
    border-color: var(--_accent);
  }
  .error {
    margin-block-start: var(--_space);
  }
  @media (forced-colors: active) {
    .fill {
      color: CanvasText;
    }
    .stars:has(label:hover) .fill,
    .stars:has(:focus-visible) .fill {
      color: Highlight;
    }
  }
`;
