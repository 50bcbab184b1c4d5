/**
 * Rating actions on the shared page store: optimistic update → backend → the server's answer,
 * rolled back when the backend refuses or fails. Every element of the page sees each step.
 */
import type { RatingSummary } from '../backend/contract.js';
import { toChimeError, type PageStore } from './page.js';

interface Queue {
  /** The value the reader wants now (null: no rating); changes while a request is out. */
  wanted?: number | null;
  /** Bumped on every action, so a burst (arrow keys) ends in one last request. */
  version: number;
  /** The last rating the server confirmed: what a failure rolls back to. */
  confirmed?: RatingSummary;
  running?: Promise<RatingSummary> | null;
}

const queues = new WeakMap<PageStore, Queue>();

/** The summary as it will be once the server counts `value` (null removes the reader's rating). */
export function optimisticRating(rating: RatingSummary, value: number | null): RatingSummary {
  // `mine` and `value` are null or a rating from 1 up.
  const count = rating.count - (rating.mine ? 1 : 0) + (value ? 1 : 0);
  const total = rating.average * rating.count - (rating.mine ?? 0) + (value ?? 0);
  return { ...rating, mine: value, count, average: count ? total / count : 0 };
}

/**
 * Sets the reader's rating for the store's page (`null` removes it). Requests go out one at a
 * time, so answers cannot arrive out of order; calls made meanwhile share the promise of the
 * request that carries the last value. Rejects with a ChimeError after rolling back.
 */
export function setRating(store: PageStore, value: number | null): Promise<RatingSummary> {
  let queue = queues.get(store);
  if (!queue) queues.set(store, (queue = { version: 0 }));
  if (!queue.running) queue.confirmed = store.$state.get().summary?.rating;
  queue.wanted = value;
  queue.version++;
  store.update((summary) => ({ ...summary, rating: optimisticRating(summary.rating, value) }));
  return (queue.running ??= send(store, queue).finally(() => (queue.running = null)));
}

async function send(store: PageStore, queue: Queue): Promise<RatingSummary> {
  const { backend, page } = store;
  let answer: RatingSummary;
  try {
    let version: number;
    do {
      version = queue.version;
      const value = queue.wanted;
      answer = queue.confirmed = await (value ? backend.rate(page, value) : backend.removeRating(page));
    } while (version !== queue.version);
  } catch (error) {
    const chimeError = toChimeError(error);
    store.update(({ rating, ...summary }) => ({
      ...summary,
      rating: { ...(queue.confirmed ?? rating), closed: chimeError.code === 'closed' || rating.closed },
    }));
    throw chimeError;
  }
  store.update((summary) => ({ ...summary, rating: answer }));
  return answer;
}
