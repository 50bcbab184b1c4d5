/** Typed events every Chime element may fire; all bubble and cross shadow roots. */
import type { ChimeError } from '../backend/contract.js';

export class ChimeErrorEvent extends Event {
  constructor(readonly error: ChimeError) {
    super('chime-error', { bubbles: true, composed: true });
  }
}

declare global {
  interface HTMLElementEventMap {
    'chime-error': ChimeErrorEvent;
  }
}
