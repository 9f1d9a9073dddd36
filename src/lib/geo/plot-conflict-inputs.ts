/**
 * Preparing the layers of the plot conflict check: only the field each check reads is kept
 * (a county inventory's dozen attributes would otherwise sit in the worker's memory), and an
 * imported layer that lacks that field is reported, so that "no conflict" never hides a check
 * that could not be made.
 */
import type { FeatureCollection } from 'geojson';
import { layerById, type LayerId } from '../layers/catalog';
import { readField } from './forest-cover';
import { conflictFieldsOf } from './plot-conflict-layers';
import type { LocalizedText } from '../i18n/locale';

/** A copy of the layer whose features carry only the checked fields (under their catalog names). */
export function keepConflictFields(id: LayerId, collection: FeatureCollection): FeatureCollection {
  const fields = conflictFieldsOf(id);
  return {
    type: 'FeatureCollection',
    features: collection.features.map((feature) => {
      const properties: Record<string, unknown> = {};
      for (const field of fields) {
        const value = readField(feature?.properties, field);
        if (value !== undefined) properties[field] = value;
      }
      return { type: 'Feature', properties, geometry: feature?.geometry ?? null };
    }),
  };
}

/** What the user should know about an imported layer used by the check. */
export function conflictLayerNotes(id: LayerId, layerName: string, collection: FeatureCollection): LocalizedText[] {
  const role = layerById(id).name;
  const notes: LocalizedText[] = [{ zh: `${role.zh}：使用导入的图层“${layerName}”`, en: `${role.en}: the imported layer “${layerName}” is used` }];
  for (const field of conflictFieldsOf(id)) {
    const present = collection.features.some((feature) => {
      const value = readField(feature?.properties, field);
      return value !== undefined && value !== null && String(value).trim() !== '';
    });
    if (!present && collection.features.length > 0) {
      notes.push({
        zh: `导入的图层“${layerName}”没有${field}字段的值，未按该字段检查（请在“数据”中指定字段）`,
        en: `the imported layer “${layerName}” has no values in the ${field} field, so that check was not made (map the field in the Data tab)`,
      });
    }
  }
  return notes;
}
