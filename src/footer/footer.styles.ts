import { css } from 'lit';

export const footerStyles = css`
  :host {
    display: flex;
    flex-direction: column;
    gap: var(--chime-footer-gap, calc(var(--_space) * 3));
    margin-block: calc(var(--_space) * 3);
  }
`;
