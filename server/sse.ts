// One Server-Sent Events stream over a live channel, shared by readers' and moderators' routes.
import type { Context } from 'hono';
import type { LiveHub } from './services/live.js';

/** The Last-Event-ID a reconnecting client sent, if it is a valid event id. */
export function resumeId(c: Context): number | null {
  const last = c.req.header('last-event-id') ?? c.req.query('lastEventId');
  return last && /^\d{1,15}$/.test(last) ? Number(last) : null;
}

/**
 * Streams a channel's events (replaying those after `resume`) until the client leaves or the
 * server closes every stream in `streams` on shutdown.
 */
export function eventStream(
  c: Context,
  d: { hub: LiveHub; streams: Set<() => void> },
  channel: string,
  resume: number | null,
): Response {
  const encoder = new TextEncoder();
  let cleanup = () => {};
  const stream = new ReadableStream<Uint8Array>({
    start: async (controller) => {
      let open = true;
      const write = (text: string) => {
        if (!open) return;
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          cleanup();
        }
      };
      write('retry: 2000\n\n');
      const unsubscribe = await d.hub.subscribe(channel, resume, (e) =>
        write(`id: ${e.id}\nevent: ${e.type}\ndata: ${e.data}\n\n`),
      );
      // Comments keep proxies from closing an idle stream.
      const heartbeat = setInterval(() => write(': keep-alive\n\n'), 25_000);
      cleanup = () => {
        if (!open) return;
        open = false;
        clearInterval(heartbeat);
        unsubscribe();
        d.streams.delete(cleanup);
        try {
          controller.close();
        } catch {
          // already closed by the client
        }
      };
      d.streams.add(cleanup);
    },
    cancel: () => cleanup(),
  });
  return c.body(stream, 200, {
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-cache, no-transform',
    'X-Accel-Buffering': 'no',
  });
}
