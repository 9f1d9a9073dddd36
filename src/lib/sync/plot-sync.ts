/** Plots in the workspace: the local 'plots' store ↔ /api/plots. */
import type { MultiPolygon, Polygon } from 'geojson';
import type { StoredPlot } from '../state/persistence/database';
import { ConflictError, type Draft, type Repository, type Revisioned } from '../state/persistence/repository';
import { unlessNotFound, type RemotePlot } from './api-client';
import type { SyncKind } from './sync-kind';

export interface PlotPayload {
  readonly name: string;
  readonly plotType: string;
  readonly targetYear: number;
  readonly notes: string;
  readonly geometry: Polygon | MultiPolygon;
  readonly deleted: boolean;
}

function payloadOfStored(plot: Pick<StoredPlot, keyof PlotPayload>): PlotPayload {
  return { name: plot.name, plotType: plot.plotType, targetYear: plot.targetYear, notes: plot.notes, geometry: plot.geometry, deleted: plot.deleted };
}

/** Coordinates rounded to ~1 cm, so a record that went through the server compares equal. */
export function geometryFingerprint(geometry: unknown): string {
  return JSON.stringify(geometry, (_key, value: unknown) => (typeof value === 'number' ? Math.round(value * 1e7) / 1e7 : value));
}

/**
 * Writes a record received from the server into a local store, whatever its local revision
 * (the server's copy wins where nothing local is waiting: the engine checks that first).
 */
export async function writeFromServer<T extends Revisioned>(store: Repository<T>, draft: Draft<T>): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    const current = await store.get(draft.id);
    try {
      await store.put(draft, current?.revision ?? 0);
      return;
    } catch (error) {
      // Another tab wrote in between: read again (twice at most).
      if (!(error instanceof ConflictError) || attempt >= 2) throw error;
    }
  }
}

/**
 * Plots' remote twin. `store` is the local plots repository opened with an origin starting with
 * SYNC_ORIGIN_PREFIX, so that its writes reach the open plot list (as another tab's would) and are
 * not mistaken for the user's edits.
 */
export function plotSync(store: Repository<StoredPlot>): SyncKind<RemotePlot> {
  return {
    type: 'plots',
    storeName: 'plots',
    idOf: (remote) => remote.id,
    list: (api) => api.listPlots(true),
    fetchOne: (api, id) => unlessNotFound(api.getPlot(id)),
    async readLocal(id) {
      const plot = await store.get(id);
      return plot ? payloadOfStored(plot) : undefined;
    },
    localIds: async () => (await store.list()).map((plot) => plot.id),
    async applyRemote(remote) {
      const { name, plotType, targetYear, notes, geometry, deleted, createdAt, id } = remote;
      await writeFromServer(store, { id, name, plotType, targetYear, notes, geometry, deleted, createdAt });
    },
    async push(api, id, payload, baseRevision) {
      const { name, plotType, targetYear, notes, geometry, deleted } = payload as PlotPayload;
      const fields = { name, plotType, targetYear, notes, geometry };
      if (baseRevision > 0) return api.updatePlot(id, baseRevision, { ...fields, deleted });
      const created = await api.createPlot(id, fields);
      // Made and deleted here before it ever reached the server: the deletion follows.
      return deleted ? api.updatePlot(id, created.revision, { ...fields, deleted }) : created;
    },
    payloadOf: (remote) => payloadOfStored(remote),
    sameContent(a, b) {
      const left = a as PlotPayload;
      const right = b as PlotPayload;
      return left.name.trim() === right.name.trim() && geometryFingerprint(left.geometry) === geometryFingerprint(right.geometry);
    },
  };
}
