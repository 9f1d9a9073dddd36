/**
 * Which catalog layers a planting plot is checked against, the field that splits each overlap
 * (land class, reserve-forest status, fire level …), and which overlaps are flagged rather than
 * shown as information:
 * - a nanmu protection zone, and 2023 afforestation (the ground is already planned);
 * - sub-compartments whose land class (DI_LEI) is 耕地 (cultivated land may not be afforested),
 *   建设用地 or 水域;
 * - fire high-risk zones of level 4 or 5.
 * Townships come last: they give the split of the plot by township.
 */
import type { LayerId } from '../layers/catalog';
import { LAND_CLASS } from './land-class';
import { TOWNSHIP_LAYER_ID, TOWNSHIP_NAME_FIELD, type ConflictFlagRule } from './plot-conflicts';

export interface PlotConflictLayer {
  readonly id: LayerId;
  readonly categoryField?: string;
}

export const PLOT_CONFLICT_LAYERS: readonly PlotConflictLayer[] = [
  { id: 'nanmuProtection', categoryField: 'MING_CHENG' },
  { id: 'subcompartments', categoryField: 'DI_LEI' },
  { id: 'afforestation2023', categoryField: 'ZAO_LIN_LX' },
  { id: 'fireZones', categoryField: 'DENG_JI' },
  { id: 'reserveForest', categoryField: 'ZHUANG_TAI' },
  { id: 'pineRetrofit', categoryField: 'GAI_PEI_CS' },
  { id: 'corridors', categoryField: 'HE_LIU' },
  { id: TOWNSHIP_LAYER_ID, categoryField: TOWNSHIP_NAME_FIELD },
];

/** Land classes a plot may not be laid out on. */
export const FORBIDDEN_LAND_CLASSES: readonly string[] = [LAND_CLASS.cultivated, LAND_CLASS.construction, LAND_CLASS.water];

/** Fire danger level from which an overlap is flagged. */
export const FLAGGED_FIRE_LEVEL = 4;

export const PLOT_CONFLICT_RULES: readonly ConflictFlagRule[] = [
  { layerId: 'nanmuProtection', kind: 'overlap' },
  { layerId: 'subcompartments', kind: 'landClass', classes: FORBIDDEN_LAND_CLASSES },
  { layerId: 'afforestation2023', kind: 'overlap' },
  { layerId: 'fireZones', kind: 'minimumLevel', level: FLAGGED_FIRE_LEVEL },
];

/** Only the field each layer's check reads is kept (the sub-compartments carry a dozen). */
export function conflictFieldsOf(id: string): readonly string[] {
  const layer = PLOT_CONFLICT_LAYERS.find((entry) => entry.id === id);
  return layer?.categoryField ? [layer.categoryField] : [];
}
