/**
 * Live updates: every change is announced with pg_notify inside its transaction (so only
 * committed changes are announced), and every server instance LISTENs and fans the events out to
 * its own server-sent-event streams.
 */
import type { Database, Queryable } from '../db/adapter';

export const EVENT_CHANNEL = 'workspace_events';

export interface ChangeEvent {
  readonly type: string;
  readonly id: string;
  readonly action: string;
  readonly revision: number | null;
  readonly by: string;
  readonly at: string;
}

export async function announce(tx: Queryable, event: ChangeEvent): Promise<void> {
  // NOTIFY payloads are capped at 8000 bytes: events carry ids, clients fetch the record.
  await tx.query('select pg_notify($1, $2)', [EVENT_CHANNEL, JSON.stringify(event)]);
}

export class EventHub {
  private readonly subscribers = new Set<(event: ChangeEvent) => void>();
  private stop: (() => Promise<void>) | undefined;

  async start(db: Database): Promise<void> {
    this.stop = await db.listen(EVENT_CHANNEL, (payload) => {
      let event: ChangeEvent;
      try {
        event = JSON.parse(payload) as ChangeEvent;
      } catch {
        return;
      }
      for (const subscriber of this.subscribers) subscriber(event);
    });
  }

  subscribe(subscriber: (event: ChangeEvent) => void): () => void {
    this.subscribers.add(subscriber);
    return () => this.subscribers.delete(subscriber);
  }

  get size(): number {
    return this.subscribers.size;
  }

  async close(): Promise<void> {
    this.subscribers.clear();
    await this.stop?.();
  }
}
