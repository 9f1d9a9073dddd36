/**
 * The corridor tool's computation as its worker runs it: builds the corridor (geo/corridor.ts,
 * Turf's buffer) clipped to the county, then measures it with the overlay engine — its area per
 * township, and what it overlaps: national reserve forest, nanmu protection zones, 耕地
 * (sub-compartments of that land class) and the planner's plots. Catalog layers are read once
 * (FlatGeobuf from the data folder, through lib/io) and kept between runs, so a width change
 * costs one buffer and two overlay passes.
 *
 * @example
 * const session = new CorridorAnalysisSession();
 * const result = await session.analyse({ dataBaseUrl, line, spec, plots: [] });
 */
import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';
import { layerById, type LayerId } from '../../layers/catalog';
import { fetchBytes } from '../../io/fetch-bytes';
import { decodeLayerSource } from '../../statistics/job';
import { geometryAreaSquareMetres } from '../../geo/area';
import { buildCorridor } from '../../geo/corridor';
import { corridorSpecIssues, type CorridorIssue, type CorridorSpec } from '../../geo/corridor-spec';
import { computeOverlayStatistics } from '../../geo/overlay/engine';
import type { OverlayResult } from '../../geo/overlay/types';
import { LAND_CLASS, landClassName } from '../../geo/land-class';

export interface CorridorPlotInput {
  readonly id: string;
  readonly name: string;
  readonly geometry: Polygon | MultiPolygon;
}

export interface CorridorAnalysisRequest {
  /** Absolute URL of the folder holding the catalog's FlatGeobuf files (read once). */
  readonly dataBaseUrl: string;
  readonly line: readonly (readonly Position[])[];
  readonly spec: CorridorSpec;
  readonly plots: readonly CorridorPlotInput[];
}

export interface CorridorTownshipArea {
  readonly code: string;
  readonly name: string;
  readonly areaSquareMetres: number;
}

export interface CorridorOverlaps {
  readonly reserveForestSquareMetres: number;
  readonly nanmuProtectionSquareMetres: number;
  readonly farmlandSquareMetres: number;
  readonly plotsSquareMetres: number;
  /** Names of the plots it overlaps. */
  readonly plotNames: readonly string[];
}

export type CorridorAnalysis =
  | { readonly ok: false; readonly issues: readonly CorridorIssue[] }
  | {
      readonly ok: true;
      /** Null when the corridor lies wholly outside the county. */
      readonly geometry: Polygon | MultiPolygon | null;
      readonly lengthMetres: number;
      readonly areaSquareMetres: number;
      /** Townships it crosses, largest share first. */
      readonly townships: readonly CorridorTownshipArea[];
      readonly overlaps: CorridorOverlaps;
    };

export interface CorridorProgress {
  readonly stage: 'loading' | 'buffer' | 'townships' | 'overlaps';
  readonly fraction: number;
}

const OVERLAP_LAYERS = ['reserveForest', 'nanmuProtection', 'subcompartments'] as const;
const LOADED_LAYERS: readonly LayerId[] = ['county', 'townships', ...OVERLAP_LAYERS];

function only(collection: FeatureCollection, keep: readonly string[]): FeatureCollection {
  // The overlay reads geometry and one field: dropping the rest keeps the worker's memory small.
  return {
    type: 'FeatureCollection',
    features: collection.features.map((feature): Feature => ({
      type: 'Feature',
      geometry: feature.geometry,
      properties: Object.fromEntries(keep.map((field) => [field, feature.properties?.[field] ?? null])),
    })),
  };
}

const layerArea = (result: OverlayResult, id: string): number => result.zones.reduce((sum, zone) => sum + (zone.layers[id]?.areaSquareMetres ?? 0), 0);

export class CorridorAnalysisSession {
  private readonly layers = new Map<LayerId, Promise<FeatureCollection>>();

  private layer(dataBaseUrl: string, id: LayerId): Promise<FeatureCollection> {
    let load = this.layers.get(id);
    if (!load) {
      const definition = layerById(id);
      const fields = id === 'townships' ? ['CODE', 'NAME'] : id === 'subcompartments' ? ['DI_LEI'] : [];
      load = fetchBytes(`${dataBaseUrl}${definition.file}`, definition.file)
        .then((bytes) => decodeLayerSource(bytes, definition.file))
        .then((collection) => only(collection, fields));
      // A failed read is tried again next time.
      load.catch(() => this.layers.delete(id));
      this.layers.set(id, load);
    }
    return load;
  }

