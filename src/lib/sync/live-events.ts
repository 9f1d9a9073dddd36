/**
 * Other users' changes, live: the server's event stream (GET /api/events, server-sent events).
 * EventSource reconnects by itself after a network failure; a stream the server closed for good
 * (e.g. 401 after the session ended) is reopened by ensureOpen() on the next catch-up.
 */
export type LiveState = 'open' | 'connecting' | 'closed';

export interface LiveChange {
  readonly type: string;
  readonly id: string;
  readonly action: string;
  readonly revision: number | null;
  readonly by: string;
}

export interface LiveListeners {
  onState(state: LiveState): void;
  /** The stream (re)connected: changes may have been missed meanwhile. */
  onOpen(): void;
  onChange(change: LiveChange): void;
}

export class LiveEvents {
  private source: EventSource | null = null;
  private closed = false;

  constructor(
    private readonly url: string,
    private readonly listeners: LiveListeners,
  ) {
    this.ensureOpen();
  }

  ensureOpen(): void {
    if (this.closed || typeof EventSource === 'undefined') return;
    if (this.source && this.source.readyState !== EventSource.CLOSED) return;
    this.source?.close();
    const source = new EventSource(this.url, { withCredentials: true });
    this.source = source;
    this.listeners.onState('connecting');
    source.addEventListener('ready', () => {
      this.listeners.onState('open');
      this.listeners.onOpen();
    });
    source.addEventListener('change', (event) => {
      try {
        this.listeners.onChange(JSON.parse((event as MessageEvent<string>).data) as LiveChange);
      } catch {
        // A malformed event is skipped; the next catch-up reads the record anyway.
      }
    });
    source.addEventListener('error', () => {
      if (this.source !== source) return;
      this.listeners.onState(source.readyState === EventSource.CLOSED ? 'closed' : 'connecting');
    });
  }

  close(): void {
    this.closed = true;
    this.source?.close();
    this.source = null;
  }
}
