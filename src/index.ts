/**
 * `chime`: settings for every element (the elements themselves are `chime/<name>` entries).
 * One copy of the settings is shared by every npm entry, so `configure()` reaches them all.
 */
export { configure, type ChimeConfig } from './internal/config.js';