  async analyse(request: CorridorAnalysisRequest, onProgress: (progress: CorridorProgress) => void = () => {}): Promise<CorridorAnalysis> {
    const issues = corridorSpecIssues(request.spec);
    if (request.line.every((part) => part.length < 2)) issues.unshift({ code: 'noLine', params: {} });
    if (issues.length > 0) return { ok: false, issues };
    onProgress({ stage: 'loading', fraction: 0 });
    const [county, townships, ...overlapLayers] = await Promise.all(LOADED_LAYERS.map((id) => this.layer(request.dataBaseUrl, id)));
    onProgress({ stage: 'buffer', fraction: 0.1 });
    const outline = county!.features[0]?.geometry as Polygon | MultiPolygon | undefined;
    const built = buildCorridor(request.line, request.spec, { clipTo: outline ?? null });
    const reachIssues = corridorSpecIssues(request.spec, built.lengthMetres);
    if (reachIssues.length > 0) return { ok: false, issues: reachIssues };
    const empty: CorridorOverlaps = { reserveForestSquareMetres: 0, nanmuProtectionSquareMetres: 0, farmlandSquareMetres: 0, plotsSquareMetres: 0, plotNames: [] };
    if (!built.geometry) return { ok: true, geometry: null, lengthMetres: built.lengthMetres, areaSquareMetres: 0, townships: [], overlaps: empty };
    const corridor: FeatureCollection = { type: 'FeatureCollection', features: [{ type: 'Feature', geometry: built.geometry, properties: { NAME: 'corridor', CODE: 'corridor' } }] };

    onProgress({ stage: 'townships', fraction: 0.3 });
    const byTownship = await computeOverlayStatistics(
      { zones: townships!, layers: [{ id: 'corridor', features: corridor }] },
      { onProgress: (progress) => onProgress({ stage: 'townships', fraction: 0.3 + 0.3 * progress.fraction }) },
    );
    const townshipAreas = byTownship.zones
      .map((zone) => ({ code: String(zone.id), name: zone.name, areaSquareMetres: zone.layers.corridor?.areaSquareMetres ?? 0 }))
      .filter((zone) => zone.areaSquareMetres > 0.005)
      .sort((a, b) => b.areaSquareMetres - a.areaSquareMetres);

    onProgress({ stage: 'overlaps', fraction: 0.6 });
    const plots: FeatureCollection = {
      type: 'FeatureCollection',
      features: request.plots.map((plot): Feature => ({ type: 'Feature', geometry: plot.geometry, properties: { NAME: plot.name } })),
    };
    const [reserve, nanmu, stands] = overlapLayers;
    const overlaps = await computeOverlayStatistics(
      {
        zones: corridor,
        layers: [
          { id: 'reserveForest', features: reserve! },
          { id: 'nanmuProtection', features: nanmu! },
          { id: 'subcompartments', features: stands!, categoryField: 'DI_LEI' },
          { id: 'plots', features: plots, categoryField: 'NAME' },
        ],
      },
      { onProgress: (progress) => onProgress({ stage: 'overlaps', fraction: 0.6 + 0.4 * progress.fraction }) },
    );
    const zone = overlaps.zones[0];
    const farmland = Object.entries(zone?.layers.subcompartments?.categories ?? {})
      .filter(([value]) => landClassName(value) === LAND_CLASS.cultivated)
      .reduce((sum, [, category]) => sum + category.areaSquareMetres, 0);
    const plotNames = Object.entries(zone?.layers.plots?.categories ?? {})
      .filter(([, category]) => category.areaSquareMetres > 0.005)
      .map(([name]) => name);
    onProgress({ stage: 'overlaps', fraction: 1 });
    return {
      ok: true,
      geometry: built.geometry,
      lengthMetres: built.lengthMetres,
      areaSquareMetres: geometryAreaSquareMetres(built.geometry),
      townships: townshipAreas,
      overlaps: {
        reserveForestSquareMetres: layerArea(overlaps, 'reserveForest'),
        nanmuProtectionSquareMetres: layerArea(overlaps, 'nanmuProtection'),
        farmlandSquareMetres: farmland,
        plotsSquareMetres: layerArea(overlaps, 'plots'),
        plotNames,
      },
    };
  }
}
