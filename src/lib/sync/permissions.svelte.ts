/**
 * What the signed-in workspace user may change, for the UI to hide what the server would refuse
 * (the server enforces it anyway). In local-only mode everything is allowed, as ever. Kept apart
 * from the workspace state so that components can read it without importing the sync machinery.
 */
import type { WorkspaceRole } from './api-client';

export type WritableRecord = 'plots' | 'reviews' | 'facilities';

const WRITES: Record<WorkspaceRole, readonly WritableRecord[]> = {
  admin: [],
  planner: ['plots'],
  fire_officer: ['reviews', 'facilities'],
  station: [],
  viewer: [],
};

class Permissions {
  /** null: local-only mode (or not decided yet). */
  role = $state<WorkspaceRole | null | 'signed-out'>(null);
  townshipCode = $state<string | null>(null);

  canWrite(type: WritableRecord): boolean {
    if (this.role === null) return true;
    return this.role !== 'signed-out' && WRITES[this.role].includes(type);
  }

  /** A station reports rectification on its own township's zones only. */
  canReport(townshipCode: string): boolean {
    return this.role === 'station' && this.townshipCode === townshipCode;
  }
}

export const permissions = new Permissions();
