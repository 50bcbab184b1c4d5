/** Stores reach backends only through here: one shared client per backend setting. */
import type { ChimeBackend } from '../backend/contract.js';
import { backendFor } from '../backend/factory.js';

/** The shared client for an element's backend setting; throws `ChimeError('no_backend')`. */
export function getBackend(setting: string | ChimeBackend | undefined): ChimeBackend {
  return backendFor(setting);
}
