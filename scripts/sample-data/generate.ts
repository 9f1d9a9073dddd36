/**
 * The sample-data generator: every layer of the catalog as FlatGeobuf plus catalog.json, from a
 * seed and the committed inputs, byte-identical for the same options.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Feature, Geometry, MultiPolygon, Polygon } from 'geojson';
import { geometryAreaSquareMetres, polygonAreaSquareMetres } from '../../src/lib/geo/area';
import { isForestCover } from '../../src/lib/geo/forest-cover';
import { squareMetresToMu } from '../../src/lib/geo/units';
import { type DataCatalog, LAYERS, type LayerId } from '../../src/lib/layers/catalog';
import { buildCells } from './cells';
import { CountyFrame, toLonLat } from './county';
import { buildFacilities, buildFireZones } from './fire';
import { type GeneratorOptions, GENERATOR_NAME, GENERATOR_VERSION, computeInputsHash } from './inputs-hash';
import { loadInputs } from './inputs';
import { assignLandcover } from './landcover';
import { buildGroves, groveCentres } from './nanmu';
import { VertexLookup, polygonal, rightHandRings } from './output-geometry';
import { PLAN_TARGETS, buildPlanLayers } from './plan';
import { buildCorridors, buildRivers } from './rivers';
import { TownshipFrame, buildTownshipPolygons } from './townships';
import { assignTenure } from './villages';
import { type LayerSummary, type PropertyValue, areaMu, feature, writeLayer } from './write';

export interface GenerateResult {
  readonly catalog: SampleCatalog;
  readonly seconds: number;
  readonly outDir: string;
}

/** catalog.json: the DataCatalog contract plus provenance and plan targets. */
export interface SampleCatalog extends DataCatalog {
  readonly generatorVersion: string;
  readonly inputsHash: string;
  readonly options: { readonly subcompartments: number; readonly corridorWidth: number };
  readonly targets: Record<string, number>;
  readonly townships: { code: string; name: string; areaMu: number; forestCoverMu: number; forestCoverageRatio: number }[];
  readonly notes: string[];
}

const COUNTY_NAME = '酉阳土家族苗族自治县';
const PROTECTION_BUFFER = 500;
const COVERAGE_TARGET = 0.645;
/**
 * Decimals of the catalog's totals: 0.0001 亩 (0.07 m²) and 1e-8 for ratios, so that statistics
 * recomputed from the files (the overlay engine) can be compared with them to 1e-7 relative even
 * for the smallest totals (a few thousand 亩).
 */
const MU_DECIMALS = 4;
const RATIO_DECIMALS = 8;

const round = (value: number, decimals: number): number => {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
};
const pad = (value: number, width: number): string => String(value).padStart(width, '0');

