/**
 * Live events: one feed per watched page. Events live in the events table (so a reconnect with
 * Last-Event-ID resumes), and the storage tells us when a page has new ones: directly on SQLite,
 * through LISTEN/NOTIFY from any process on PostgreSQL.
 */
import type { Storage, StoredEvent } from '../storage/types.js';

interface Client {
  send: (event: StoredEvent) => void;
  lastSent: number;
  /** Live events held back while a resuming client is replayed. */
  buffer: StoredEvent[] | null;
}

interface Feed {
  last: number;
  clients: Set<Client>;
  running: Promise<void> | null;
  again: boolean;
}

export class LiveHub {
  readonly #storage: Storage;
  readonly #feeds = new Map<string, Promise<Feed>>();
  readonly #off: () => void;

  constructor(storage: Storage) {
    this.#storage = storage;
    this.#off = storage.onEvent((page) => void this.#poke(page));
  }

  /** Starts sending a page's new events (and, with `resumeAfter`, the ones missed since). */
  async subscribe(page: string, resumeAfter: number | null, send: (event: StoredEvent) => void): Promise<() => void> {
    let feedPromise = this.#feeds.get(page);
    if (!feedPromise) {
      feedPromise = this.#storage.lastEventId(page).then((last) => ({ last, clients: new Set(), running: null, again: false }));
      this.#feeds.set(page, feedPromise);
      feedPromise.catch(() => this.#feeds.delete(page));
    }
    const feed = await feedPromise;
    const client: Client = { send, lastSent: resumeAfter ?? feed.last, buffer: resumeAfter === null ? null : [] };
    feed.clients.add(client);
    const unsubscribe = () => {
      feed.clients.delete(client);
      if (!feed.clients.size && this.#feeds.get(page) === feedPromise) this.#feeds.delete(page);
    };
    if (resumeAfter !== null) {
      try {
        for (const event of await this.#storage.eventsSince(page, resumeAfter, 1000)) deliver(client, event, true);
      } catch (error) {
        unsubscribe();
        throw error;
      }
      const held = client.buffer ?? [];
      client.buffer = null;
      for (const event of held) deliver(client, event, true);
    }
    return unsubscribe;
  }

  /** Number of open feeds (pages with live clients). */
  get size(): number {
    return this.#feeds.size;
  }

  close(): void {
    this.#off();
    this.#feeds.clear();
  }

  async #poke(page: string): Promise<void> {
    const feedPromise = this.#feeds.get(page);
    if (!feedPromise) return;
    const feed = await feedPromise;
    if (feed.running) {
      feed.again = true;
      return;
    }
    feed.running = (async () => {
      do {
        feed.again = false;
        for (;;) {
          const events = await this.#storage.eventsSince(page, feed.last, 500);
          for (const event of events) {
            feed.last = event.id;
            for (const client of feed.clients) deliver(client, event, false);
          }
          if (events.length < 500) break;
        }
      } while (feed.again);
    })()
      .catch((e: Error) => console.error('chime: live events failed:', e.message))
      .finally(() => (feed.running = null));
  }
}

function deliver(client: Client, event: StoredEvent, replay: boolean): void {
  if (client.buffer && !replay) {
    client.buffer.push(event);
    return;
  }
  if (event.id <= client.lastSent) return;
  client.lastSent = event.id;
  client.send(event);
}
