/**
 * Category fields the statistics panel splits each catalog layer by (its extra columns).
 */
import type { LayerId } from '../../layers/catalog';

/** Default category field per catalog layer id. */
export const DEFAULT_CATEGORY_FIELDS: Partial<Record<LayerId, string>> = {
  afforestation2023: 'ZAO_LIN_LX',
  fireZones: 'DENG_JI',
  reserveForest: 'ZHUANG_TAI',
  pineRetrofit: 'GAI_PEI_CS',
  subcompartments: 'DI_LEI',
  corridors: 'HE_LIU',
};

/** The default category field of a layer id (catalog ids only), or undefined. */
export function defaultCategoryField(layerId: string): string | undefined {
  return (DEFAULT_CATEGORY_FIELDS as Record<string, string | undefined>)[layerId];
}
