/** Messages between the app and the layer-loader worker. */
import type { FeatureCollection, Point, Feature } from 'geojson';

export interface LoadLayerRequest {
  readonly requestId: number;
  readonly url: string;
  readonly fileName: string;
  /** Also compute label points (one per polygon feature) for this layer. */
  readonly withLabelPoints: boolean;
}

export type LoadLayerResponse =
  | { readonly type: 'progress'; readonly requestId: number; readonly loadedBytes: number; readonly totalBytes: number }
  | {
      readonly type: 'done';
      readonly requestId: number;
      readonly collection: FeatureCollection;
      readonly labelPoints: FeatureCollection<Point> | null;
    }
  | { readonly type: 'error'; readonly requestId: number; readonly message: string };

export type LabelPointFeature = Feature<Point>;
