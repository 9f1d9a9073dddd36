/**
 * The engine on the generated sample county (public/data, from `npm run data`) against the slow
 * reference and the generator's catalog. The reference clips every feature against every zone
 * with polyclip-ts (≈ 4 ms per pair), so by default it checks a deterministic subset of the
 * features (set GEO_FULL_REFERENCE=1 to check them all, ~15 minutes on 2 cores).
 */
import { existsSync, readFileSync } from 'node:fs';
import type { FeatureCollection } from 'geojson';
import { describe, expect, it } from 'vitest';
import { computeOverlayStatistics } from '../../src/lib/geo/overlay/engine';
import { countyTotals } from '../../src/lib/geo/overlay/county-totals';
import { SLIVER_FRACTION } from '../../src/lib/geo/overlay/layer-pass';
import type { OverlayLayer } from '../../src/lib/geo/overlay/types';
import { statisticsCategoryField } from '../../src/lib/layers/derived';
import { squareMetresToMu } from '../../src/lib/geo/units';
import { readFlatGeobuf } from '../../src/lib/io/flatgeobuf';
import { LAYERS, type DataCatalog, type LayerId } from '../../src/lib/layers/catalog';
import { referenceStatistics } from './geo-overlay-reference';

const DATA = 'public/data';
const available = existsSync(`${DATA}/catalog.json`) && existsSync(`${DATA}/townships.fgb`);
const POLYGON_LAYERS: LayerId[] = ['subcompartments', 'reserveForest', 'pineRetrofit', 'afforestation2023', 'corridors', 'fireZones', 'nanmuGroves', 'nanmuProtection'];
const relative = (actual: number, expected: number) => (expected === 0 ? Math.abs(actual) : Math.abs(actual - expected) / Math.abs(expected));

async function read(id: LayerId): Promise<FeatureCollection> {
  const file = LAYERS.find((layer) => layer.id === id)!.file;
  return readFlatGeobuf(new Uint8Array(readFileSync(`${DATA}/${file}`)), file);
}

async function loadAll(stride: (id: LayerId) => number) {
  const zones = await read('townships');
  const layers: (OverlayLayer & { features: FeatureCollection })[] = [];
  for (const id of POLYGON_LAYERS) {
    const collection = await read(id);
    const step = stride(id);
    const features = step === 1 ? collection.features : collection.features.filter((_, index) => index % step === 0);
    const categoryField = statisticsCategoryField(id);
    layers.push({ id, features: { type: 'FeatureCollection', features }, ...(categoryField ? { categoryField } : {}) });
  }
  return { zones, layers };
}

