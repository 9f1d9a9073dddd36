/**
 * One kind of record the workspace synchronises (plots, reviews, facilities): how the local copy
 * is read and written and how a change reaches the server. The engine (sync-engine.ts) is the same
 * for every kind.
 */
import type { ApiClient } from './api-client';
import type { SyncType } from './outbox';

/** Local writes made by the sync itself carry an origin starting with this, so they are not sent back. */
export const SYNC_ORIGIN_PREFIX = 'workspace-sync:';

export interface PushResult {
  /** The server's revision after the write. */
  readonly revision: number;
}

export interface SyncKind<Remote extends { readonly revision: number } = { readonly revision: number }> {
  readonly type: SyncType;
  /** The IndexedDB store (in the app's database) whose change notices are this kind's local edits. */
  readonly storeName: string;
  /** The record's id on the server. */
  idOf(remote: Remote): string;
  /** Everything on the server (deleted records included where the server keeps them). */
  list(api: ApiClient): Promise<Remote[]>;
  fetchOne(api: ApiClient, id: string): Promise<Remote | undefined>;
  /** The local record as the payload the outbox keeps, or undefined when there is none. */
  readLocal(id: string): Promise<unknown>;
  /** Ids of every local record (for the upload of local-mode work). */
  localIds(): Promise<string[]>;
  /** Writes the server's record into the local copy. */
  applyRemote(remote: Remote): Promise<void>;
  /** Sends the payload as a change on `baseRevision` (0: a new record). Throws ApiError. */
  push(api: ApiClient, id: string, payload: unknown, baseRevision: number): Promise<PushResult>;
  /** The server record's fields in the payload's shape (for comparing and showing side by side). */
  payloadOf(remote: Remote): unknown;
  /** Whether two payloads describe the same record (same id or same content) for duplicate detection. */
  sameContent(a: unknown, b: unknown): boolean;
  /**
   * Only for a kind whose local store keeps all its records in one (the facility list): the ids
   * of the records in the local record a change notice names, or null when the notice is not this
   * kind's. The engine then queues each record that differs from what the server last had.
   */
  recordsOfNotice?(noticeId: string): Promise<string[] | null>;
}
