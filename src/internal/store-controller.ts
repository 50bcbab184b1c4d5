/** Re-renders a lit host whenever a nanostores store changes; subscribes only while connected. */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ReadableAtom } from 'nanostores';

export class StoreController<T> implements ReactiveController {
  #store: ReadableAtom<T>;
  #unsubscribe?: () => void;

  constructor(
    private readonly host: ReactiveControllerHost,
    store: ReadableAtom<T>,
  ) {
    this.#store = store;
    host.addController(this);
  }

  get value(): T {
    return this.#store.get();
  }

  /** Points the controller at another store (e.g. when the element's page changes). */
  set store(store: ReadableAtom<T>) {
    if (store === this.#store) return;
    const connected = !!this.#unsubscribe;
    this.hostDisconnected();
    this.#store = store;
    if (connected) this.hostConnected();
    this.host.requestUpdate();
  }

  hostConnected(): void {
    // `listen` (not `subscribe`) skips the immediate call: the host renders the current value anyway.
    this.#unsubscribe = this.#store.listen(() => this.host.requestUpdate());
  }

  hostDisconnected(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
  }
}
