/**
 * Plot slope state: the threshold (default 25°) is remembered and bad values are refused; slopes
 * are asked of the worker once per plot geometry and DEM set, from the first DEM that covers the
 * plot; the steep flag follows the threshold without asking again; without a DEM nothing is shown.
 */
import type { Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import type { PlotSlope } from '../../src/lib/geo/raster/terrain';
import type { SettingsStorage } from '../../src/lib/state/basemap/basemap-settings.svelte';
import type { ImageryLayer } from '../../src/lib/state/imagery/imagery-types';

// Runes are compiled by Svelte; the unit project runs plain TypeScript (see basemaps.test.ts).
const runes = Object.assign(<T>(value: T) => value, { raw: <T>(value: T) => value });
(globalThis as unknown as { $state: typeof runes }).$state = runes;
const { TerrainState, DEFAULT_SLOPE_THRESHOLD } = await import('../../src/lib/state/imagery/terrain-state.svelte');

function memoryStorage(): SettingsStorage & { items: Map<string, string> } {
  const items = new Map<string, string>();
  return { items, getItem: (key) => items.get(key) ?? null, setItem: (key, value) => void items.set(key, value) };
}

function layer(id: string, options: { dem?: boolean; visible?: boolean } = {}): ImageryLayer {
  return {
    id,
    fileName: `${id}.tif`,
    sizeBytes: 1,
    visible: options.visible ?? true,
    opacity: 1,
    remembered: false,
    crs: 'EPSG:4545',
    crsSource: 'geokeys',
    width: 10,
    height: 10,
    levels: 1,
    bounds: [108, 28, 109, 29],
    pixelSizeMetres: 10,
    ...(options.dem === false ? {} : { dem: { encoding: 'mapbox' as const } }),
  };
}

const square = (): Polygon => ({ type: 'Polygon', coordinates: [[[108.5, 28.5], [108.6, 28.5], [108.6, 28.6], [108.5, 28.5]]] });

/** Half of the area at 10°, half at 30° (bins of 0.1°). */
function halfSteep(): PlotSlope {
  const histogram = new Float64Array(901);
  histogram[100] = 500;
  histogram[300] = 500;
  return { kind: 'slope', meanDegrees: 20, maxDegrees: 30, cells: 10, coveredShare: 1, histogram, areaSquareMetres: 1000 };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('slope threshold', () => {
  it('starts at 25°, is remembered, and refuses values that are no slope', () => {
    const storage = memoryStorage();
    const first = new TerrainState(async () => ({ kind: 'not-covered' }), storage);
    expect(first.threshold).toBe(DEFAULT_SLOPE_THRESHOLD);
    expect(DEFAULT_SLOPE_THRESHOLD).toBe(25);
    first.setThreshold(15);
    first.setThreshold(95);
    first.setThreshold(Number.NaN);
    expect(first.threshold).toBe(15);
    expect(new TerrainState(async () => ({ kind: 'not-covered' }), storage).threshold).toBe(15);
    storage.items.set('youyang-forest-map.slope-threshold.v1', 'steep');
    expect(new TerrainState(async () => ({ kind: 'not-covered' }), storage).threshold).toBe(25);
  });

  it('reports a failed save instead of throwing', () => {
    const full: SettingsStorage = {
      getItem: () => null,
      setItem: () => {
        throw new DOMException('full', 'QuotaExceededError');
      },
    };
    const state = new TerrainState(async () => ({ kind: 'not-covered' }), full);
    state.setThreshold(30);
    expect(state.threshold).toBe(30);
    expect(state.saveFailed).toContain('full');
  });
});

describe('plot slopes', () => {
  it('shows nothing without a visible DEM (orthophotos and hidden DEMs do not count)', () => {
    const calls: string[] = [];
    const state = new TerrainState(async (id) => (calls.push(id), halfSteep()), memoryStorage());
    state.follow([{ id: 'p1', geometry: square() }], [layer('ortho', { dem: false }), layer('hidden', { visible: false })]);
    expect(state.active).toBe(false);
    expect(state.slopes.size).toBe(0);
    expect(calls).toEqual([]);
  });

  it('asks once per geometry, from the first DEM that covers the plot, and flags by the threshold', async () => {
    const calls: string[] = [];
    const state = new TerrainState(async (id) => (calls.push(id), id === 'west' ? { kind: 'not-covered' } : halfSteep()), memoryStorage());
    const plot = { id: 'p1', geometry: square() };
    state.follow([plot], [layer('west'), layer('east')]);
    expect(state.active).toBe(true);
    expect(state.slopes.get('p1')).toEqual({ status: 'computing' });
    await settle();
    expect(calls).toEqual(['west', 'east']);
    expect(state.slopes.get('p1')).toMatchObject({ status: 'done', demName: 'east.tif' });
    // Exactly half at or above 25°: not "most" of the plot.
    expect(state.steepShare('p1')).toBe(0.5);
    expect(state.isSteep('p1')).toBe(false);
    state.setThreshold(5);
    expect(state.isSteep('p1')).toBe(true);

    // Same geometry and DEMs: no new request; an edited geometry is asked again.
    state.follow([plot], [layer('west'), layer('east')]);
    expect(state.slopes.get('p1')).toMatchObject({ status: 'done' });
    await settle();
    expect(calls).toEqual(['west', 'east']);
    state.follow([{ id: 'p1', geometry: square() }], [layer('west'), layer('east')]);
    await settle();
    expect(calls).toEqual(['west', 'east', 'west', 'east']);
  });

  it('shows a worker failure for the plot', async () => {
    const state = new TerrainState(async () => {
      throw new Error('window read failed');
    }, memoryStorage());
    state.follow([{ id: 'p1', geometry: square() }], [layer('dem')]);
    await settle();
    expect(state.slopes.get('p1')).toEqual({ status: 'failed', detail: 'window read failed' });
  });
});
