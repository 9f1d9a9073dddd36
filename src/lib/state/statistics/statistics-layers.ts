import type { LayerId } from '../../layers/catalog';

/** Polygon layers measured per township (everything thematic in the catalog). */
export const STATISTICS_LAYERS: readonly LayerId[] = [
  'subcompartments',
  'reserveForest',
  'pineRetrofit',
  'afforestation2023',
  'corridors',
  'fireZones',
  'nanmuGroves',
  'nanmuProtection',
];
