import { css } from 'lit';

export const ratingStyles = css`
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
    gap: var(--chime-rating-star-gap, 2px);
    margin-block: calc(var(--_space) / 2);
    inline-size: fit-content;
  }
  /* The target: at least 24 × 24 CSS px whatever the star size (WCAG 2.5.8). */
  label {
    position: relative;
    display: grid;
    place-items: center;
    min-inline-size: 24px;
    min-block-size: 24px;
  }
  /* The native radio covers the whole target, focusable and clickable, drawn as nothing but
     the shared focus ring. */
  input {
    position: absolute;
    inset: 0;
    margin: 0;
    appearance: none;
    border-radius: var(--_radius);
    cursor: pointer;
  }
  .star {
    position: relative;
    color: var(--_star-empty);
  }
  /* The height alone sizes a star: its width follows the 1:1 viewBox. */
  svg {
    display: block;
    block-size: var(--chime-rating-star-size, 24px);
    fill: none;
    stroke: currentColor;
    stroke-width: 1.5;
    stroke-linejoin: round;
  }
  /* Fractional fill: the filled star is clipped to --_fill from the inline start (mirrored in RTL:
     with a fixed inline size, the end inset gives way). */
  .fill {
    position: absolute;
    inset: 0;
    inline-size: var(--_fill);
    overflow: hidden;
    color: var(--_star);
  }
  .fill svg {
    fill: currentColor;
  }
  /* Preview (CSS only, so live updates never disturb it): the stars up to the one under the
     pointer, else up to the keyboard-focused one, fill completely; the ones after it stay empty. */
  .stars:has(input:hover, :focus-visible) .fill {
    inline-size: 100%;
    color: var(--_accent);
  }
  .stars label:has(input:hover) ~ label .fill,
  .stars:not(:has(input:hover)) label:has(:focus-visible) ~ label .fill {
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
  /* Forced colours keep system colours: stars in CanvasText, the preview in Highlight. */
  @media (forced-colors: active) {
    :host {
      --_star: CanvasText;
      --_accent: Highlight;
    }
  }
`;
