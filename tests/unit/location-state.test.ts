/**
 * "Where am I" without a device: a fake geolocation drives LocationState through a fix, follow
 * mode, each error (denied ends the watch, timeout and no-signal keep it), and pages where
 * positions are not available at all; and the accuracy circle is a true ground circle.
 */
import { describe, expect, it } from 'vitest';
import { distanceMetres } from '../../src/lib/geo/area';

// Runes are compiled by Svelte; the unit project runs plain TypeScript (see backup-state.test.ts).
const runes = Object.assign(<T>(value: T) => value, { raw: <T>(value: T) => value });
(globalThis as unknown as { $state: typeof runes }).$state = runes;
const { LocationState, WATCH_OPTIONS } = await import('../../src/lib/state/location/location-state.svelte');
const { formatAccuracy, locationFeatures } = await import('../../src/lib/state/location/location-features');

class FakeGeolocation {
  watches = new Map<number, { success: PositionCallback; error: PositionErrorCallback | null | undefined; options: PositionOptions | undefined }>();
  cleared: number[] = [];
  private next = 1;
  watchPosition(success: PositionCallback, error?: PositionErrorCallback | null, options?: PositionOptions): number {
    const id = this.next++;
    this.watches.set(id, { success, error, options });
    return id;
  }
  clearWatch(id: number): void {
    this.cleared.push(id);
    this.watches.delete(id);
  }
  fix(longitude: number, latitude: number, accuracy: number): void {
    for (const watch of this.watches.values()) watch.success({ coords: { longitude, latitude, accuracy }, timestamp: 1_700_000_000_000 } as GeolocationPosition);
  }
  fail(code: 1 | 2 | 3): void {
    for (const watch of [...this.watches.values()]) watch.error?.({ code, message: 'fake' } as GeolocationPositionError);
  }
}

describe('LocationState', () => {
  it('watches with high accuracy, reports fixes and follows until switched off', () => {
    const geolocation = new FakeGeolocation();
    const location = new LocationState(geolocation, true);
    expect(location.status).toBe('off');
    location.toggle();
    expect(location.status).toBe('locating');
    expect(location.follow).toBe(true);
    expect([...geolocation.watches.values()][0]!.options).toEqual(WATCH_OPTIONS);
    expect(WATCH_OPTIONS.enableHighAccuracy).toBe(true);
    geolocation.fix(108.39, 28.88, 12.5);
    expect(location.status).toBe('tracking');
    expect(location.position).toEqual({ longitude: 108.39, latitude: 28.88, accuracy: 12.5, timestamp: 1_700_000_000_000 });
    // A drag by hand ends follow mode; the button brings it back, and then switches off.
    location.follow = false;
    location.toggle();
    expect(location.follow).toBe(true);
    expect(location.watching).toBe(true);
    location.toggle();
    expect(location.status).toBe('off');
    expect(location.position).toBeNull();
    expect(location.watching).toBe(false);
    expect(geolocation.cleared).toEqual([1]);
    expect(geolocation.watches.size).toBe(0);
  });

  it('ends the watch when permission is denied, and keeps it through a timeout or no signal', () => {
    const geolocation = new FakeGeolocation();
    const location = new LocationState(geolocation, true);
    location.start();
    geolocation.fix(108.39, 28.88, 8);
    geolocation.fail(3);
    expect(location.status).toBe('timeout');
    expect(location.watching).toBe(true);
    // The last fix stays on the map while the device keeps trying.
    expect(location.position?.accuracy).toBe(8);
    location.dismiss();
    expect(location.status).toBe('tracking');
    geolocation.fail(2);
    expect(location.status).toBe('unavailable');
    geolocation.fix(108.391, 28.881, 6);
    expect(location.status).toBe('tracking');
    geolocation.fail(1);
    expect(location.status).toBe('denied');
    expect(location.watching).toBe(false);
    expect(location.position).toBeNull();
    expect(location.follow).toBe(false);
    expect(geolocation.watches.size).toBe(0);
    location.dismiss();
    expect(location.status).toBe('off');
  });

  it('says why there is no position without a geolocation API or off a secure page', () => {
    const none = new LocationState(undefined, true);
    none.start();
    expect(none.status).toBe('unsupported');
    expect(none.watching).toBe(false);
    const geolocation = new FakeGeolocation();
    const insecure = new LocationState(geolocation, false);
    insecure.start();
    expect(insecure.status).toBe('insecure');
    expect(geolocation.watches.size).toBe(0);
  });

  it('ignores a fix without coordinates and reads a missing accuracy as none', () => {
    const geolocation = new FakeGeolocation();
    const location = new LocationState(geolocation, true);
    location.start();
    geolocation.fix(Number.NaN, 28.88, 5);
    expect(location.position).toBeNull();
    geolocation.fix(108.39, 28.88, Number.NaN);
    expect(location.position?.accuracy).toBe(0);
  });
});

describe('location features', () => {
  it('draws the accuracy circle at the true ground radius around the fix', () => {
    const position = { longitude: 108.39, latitude: 28.88, accuracy: 35, timestamp: 0 };
    const { features } = locationFeatures(position);
    expect(features.map((feature) => feature.properties.kind)).toEqual(['accuracy', 'position']);
    const ring = (features[0]!.geometry as { coordinates: number[][][] }).coordinates[0]!;
    expect(ring.length).toBe(65);
    for (const vertex of ring) expect(distanceMetres([108.39, 28.88], vertex)).toBeCloseTo(35, 6);
    expect(features[1]!.geometry).toEqual({ type: 'Point', coordinates: [108.39, 28.88] });
  });

  it('has no circle for a zero accuracy and nothing without a fix', () => {
    expect(locationFeatures({ longitude: 108.39, latitude: 28.88, accuracy: 0, timestamp: 0 }).features.map((feature) => feature.properties.kind)).toEqual(['position']);
    expect(locationFeatures(null).features).toEqual([]);
  });

  it('formats the accuracy in metres or kilometres', () => {
    expect(formatAccuracy(7.6)).toBe('±8 m');
    expect(formatAccuracy(999.4)).toBe('±999 m');
    expect(formatAccuracy(1500)).toBe('±1.5 km');
  });
});
