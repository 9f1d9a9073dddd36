/**
 * Fire facilities in the workspace: the fire office's local facility list (one record in the
 * app's 'settings' store, see facility-repository.ts) ↔ /api/facilities, one server record per
 * camera or watchtower. A change notice for the list queues each facility that differs from what
 * the server last had (the engine compares, see SyncKind.recordsOfNotice); a facility gone from
 * the list is deleted on the server.
 */
import type { Position } from 'geojson';
import type { Facility } from '../geo/coverage/facility';
import { ConflictError } from '../state/persistence/repository';
import { FACILITIES_SETTING, type FacilityRepository } from '../state/fire/facility-repository';
import { unlessNotFound, type RemoteFacility, type RemoteFacilityFields } from './api-client';
import { geometryFingerprint } from './plot-sync';
import type { SyncKind } from './sync-kind';

export interface FacilityPayload {
  readonly kind: string;
  readonly name: string;
  readonly radiusMetres: number;
  readonly geometry: { readonly type: 'Point'; readonly coordinates: Position };
  readonly deleted: boolean;
}

export function facilityPayload(facility: Facility): FacilityPayload {
  return {
    kind: facility.kind,
    name: facility.name,
    radiusMetres: facility.radiusMetres,
    geometry: { type: 'Point', coordinates: [facility.position[0]!, facility.position[1]!] },
    deleted: false,
  };
}

function payloadOfRemote(remote: RemoteFacility): FacilityPayload {
  return { kind: remote.kind, name: remote.name, radiusMetres: remote.radiusMetres ?? 0, geometry: { type: 'Point', coordinates: [...remote.geometry.coordinates] }, deleted: remote.deleted };
}

function facilityOfRemote(remote: RemoteFacility): Facility {
  return { id: remote.id, kind: remote.kind, name: remote.name, position: [...remote.geometry.coordinates], radiusMetres: remote.radiusMetres ?? 0 };
}

/** The list with the server's record put in (or taken out when deleted there), in place. */
export function withRemoteFacility(list: readonly Facility[], remote: RemoteFacility): Facility[] {
  const others = list.filter((facility) => facility.id !== remote.id);
  if (remote.deleted) return others;
  const index = list.findIndex((facility) => facility.id === remote.id);
  const next = facilityOfRemote(remote);
  if (index === -1) return [...list, next];
  const copy = [...list];
  copy[index] = next;
  return copy;
}

/**
 * Facilities' remote twin. `store` is the facility repository opened with an origin starting with
 * SYNC_ORIGIN_PREFIX (its writes reach the open fire panel, as another tab's would).
 */
export function facilitySync(store: FacilityRepository): SyncKind<RemoteFacility> {
  const localList = async () => (await store.load()).facilities ?? [];
  let applying: Promise<unknown> = Promise.resolve();
  const putRemote = async (remote: RemoteFacility): Promise<void> => {
    for (let attempt = 0; ; attempt++) {
      const saved = await store.load();
      // A list that was never saved here is the layer's: the server's records replace it.
      const next = withRemoteFacility(saved.facilities ?? [], remote);
      try {
        await store.save(next, saved.revision);
        return;
      } catch (error) {
        // The fire panel saved in between: read again (twice at most).
        if (!(error instanceof ConflictError) || attempt >= 2) throw error;
      }
    }
  };
  return {
    type: 'facilities',
    storeName: 'settings',
    idOf: (remote) => remote.id,
    list: (api) => api.listFacilities(true),
    fetchOne: (api, id) => unlessNotFound(api.getFacility(id)),
    async recordsOfNotice(noticeId) {
      if (noticeId !== FACILITIES_SETTING) return null;
      return (await localList()).map((facility) => facility.id);
    },
    async readLocal(id) {
      const facility = (await localList()).find((item) => item.id === id);
      return facility ? facilityPayload(facility) : undefined;
    },
    localIds: async () => (await localList()).map((facility) => facility.id),
    applyRemote(remote) {
      // Live events for many facilities arrive together (a first edit sends the whole list): their
      // writes of the one local record go one after another, each on the list the previous wrote.
      const write = applying.then(() => putRemote(remote));
      applying = write.catch(() => undefined);
      return write;
    },
    async push(api, id, payload, baseRevision) {
      const { deleted, radiusMetres, ...rest } = payload as FacilityPayload;
      const fields: RemoteFacilityFields = { ...rest, township: '', radiusMetres };
      if (deleted) {
        // Made and removed before it ever reached the server: nothing to tell it.
        if (baseRevision === 0) return { revision: 0 };
        return api.deleteFacility(id, baseRevision);
      }
      if (baseRevision > 0) return api.updateFacility(id, baseRevision, { ...fields, deleted: false });
      return api.createFacility(id, fields);
    },
    payloadOf: payloadOfRemote,
    sameContent(a, b) {
      const left = a as FacilityPayload;
      const right = b as FacilityPayload;
      return left.name.trim() === right.name.trim() && geometryFingerprint(left.geometry) === geometryFingerprint(right.geometry);
    },
  };
}
