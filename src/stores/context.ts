/**
 * Stores reach backends only through here: one shared client per backend setting.
 * `getBackend(setting)` is the shared client for an element's backend setting; it throws
 * `ChimeError('no_backend')`.
 */
export { backendFor as getBackend } from '../backend/factory.js';