describe.skipIf(!available)('overlay statistics on the sample county', () => {
  it('county totals equal the generator catalog', async () => {
    const catalog = JSON.parse(readFileSync(`${DATA}/catalog.json`, 'utf8')) as DataCatalog & { townships: Array<{ code: string; areaMu: number; forestCoverMu: number }> };
    const { zones, layers } = await loadAll(() => 1);
    const result = await computeOverlayStatistics({ zones, layers });
    const totals = countyTotals(result);
    const mu = squareMetresToMu;
    // Whole-feature areas: equal to the catalog's 0.01 亩 rounding.
    for (const summary of result.layers) {
      expect(Math.abs(mu(summary.areaSquareMetres) - catalog.layers[summary.id as LayerId].areaMu), summary.id).toBeLessThanOrEqual(0.006);
      expect(summary.featuresInZones, summary.id).toBe(catalog.layers[summary.id as LayerId].featureCount);
    }
    expect(Math.abs(mu(totals.areaSquareMetres) - catalog.totals.townshipAreaMu!)).toBeLessThanOrEqual(0.006);
    // Inside the townships: sub-compartments tile the townships exactly (shared vertices), so the
    // clipped totals equal the catalog's unrounded sums to 1e-7.
    expect(relative(mu(totals.forestAreaSquareMetres), catalog.totals.forestCoverMu!)).toBeLessThan(1e-7);
    expect(Math.abs(totals.forestCoverage! - catalog.totals.forestCoverageRatio!)).toBeLessThan(1e-7);
    expect(relative(mu(totals.layers.afforestation2023!.areaSquareMetres), catalog.totals.afforestation2023Mu!)).toBeLessThan(1e-7);
    for (const kind of ['人工造林', '封山育林', '森林抚育', '退化林修复']) {
      expect(relative(mu(totals.layers.afforestation2023!.categories[kind]!.areaSquareMetres), catalog.totals[`afforestation2023Mu.${kind}`]!)).toBeLessThan(1e-7);
    }
    expect(relative(mu(totals.layers.reserveForest!.areaSquareMetres), catalog.totals.reserveForestPlannedMu!)).toBeLessThan(1e-7);
    expect(relative(mu(totals.layers.pineRetrofit!.areaSquareMetres), catalog.totals.pineRetrofitMu!)).toBeLessThan(1e-7);
    expect(Math.abs(mu(totals.layers.pineRetrofit!.areaSquareMetres + totals.layers.pineRetrofit!.outsideAreaSquareMetres) - catalog.totals.pineRetrofitMu!)).toBeLessThanOrEqual(0.006);
    expect(relative(mu(totals.layers.fireZones!.areaSquareMetres), catalog.totals.fireZoneMu!)).toBeLessThan(1e-7);
    for (let level = 1; level <= 5; level++) {
      expect(totals.layers.fireZones!.categories[String(level)]?.featureCount).toBe(catalog.totals[`fireZoneCount.level${level}`]);
    }
    for (const [key, value] of Object.entries(catalog.totals)) {
      if (!key.startsWith('landClassMu.')) continue;
      expect(relative(mu(totals.layers.subcompartments!.categories[key.slice('landClassMu.'.length)]!.areaSquareMetres), value), key).toBeLessThan(1e-7);
    }
    for (const township of catalog.townships) {
      const zone = result.zones.find((candidate) => String(candidate.id) === township.code || candidate.name === (township as { name?: string }).name)!;
      expect(Math.abs(mu(zone.areaSquareMetres) - township.areaMu), township.code).toBeLessThanOrEqual(0.006);
      expect(relative(mu(zone.forestAreaSquareMetres), township.forestCoverMu), township.code).toBeLessThan(1e-7);
    }
  });

  it('per-township statistics match the slow reference within 1e-6', async () => {
    const full = process.env.GEO_FULL_REFERENCE === '1';
    const strides: Partial<Record<LayerId, number>> = { subcompartments: 150, reserveForest: 60, afforestation2023: 12 };
    const { zones, layers } = await loadAll((id) => (full ? 1 : strides[id] ?? 1));
    const result = await computeOverlayStatistics({ zones, layers });
    const reference = referenceStatistics(zones, layers, result.forestLayerId, SLIVER_FRACTION);
    let worst = 0;
    result.zones.forEach((zone, index) => {
      const expected = reference[index]!;
      expect(relative(zone.forestAreaSquareMetres, expected.forestArea), `forest ${zone.name}`).toBeLessThan(1e-7);
      for (const layer of layers) {
        const actual = zone.layers[layer.id]!;
        const wanted = expected.layers[layer.id]!;
        worst = Math.max(worst, relative(actual.areaSquareMetres, wanted.area));
        expect(relative(actual.areaSquareMetres, wanted.area), `${layer.id} ${zone.name}`).toBeLessThan(1e-7);
        expect(actual.featureCount, `${layer.id} count ${zone.name}`).toBe(wanted.count);
        for (const [key, value] of Object.entries(wanted.categories)) {
          expect(relative(actual.categories[key]!.areaSquareMetres, value.area), `${layer.id}/${key} ${zone.name}`).toBeLessThan(1e-7);
          expect(actual.categories[key]!.featureCount).toBe(value.count);
        }
      }
    });
    expect(worst).toBeLessThan(1e-7);
  }, 600_000);
});
