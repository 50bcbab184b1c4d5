/**
 * Share counts and recording. Sharing itself needs no backend: without one (or with a failing
 * one) these quietly do nothing, and a recorded share never delays the reader's navigation.
 */
import type { ChimeBackend, ShareSummary } from '../backend/contract.js';
import { pageStore, type PageStore } from './page.js';

type Setting = string | ChimeBackend | undefined;

/** The page store whose summary carries the share counts, or null when no backend is usable. */
export function shareStore(setting: Setting, page: string): PageStore | null {
  try {
    return pageStore(setting, page);
  } catch {
    return null;
  }
}

function bump(shares: ShareSummary, network: string, by: number): ShareSummary {
  return {
    total: Math.max(0, shares.total + by),
    networks: { ...shares.networks, [network]: Math.max(0, (shares.networks[network] ?? 0) + by) },
  };
}

/**
 * Records a share (fire-and-forget): the total goes up at once, the backend's answer replaces it,
 * and a failure rolls the increment back. Never rejects.
 */
export async function recordShare(setting: Setting, page: string, network: string): Promise<void> {
  const store = shareStore(setting, page);
  if (!store) return;
  store.update((summary) => ({ ...summary, shares: bump(summary.shares, network, 1) }));
  try {
    const shares = await store.backend.recordShare(page, network);
    store.update((summary) => ({ ...summary, shares }));
  } catch {
    store.update((summary) => ({ ...summary, shares: bump(summary.shares, network, -1) }));
  }
}
