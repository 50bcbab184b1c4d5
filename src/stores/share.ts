/**
 * Share counts and recording. Sharing itself needs no backend: without one (or with a failing
 * one) these quietly do nothing, and a recorded share never delays the reader's navigation.
 * The page store, and with it the backend client, loads only when one of these is called (share
 * links need neither; in chime.js it is part of the core chunk already).
 */
import type { ChimeBackend } from '../backend/contract.js';
import type { PageStore } from './page.js';

type Setting = string | ChimeBackend | undefined;

/** The page store whose summary carries the share counts, or null when no backend is usable. */
export const shareStore = (setting: Setting, page: string): Promise<PageStore | null> =>
  import('./page.js').then(({ pageStore }) => pageStore(setting, page)).catch(() => null);

/**
 * Records a share (fire-and-forget): the total goes up at once, the backend's answer replaces it,
 * and a failure rolls the increment back. Never rejects.
 */
export async function recordShare(setting: Setting, page: string, network: string): Promise<void> {
  const store = await shareStore(setting, page);
  if (!store) return;
  const bump = (by: number) =>
    store.update(({ shares: { total, networks }, ...summary }) => ({
      ...summary,
      shares: {
        total: Math.max(0, total + by),
        networks: { ...networks, [network]: Math.max(0, (networks[network] ?? 0) + by) },
      },
    }));
  bump(1);
  try {
    const shares = await store.backend.recordShare(page, network);
    store.update((summary) => ({ ...summary, shares }));
  } catch {
    bump(-1);
  }
}
