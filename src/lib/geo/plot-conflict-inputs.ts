/**
 * Preparing the layers of the plot conflict check: only the field each check reads is kept
 * (a county inventory's dozen attributes would otherwise sit in the worker's memory), and an
 * imported layer that lacks that field is reported, so that "no conflict" never hides a check
 * that could not be made. Which layers are checked, and by which field, comes from the layer
 * catalog as ConflictLayerSpec values (geo does not know the catalog).
 */
import type { FeatureCollection } from 'geojson';
import { readField } from './forest-cover';
import type { LocalizedText } from '../i18n/locale';

/** A layer the conflict check reads. */
export interface ConflictLayerSpec {
  readonly id: string;
  readonly name: LocalizedText;
  /** The field that splits each overlap (land class, fire level …). */
  readonly categoryField?: string;
}

/** Only the field the layer's check reads is kept (the sub-compartments carry a dozen). */
export function conflictFieldsOf(layer: ConflictLayerSpec): readonly string[] {
  return layer.categoryField ? [layer.categoryField] : [];
}

/** A copy of the layer whose features carry only the checked fields (under their catalog names). */
export function keepConflictFields(layer: ConflictLayerSpec, collection: FeatureCollection): FeatureCollection {
  const fields = conflictFieldsOf(layer);
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
export function conflictLayerNotes(layer: ConflictLayerSpec, layerName: string, collection: FeatureCollection): LocalizedText[] {
  const role = layer.name;
  const notes: LocalizedText[] = [{ zh: `${role.zh}：使用导入的图层“${layerName}”`, en: `${role.en}: the imported layer “${layerName}” is used` }];
  for (const field of conflictFieldsOf(layer)) {
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
