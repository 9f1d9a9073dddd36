/**
 * The thematic layers a plot is checked against, loaded once and indexed by feature bounding
 * box, so that each check hands the overlay engine only the few features near the plots
 * instead of every reserve-forest polygon in the county.
 */
import Flatbush from 'flatbush';
import type { Feature, FeatureCollection } from 'geojson';
import { boundingBoxOf, type BoundingBox } from './bounds';

/** A layer to check plots against. */
export interface ConflictLayerInput {
  /** Key of the layer in the results (a catalog layer id, e.g. 'reserveForest'). */
  readonly id: string;
  /** Longitude/latitude features; non-polygonal ones are ignored by the overlay. */
  readonly features: FeatureCollection;
  /** Property that splits the overlap into categories (e.g. 'DENG_JI' for fire levels). */
  readonly categoryField?: string;
}

interface IndexedLayer {
  readonly input: ConflictLayerInput;
  /** Features with a bounding box, in index order. */
  readonly features: readonly Feature[];
  readonly index: Flatbush | null;
}

export class ConflictIndex {
  private readonly layers = new Map<string, IndexedLayer>();

  /** Indexes the layers (a few hundred ms for the sample county's ~8,000 plan polygons). */
  constructor(layers: readonly ConflictLayerInput[]) {
    for (const input of layers) {
      const features: Feature[] = [];
      const boxes: BoundingBox[] = [];
      for (const feature of input.features.features) {
        const box = boundingBoxOf([feature.geometry]);
        if (!box) continue;
        features.push(feature);
        boxes.push(box);
      }
      let index: Flatbush | null = null;
      if (features.length > 0) {
        index = new Flatbush(features.length);
        for (const box of boxes) index.add(box[0], box[1], box[2], box[3]);
        index.finish();
      }
      this.layers.set(input.id, { input, features, index });
    }
  }

  /** Ids of the indexed layers, in the order given. */
  get layerIds(): string[] {
    return [...this.layers.keys()];
  }

  has(id: string): boolean {
    return this.layers.has(id);
  }

  categoryField(id: string): string | undefined {
    return this.layers.get(id)?.input.categoryField;
  }

  /** Features of a layer whose bounding boxes meet any of the boxes (each feature once). */
  candidates(id: string, boxes: readonly BoundingBox[]): FeatureCollection {
    const layer = this.layers.get(id);
    if (!layer?.index) return { type: 'FeatureCollection', features: [] };
    const hits = new Set<number>();
    for (const box of boxes) for (const hit of layer.index.search(box[0], box[1], box[2], box[3])) hits.add(hit);
    return { type: 'FeatureCollection', features: [...hits].sort((a, b) => a - b).map((hit) => layer.features[hit]!) };
  }
}