export function generateSampleData(outDir: string, options: GeneratorOptions, log: (message: string) => void = () => {}): GenerateResult {
  const started = performance.now();
  const step = (message: string): void => log(`[data] ${((performance.now() - started) / 1000).toFixed(1).padStart(6)} s  ${message}`);
  mkdirSync(outDir, { recursive: true });
  // A run that fails half-way must leave no catalog behind, so data:ensure regenerates.
  rmSync(join(outDir, 'catalog.json'), { force: true });

  const inputs = loadInputs();
  const county = new CountyFrame(inputs.county.ring);
  const countyRing = rightHandRings([inputs.county.ring])[0]!;
  const countyArea = polygonAreaSquareMetres([countyRing]);
  const rivers = buildRivers(inputs.rivers, options.seed);
  const frame = new TownshipFrame(inputs.townships, county);
  const grovePoints = groveCentres(inputs.groves, rivers);
  step(`inputs: county ${round(squareMetresToMu(countyArea), 0)} 亩, ${frame.townships.length} townships, ${rivers.length} rivers`);

  const cells = buildCells(county, frame, options.subcompartments, options.seed, countyArea);
  const pieces = cells.pieces;
  step(`sub-compartment geometry: ${pieces.length} pieces from ${cells.sites} sites (${cells.cutAtTownships} cut at township borders, ${cells.clippedToCounty} at the outline)`);
  const townshipPolygons = buildTownshipPolygons(frame, pieces, cells.registry);
  step('township boundaries (dissolved from the sub-compartments)');

  const groveAreas = inputs.groves.map((grove, index) => ({ centre: grovePoints[index]!, radius: grove.radiusMetres }));
  // Calibrated a hair above 64.5 % (by 0.02 point) so the county reads as meeting the target.
  const landcover = assignLandcover(pieces, frame, rivers, groveAreas, options.seed, { coverage: COVERAGE_TARGET + 0.0002 });
  const stands = landcover.attributes;
  const fixedVillages = inputs.groves.flatMap((grove, index) => {
    const township = frame.townships.find((candidate) => candidate.name === grove.township);
    return grove.village && township ? [{ township: township.index, name: grove.village, point: grovePoints[index]! }] : [];
  });
  const tenure = assignTenure(pieces, frame, options.seed, { fixed: fixedVillages });
  step('land classes, stands and tenure');

  const plan = buildPlanLayers(pieces, stands, frame, options.seed);
  step(`plan layers: ${plan.reserve.length} reserve, ${plan.retrofit.length} retrofit, ${plan.afforestation.length} afforestation plots`);
  const zones = buildFireZones(pieces, stands, landcover.pineField, options.seed);
  const facilities = buildFacilities(zones, pieces, stands, options.seed);
  step(`fire: ${zones.length} zones, ${facilities.length} facilities`);
  const groves = buildGroves(inputs.groves, grovePoints, county, PROTECTION_BUFFER, options.seed);
  const corridors = buildCorridors(rivers, options.corridorWidth, county);
  step('nanmu groves and river corridors');

  // Features, sub-compartments ordered by township, compartment and number.
  const order = pieces
    .map((_, index) => index)
    .sort(
      (a, b) =>
        pieces[a]!.township - pieces[b]!.township || tenure[a]!.LIN_BAN - tenure[b]!.LIN_BAN || tenure[a]!.XIAO_BAN - tenure[b]!.XIAO_BAN || a - b,
    );
  const rank = new Int32Array(pieces.length);
  for (const [position, index] of order.entries()) rank[index] = position;
  const township = (index: number) => frame.townships[pieces[index]!.township]!;
  const piecePolygon = (index: number): Polygon => ({ type: 'Polygon', coordinates: [pieces[index]!.lonLat] });
  const pieceMu = (index: number): number => round(squareMetresToMu(pieces[index]!.area), 2);
  const lookup = new VertexLookup(county, cells.registry);
  for (const piece of pieces) lookup.addPiece(piece);

  const layers = new Map<LayerId, Feature[]>();
  layers.set(
    'neighbors',
    inputs.neighbors.map((neighbor) =>
      feature('neighbors', { type: 'Polygon', coordinates: rightHandRings(neighbor.geometry.coordinates) }, { NAME: neighbor.name }),
    ),
  );
  layers.set('county', [feature('county', { type: 'Polygon', coordinates: [countyRing] }, { NAME: COUNTY_NAME, ADCODE: inputs.county.adcode })]);
  layers.set(
    'townships',
    uniform(
      frame.townships.map((item) => {
        const geometry = polygonal(townshipPolygons[item.index]!);
        return feature('townships', geometry, { CODE: item.code, NAME: item.name, KIND: item.kind, MIAN_JI: areaMu(geometry) });
      }),
    ),
  );
  layers.set(
    'rivers',
    rivers.map((river) =>
      feature('rivers', { type: 'LineString', coordinates: river.line.map(toLonLat) }, { NAME: river.name, NAME_EN: river.nameEn }),
    ),
  );
  layers.set(
    'subcompartments',
    order.map((index) =>
      feature('subcompartments', piecePolygon(index), {
        XIAN: COUNTY_NAME,
        XIANG: township(index).name,
        XIANG_DM: township(index).code,
        CUN: tenure[index]!.CUN,
        LIN_BAN: tenure[index]!.LIN_BAN,
        XIAO_BAN: tenure[index]!.XIAO_BAN,
        ...stands[index]!,
        MIAN_JI: pieceMu(index),
      }),
    ),
  );
  const byRank = <T extends { piece: number }>(items: readonly T[]): T[] => [...items].sort((a, b) => rank[a.piece]! - rank[b.piece]!);
  const counters = new Map<string, number>();
  const nextNumber = (key: string): number => {
    const value = (counters.get(key) ?? 0) + 1;
    counters.set(key, value);
    return value;
  };
  // Plan layers reuse sub-compartment geometries; XIANG and MIAN_JI come from the sub-compartment.
  const plotLayer = <T extends { piece: number }>(
    id: LayerId,
    plots: readonly T[],
    values: (plot: T, position: number) => Record<string, PropertyValue>,
  ): Feature[] =>
    byRank(plots).map((plot, position) =>
      feature(id, piecePolygon(plot.piece), { XIANG: township(plot.piece).name, MIAN_JI: pieceMu(plot.piece), ...values(plot, position) }),
    );
  const plotId = (prefix: string, piece: number): string =>
    `${prefix}${township(piece).code.slice(-3)}-${pad(nextNumber(`${prefix}:${township(piece).code}`), 4)}`;
  layers.set(
    'reserveForest',
    plotLayer('reserveForest', plan.reserve, (plot) => ({
      CHU_BEI_ID: plotId('CB', plot.piece),
      ZHUANG_TAI: plot.taken2023 ? '2023年已收储' : '规划',
      JIAN_SHE_LX: plot.constructionType,
      YOU_SHI_SZ: plot.species,
      NIAN_DU: plot.year,
    })),
  );
  layers.set(
    'pineRetrofit',
    plotLayer('pineRetrofit', plan.retrofit, (plot, position) => ({
      GAI_PEI_ID: `GP2023-${pad(position + 1, 3)}`,
      YOU_SHI_SZ: stands[plot.piece]!.YOU_SHI_SZ,
      GAI_PEI_CS: plot.measure,
      BU_ZHI_SZ: plot.planted,
      YI_QING: plot.wilt,
    })),
  );
  layers.set(
    'afforestation2023',
    plotLayer('afforestation2023', plan.afforestation, (plot) => ({
      ZAO_LIN_ID: plotId('ZL', plot.piece),
      ZAO_LIN_LX: plot.type,
      SHU_ZHONG: plot.species,
      NIAN_DU: 2023,
    })),
  );
  layers.set(
    'corridors',
    uniform(
      corridors.map((corridor) => {
        const geometry = lookup.multiPolygon(corridor.polygons);
        return feature('corridors', geometry, { HE_LIU: corridor.river.name, KUAN_DU: options.corridorWidth, MIAN_JI: areaMu(geometry) });
      }),
    ),
  );
  const zoneOrder = zones.map((_, index) => index).sort((a, b) => zones[a]!.township - zones[b]!.township || rank[zones[a]!.pieces[0]!]! - rank[zones[b]!.pieces[0]!]!);
  layers.set(
    'fireZones',
    uniform(
      zoneOrder.map((zoneIndex, position) => {
        const zone = zones[zoneIndex]!;
        const name = frame.townships[zone.township]!.name;
        const geometry = lookup.multiPolygon(zone.polygons);
        return feature('fireZones', geometry, {
          ZONE_ID: `FZ-${pad(position + 1, 3)}`,
          MING_CHENG: `${name}高风险区${pad(nextNumber(`fz:${name}`), 2)}`,
          DENG_JI: zone.level,
          XIANG: name,
          YOU_SHI_SZ: zone.species,
          MIAN_JI: areaMu(geometry),
        });
      }),
    ),
  );
  const facilityPrefix = { 瞭望塔: 'LWT', 视频监控: 'SP', 取水点: 'QS' } as const;
  const facilityOrder = facilities
    .map((item, index) => ({ item, index, township: frame.nearest(item.point) }))
    .sort((a, b) => kindRank(a.item.kind) - kindRank(b.item.kind) || a.township - b.township || a.index - b.index);
  layers.set(
    'fireFacilities',
    facilityOrder.map(({ item, township: townshipIndex }) => {
      const name = frame.townships[townshipIndex]!.name;
      return feature('fireFacilities', { type: 'Point', coordinates: toLonLat(item.point) }, {
        SHE_SHI_ID: `${facilityPrefix[item.kind]}-${pad(nextNumber(`fac:${item.kind}`), 3)}`,
        LEI_XING: item.kind,
        MING_CHENG: `${name}${item.kind}${pad(nextNumber(`fac:${item.kind}:${name}`), 2)}`,
        XIANG: name,
        BAN_JING: item.radius,
      });
    }),
  );
  const groveVillage = (index: number): string => {
    const input = groves[index]!.input;
    if (input.village) return input.village;
    const centre = groves[index]!.centre;
    let best = 0;
    let bestDistance = Infinity;
    for (const [pieceIndex, piece] of pieces.entries()) {
      const distance = Math.hypot(piece.centroid[0] - centre[0], piece.centroid[1] - centre[1]);
      if (distance < bestDistance) {
        bestDistance = distance;
        best = pieceIndex;
      }
    }
    return tenure[best]!.CUN;
  };
  layers.set(
    'nanmuGroves',
    uniform(
      groves.map((grove, index) => {
        const geometry = lookup.multiPolygon(grove.polygons);
        return feature('nanmuGroves', geometry, {
          MING_CHENG: grove.input.name,
          XIANG: frame.townships[frame.nearest(grove.centre)]!.name,
          CUN: groveVillage(index),
          ZHU_SHU: grove.input.trees,
          XIONG_JING_2M: grove.input.over2mDiameter,
          QIAN_NIAN: grove.input.over1000Years,
          ZUI_DA_SL: grove.input.oldestYears,
          ZUI_GAO: grove.input.tallestMetres,
          ZUI_DA_XW: grove.input.largestGirthMetres,
          SHI_LI: grove.input.status,
          MIAN_JI: areaMu(geometry),
        });
      }),
    ),
  );
  layers.set(
    'nanmuProtection',
    uniform(
      groves.map((grove) => {
        const geometry = lookup.multiPolygon(grove.protection);
        return feature('nanmuProtection', geometry, { MING_CHENG: `${grove.input.name}保护范围`, HUAN_CHONG: PROTECTION_BUFFER, MIAN_JI: areaMu(geometry) });
      }),
    ),
  );
  step('features assembled');

  const summaries = {} as Record<LayerId, LayerSummary>;
  for (const layer of LAYERS) {
    const features = layers.get(layer.id);
    if (!features) throw new Error(`No features built for layer ${layer.id}`);
    summaries[layer.id] = writeLayer(outDir, layer.id, features);
  }
  step('FlatGeobuf files written');

  // Totals, recomputed from what was written.
  const totals: Record<string, number> = {};
  const add = (key: string, value: number): void => {
    totals[key] = (totals[key] ?? 0) + value;
  };
  let forestCover = 0;
  const townshipArea = new Float64Array(frame.townships.length);
  const townshipForest = new Float64Array(frame.townships.length);
  for (const [index, piece] of pieces.entries()) {
    const mu = squareMetresToMu(piece.area);
    townshipArea[piece.township] = townshipArea[piece.township]! + mu;
    add(`landClassMu.${stands[index]!.DI_LEI}`, mu);
    if (isForestCover(stands[index]!)) {
      forestCover += mu;
      townshipForest[piece.township] = townshipForest[piece.township]! + mu;
    }
  }
  const countyMu = squareMetresToMu(countyArea);
  // Unrounded, unlike the per-layer summaries (0.01 亩), so totals can be checked to 1e-7.
  const layerMu = (id: LayerId): number =>
    squareMetresToMu(layers.get(id)!.reduce((sum, item) => sum + geometryAreaSquareMetres(item.geometry), 0));
  const planMu = (items: readonly { piece: number }[]): number => items.reduce((sum, item) => sum + squareMetresToMu(pieces[item.piece]!.area), 0);
  totals.countyAreaMu = countyMu;
  totals.townshipCount = frame.townships.length;
  totals.townshipAreaMu = layerMu('townships');
  totals.subcompartmentCount = pieces.length;
  totals.subcompartmentAreaMu = townshipArea.reduce((sum, value) => sum + value, 0);
  totals.forestCoverMu = forestCover;
  totals.forestCoverageRatio = forestCover / countyMu;
  totals.reserveForestPlannedMu = planMu(plan.reserve);
  totals.reserveForestTaken2023Mu = planMu(plan.reserve.filter((plot) => plot.taken2023));
  totals.pineRetrofitMu = planMu(plan.retrofit);
  totals.afforestation2023Mu = planMu(plan.afforestation);
  for (const type of Object.keys(PLAN_TARGETS.afforestationMu)) {
    totals[`afforestation2023Mu.${type}`] = planMu(plan.afforestation.filter((plot) => plot.type === type));
  }
  totals.corridorWidthMetres = options.corridorWidth;
  totals.corridorMu = layerMu('corridors');
  totals.fireZoneCount = zones.length;
  totals.fireZoneMu = layerMu('fireZones');
  for (let level = 1; level <= 5; level++) totals[`fireZoneCount.level${level}`] = zones.filter((zone) => zone.level === level).length;
  for (const kind of ['瞭望塔', '视频监控', '取水点'] as const) totals[`fireFacilityCount.${kind}`] = facilities.filter((item) => item.kind === kind).length;
  totals.nanmuGroveCount = groves.length;
  totals.nanmuGroveMu = layerMu('nanmuGroves');
  totals.nanmuProtectionMu = layerMu('nanmuProtection');
  const roundedTotals: Record<string, number> = {};
  for (const key of Object.keys(totals).sort()) roundedTotals[key] = round(totals[key]!, key.endsWith('Ratio') ? RATIO_DECIMALS : MU_DECIMALS);

  const catalog: SampleCatalog = {
    generator: `${GENERATOR_NAME} ${GENERATOR_VERSION}`,
    generatorVersion: GENERATOR_VERSION,
    seed: options.seed,
    illustrative: true,
    inputsHash: computeInputsHash(options),
    options: { subcompartments: options.subcompartments, corridorWidth: options.corridorWidth },
    layers: summaries,
    totals: roundedTotals,
    targets: {
      forestCoverageRatio: COVERAGE_TARGET,
      afforestation2023Mu: 207_000,
      reserveForestPlannedMu: PLAN_TARGETS.reservePlannedMu,
      reserveForestTaken2023Mu: PLAN_TARGETS.reserveTaken2023Mu,
      pineRetrofitMu: PLAN_TARGETS.pineRetrofitMu,
    },
    townships: frame.townships.map((item) => ({
      code: item.code,
      name: item.name,
      areaMu: round(townshipArea[item.index]!, MU_DECIMALS),
      forestCoverMu: round(townshipForest[item.index]!, MU_DECIMALS),
      forestCoverageRatio: round(townshipForest[item.index]! / townshipArea[item.index]!, RATIO_DECIMALS),
    })),
    notes: [
      '示例数据：所有图层均为程序生成的示意数据，并非官方数据。Illustrative sample data generated by a program; not official data.',
      '乡镇边界为示意边界；河道为示意河道。Township boundaries and river courses are schematic.',
    ],
  };
  writeFileSync(join(outDir, 'catalog.json'), JSON.stringify(catalog, null, 2) + '\n');
  const seconds = (performance.now() - started) / 1000;
  step(`catalog written (${county.unmatchedVertices} vertices off the outline snap)`);
  return { catalog, seconds, outDir };
}

function kindRank(kind: string): number {
  return kind === '瞭望塔' ? 0 : kind === '视频监控' ? 1 : 2;
}

/** One geometry type per layer: all MultiPolygon as soon as one feature needs it, else Polygon. */
function uniform(features: Feature[]): Feature[] {
  const anyMulti = features.some((item) => item.geometry.type === 'MultiPolygon' && item.geometry.coordinates.length > 1);
  return features.map((item) => {
    const geometry = item.geometry as Polygon | MultiPolygon;
    let converted: Geometry = geometry;
    if (anyMulti && geometry.type === 'Polygon') converted = { type: 'MultiPolygon', coordinates: [geometry.coordinates] };
    if (!anyMulti && geometry.type === 'MultiPolygon') converted = { type: 'Polygon', coordinates: geometry.coordinates[0]! };
    return { ...item, geometry: converted };
  });
}

