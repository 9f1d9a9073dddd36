/** GET /api/events: server-sent events of every committed change (from any server instance). */
import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { EventHub, ChangeEvent } from '../domain/events';
import type { AppEnv } from '../http/env';

export const HEARTBEAT_MS = 25_000;

export function eventRoutes(hub: EventHub) {
  const app = new Hono<AppEnv>();
  app.get('/', (c) =>
    streamSSE(c, async (stream) => {
      const queue: ChangeEvent[] = [];
      let wake: (() => void) | undefined;
      const unsubscribe = hub.subscribe((event) => {
        queue.push(event);
        wake?.();
      });
      stream.onAbort(() => {
        unsubscribe();
        wake?.();
      });
      await stream.writeSSE({ event: 'ready', data: JSON.stringify({ user: c.get('user').name }) });
      while (!stream.aborted) {
        const event = queue.shift();
        if (event) {
          await stream.writeSSE({ event: 'change', data: JSON.stringify(event) });
          continue;
        }
        // Wait for an event or send a heartbeat comment so proxies keep the connection open.
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, HEARTBEAT_MS);
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        wake = undefined;
        if (!stream.aborted && queue.length === 0) await stream.write(': heartbeat\n\n');
      }
      unsubscribe();
    }),
  );
  return app;
}
