/**
 * Which catalog layers a planting plot is checked against, the field that splits each overlap
 * (reserve-forest status, fire level …), and which overlaps are flagged rather than shown as
 * information. Townships come last: they give the split of the plot by township.
 */
import type { LayerId } from '../layers/catalog';
import { TOWNSHIP_LAYER_ID, TOWNSHIP_NAME_FIELD } from './plot-conflicts';

export interface PlotConflictLayer {
  readonly id: LayerId;
  readonly categoryField?: string;
  /** An overlap that matters (a protected area): flagged visibly. */
  readonly flagged?: boolean;
}

export const PLOT_CONFLICT_LAYERS: readonly PlotConflictLayer[] = [
  { id: 'nanmuProtection', categoryField: 'MING_CHENG', flagged: true },
  { id: 'reserveForest', categoryField: 'ZHUANG_TAI' },
  { id: 'pineRetrofit', categoryField: 'GAI_PEI_CS' },
  { id: 'corridors', categoryField: 'HE_LIU' },
  { id: 'fireZones', categoryField: 'DENG_JI' },
  { id: 'afforestation2023', categoryField: 'ZAO_LIN_LX' },
  { id: TOWNSHIP_LAYER_ID, categoryField: TOWNSHIP_NAME_FIELD },
];

/** Ids of the flagged layers. */
export const FLAGGED_CONFLICT_LAYERS: readonly string[] = PLOT_CONFLICT_LAYERS.filter((layer) => layer.flagged).map((layer) => layer.id);
