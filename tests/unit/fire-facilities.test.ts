import { describe, expect, it } from 'vitest';
import { facilitiesToFeatures, facilityIdOf, newFacilityId, savedFacilities, type Facility } from '../../src/lib/geo/coverage/facility';

const camera = (id: string, longitude: number): Facility => ({ id, kind: '视频监控', name: id, position: [longitude, 28.8], radiusMetres: 3000 });

describe('facility identity', () => {
  it('gives new facilities ids that are never reused', () => {
    const ids = new Set(Array.from({ length: 50 }, () => newFacilityId()));
    expect(ids.size).toBe(50);
    expect([...ids][0]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('keeps saved ids, and gives a repeated id (saved by the count-based numbering) a fresh one', () => {
    const loaded = savedFacilities([camera('SP-010', 108.5), camera('NEW-002', 108.6), camera('NEW-002', 108.7)])!;
    expect(loaded.map((facility) => facility.id).slice(0, 2)).toEqual(['SP-010', 'NEW-002']);
    expect(loaded[2]!.id).not.toBe('NEW-002');
    expect(loaded[2]!.position).toEqual([108.7, 28.8]);
    expect(new Set(loaded.map((facility) => facility.id)).size).toBe(3);
  });

  it('refuses a saved value that is not a facility list', () => {
    expect(savedFacilities({ id: 'x' })).toBeNull();
    expect(savedFacilities([{ id: 'A', position: 'here' }])).toBeNull();
    expect(savedFacilities([])).toEqual([]);
  });

  it('draws each facility with its own id, read back from the map feature', () => {
    const features = facilitiesToFeatures([camera('SP-033', 108.4), camera('SP-034', 108.5)]);
    expect(features.features.map((feature) => facilityIdOf(feature))).toEqual(['SP-033', 'SP-034']);
    expect(facilityIdOf(undefined)).toBeNull();
  });
});
