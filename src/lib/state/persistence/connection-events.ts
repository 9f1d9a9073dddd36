/**
 * What happened to the app's database connections that the user must know about: a schema
 * upgrade waiting for other tabs to close (blocked), a connection closed because another tab
 * upgrades the schema (this tab must reload), or a connection the browser closed abnormally.
 * The opener reports here; the app shows a banner (plain TypeScript, no Svelte, so unit tests
 * can listen too).
 */
export type ConnectionEvent =
  /** This tab wants a newer schema, but another tab keeps the old one open. */
  | { readonly kind: 'blocked'; readonly currentVersion: number; readonly wantedVersion: number | null }
  /** The upgrade that was blocked went ahead. */
  | { readonly kind: 'unblocked' }
  /** Another tab opened a newer schema: this tab's connection was closed; reload to go on. */
  | { readonly kind: 'closed-for-upgrade'; readonly currentVersion: number; readonly wantedVersion: number | null }
  /** The browser closed the connection (storage cleared, disk error). */
  | { readonly kind: 'terminated' };

type Listener = (event: ConnectionEvent) => void;
const listeners = new Set<Listener>();

/** Calls `listener` on every connection event. Returns an unsubscribe function. */
export function onConnectionEvent(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function reportConnectionEvent(event: ConnectionEvent): void {
  for (const listener of listeners) listener(event);
}
