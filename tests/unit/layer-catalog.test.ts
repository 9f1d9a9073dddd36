/**
 * The catalog entry owns its layer: a new entry reaches every derived table and consumer (map
 * style, legend, statistics, conflict check, import roles, category labels), so a layer cannot be
 * half-registered; and the real catalog's declarations are consistent.
 */
import type { FeatureCollection } from 'geojson';
import { describe, expect, it } from 'vitest';
import { LAYERS, layerById, layerReadingOrder } from '../../src/lib/layers/catalog';
import { defineLayers, categoryLegend, type LayerDefinition } from '../../src/lib/layers/layer-definition';
import {
  CATEGORY_COLUMN_LAYERS,
  PLOT_CONFLICT_LAYERS,
  PLOT_CONFLICT_RULES,
  ROLE_TARGETS,
  STATISTICS_LAYERS,
  categoryLabel,
  deriveCatalogTables,
  statisticsCategoryField,
  statisticsTheme,
} from '../../src/lib/layers/derived';
import { styleLayersFor, styleLayersOf, sourceId } from '../../src/lib/map/layer-styles';
import { compatibleRoles } from '../../src/lib/state/import-record';
import { conflictCategoryLabel } from '../../src/lib/state/plots/conflict-labels';
import { conflictStandIns } from '../../src/lib/state/plots/conflict-stand-ins';
import { keepConflictFields } from '../../src/lib/geo/plot-conflict-inputs';

const text = (zh: string, en: string) => ({ zh, en });

/** The worked example of docs/architecture.md ("Adding a layer"). */
const oilTea = {
  id: 'oilTeaBase',
  group: 'plan',
  geometry: 'polygon',
  file: 'oil-tea-base.fgb',
  name: text('油茶基地', 'Oil-tea plantations'),
  description: text('油茶产业基地（示例）', 'Oil-tea production bases (example)'),
  fields: [
    { name: 'JI_DI_ID', label: text('基地编号', 'Base ID') },
    { name: 'JIAN_SHE_ZT', label: text('建设状态', 'Status') },
    { name: 'MIAN_JI', label: text('面积', 'Area'), unit: text('亩', 'mu') },
  ],
  visibleByDefault: false,
  toggleable: true,
  category: {
    field: 'JIAN_SHE_ZT',
    values: [
      { value: '新造', label: text('新造', 'New planting'), color: '#8d6e63' },
      { value: '低改', label: text('低产林改造', 'Low-yield improvement'), color: '#ffb300' },
    ],
  },
  statistics: { theme: 'plan', byCategory: true, categoryColumns: true },
  conflictCheck: { order: 2.5, flag: { kind: 'overlap' } },
  replaceableByImport: true,
  style: { kind: 'zones', fill: 'byCategory', outline: '#ffffff', fillOpacity: 0.7 },
  legend: categoryLegend(
    [
      { value: '新造', label: text('新造', 'New planting'), color: '#8d6e63' },
      { value: '低改', label: text('低产林改造', 'Low-yield improvement'), color: '#ffb300' },
    ],
    'fill',
  ),
} as const satisfies LayerDefinition<'oilTeaBase'>;

const nurseries = {
  id: 'seedlingNurseries',
  group: 'forest',
  geometry: 'point',
  file: 'seedling-nurseries.fgb',
  name: text('苗圃', 'Seedling nurseries'),
  description: text('保障性苗圃', 'Seedling nurseries'),
  fields: [{ name: 'MING_CHENG', label: text('名称', 'Name') }],
  visibleByDefault: false,
  toggleable: true,
  replaceableByImport: true,
  style: { kind: 'points', color: '#6a1b9a' },
  legend: [{ label: text('苗圃', 'Nursery'), color: '#6a1b9a', kind: 'point' }],
} as const satisfies LayerDefinition<'seedlingNurseries'>;

describe('a new catalog entry', () => {
  const extended = defineLayers([...LAYERS, oilTea, nurseries]);
  const tables = deriveCatalogTables(extended);

  it('is measured by the statistics with its category field, theme and category columns', () => {
    expect(tables.statisticsLayers).toEqual([...STATISTICS_LAYERS, 'oilTeaBase']);
    expect(tables.statisticsCategoryFields.get('oilTeaBase')).toBe('JIAN_SHE_ZT');
    expect(tables.statisticsThemes.get('oilTeaBase')).toBe('plan');
    expect(tables.categoryColumnLayers.has('oilTeaBase')).toBe(true);
    // A point layer is not measured per township.
    expect(tables.statisticsLayers).not.toContain('seedlingNurseries');
  });

  it('is checked against plots in its declared place, split by its category field, and flagged by its rule', () => {
    expect(tables.conflictLayers.map((layer) => layer.id)).toEqual([
      'nanmuProtection',
      'subcompartments',
      'afforestation2023',
      'oilTeaBase',
      'fireZones',
      'reserveForest',
      'pineRetrofit',
      'corridors',
      'townships',
    ]);
    expect(tables.conflictLayers.find((layer) => layer.id === 'oilTeaBase')).toEqual({ id: 'oilTeaBase', name: oilTea.name, categoryField: 'JIAN_SHE_ZT' });
    expect(tables.conflictRules).toContainEqual({ layerId: 'oilTeaBase', kind: 'overlap' });
  });

  it('can be replaced by an import, has its legend and labels, and draws from its own style', () => {
    expect(tables.roleTargets).toEqual([...ROLE_TARGETS, 'oilTeaBase', 'seedlingNurseries']);
    expect(tables.legends.get('oilTeaBase')?.map((entry) => entry.color)).toEqual(['#8d6e63', '#ffb300']);
    expect(tables.categoryLabels.get('oilTeaBase')?.get('低改')).toEqual(text('低产林改造', 'Low-yield improvement'));

    const zones = styleLayersOf(oilTea);
    expect(zones.map((layer) => layer.id)).toEqual(['oilTeaBase-fill', 'oilTeaBase-line']);
    expect(zones.every((layer) => 'source' in layer && layer.source === sourceId('oilTeaBase'))).toBe(true);
    const fill = zones[0]!;
    expect(fill.type === 'fill' && fill.paint?.['fill-color']).toEqual(['match', ['get', 'JIAN_SHE_ZT'], '新造', '#8d6e63', '低改', '#ffb300', '#757575']);
    expect(styleLayersOf(nurseries).map((layer) => `${layer.id}:${layer.type}`)).toEqual(['seedlingNurseries-point:circle']);
  });
});

describe('the catalog', () => {
  it('gives every layer a style whose ids start with the layer id, and a legend', () => {
    for (const layer of LAYERS) {
      const styles = styleLayersFor(layer.id);
      expect(styles.length, layer.id).toBeGreaterThan(0);
      for (const style of styles) expect(style.id.startsWith(`${layer.id}-`), style.id).toBe(true);
      expect(layer.legend.length, layer.id).toBeGreaterThan(0);
    }
  });

  it('declares category fields that the layer has, and statistics only for polygon layers', () => {
    for (const layer of LAYERS) {
      if (layer.category) expect(layer.fields.map((field) => field.name), layer.id).toContain(layer.category.field);
      if (layer.statistics) expect(layer.geometry, layer.id).toBe('polygon');
    }
    const orders = LAYERS.flatMap((layer) => (layer.conflictCheck ? [layer.conflictCheck.order] : []));
    expect(new Set(orders).size).toBe(orders.length);
  });

  it('derives the tables the app used to keep by hand', () => {
    expect(STATISTICS_LAYERS).toEqual(['subcompartments', 'reserveForest', 'pineRetrofit', 'afforestation2023', 'corridors', 'fireZones', 'nanmuGroves', 'nanmuProtection']);
    expect(Object.fromEntries(STATISTICS_LAYERS.map((id) => [id, statisticsCategoryField(id)]))).toEqual({
      subcompartments: 'DI_LEI',
      reserveForest: 'ZHUANG_TAI',
      pineRetrofit: 'GAI_PEI_CS',
      afforestation2023: 'ZAO_LIN_LX',
      corridors: 'HE_LIU',
      fireZones: 'DENG_JI',
      nanmuGroves: undefined,
      nanmuProtection: undefined,
    });
    expect([...CATEGORY_COLUMN_LAYERS]).toEqual(['reserveForest', 'afforestation2023', 'corridors', 'fireZones']);
    expect(statisticsTheme('nanmuGroves')).toBe('ecology');
    expect(statisticsTheme('imported-1')).toBe('other');
    expect(PLOT_CONFLICT_RULES).toEqual([
      { layerId: 'nanmuProtection', kind: 'overlap' },
      { layerId: 'subcompartments', kind: 'landClass', classes: ['耕地', '建设用地', '水域'] },
      { layerId: 'afforestation2023', kind: 'overlap' },
      { layerId: 'fireZones', kind: 'minimumLevel', level: 4 },
    ]);
    expect(ROLE_TARGETS).not.toContain('county');
    expect(compatibleRoles(['Point'])).toEqual(['fireFacilities']);
    expect(compatibleRoles(['LineString'])).toEqual(['rivers']);
  });

  it('has one label per fire level: the legend, the conflict check and the category label agree', () => {
    const legend = layerById('fireZones').legend.map((entry) => entry.label);
    expect(legend[2]).toEqual(text('三级（较高）', 'Level 3 (high)'));
    expect(categoryLabel('fireZones', '3')).toEqual(legend[2]);
    expect(conflictCategoryLabel('fireZones', '3', 'zh')).toBe('三级（较高）');
    expect(conflictCategoryLabel('subcompartments', '0250', 'en')).toBe('Built-up land (0250)');
    expect(conflictCategoryLabel('corridors', '乌江', 'en')).toBe('Wujiang');
  });

  it('feeds the conflict check every imported layer that plays a checked role, with only the checked field kept', () => {
    const collection: FeatureCollection = {
      type: 'FeatureCollection',
      features: [{ type: 'Feature', properties: { DI_LEI: '耕地', XIANG: '钟多街道' }, geometry: { type: 'Point', coordinates: [108.77, 28.84] } }],
    };
    const standIns = conflictStandIns({ layerForRole: (role) => ({ name: `imported ${role}` }), effectiveLayer: () => collection });
    expect(standIns.map((standIn) => standIn.id)).toEqual(PLOT_CONFLICT_LAYERS.map((layer) => layer.id));
    const stands = PLOT_CONFLICT_LAYERS.find((layer) => layer.id === 'subcompartments')!;
    expect(keepConflictFields(stands, collection).features[0]!.properties).toEqual({ DI_LEI: '耕地' });
  });
});

describe('layerReadingOrder', () => {
  const sizes = (bytes: Partial<Record<string, number>>) => ({
    layers: Object.fromEntries(LAYERS.map((layer) => [layer.id, { file: layer.file, featureCount: 1, areaMu: 0, bytes: bytes[layer.id] ?? 50_000 }])),
  }) as Parameters<typeof layerReadingOrder>[0];

  it('reads the smallest files first and the big sub-compartments last', () => {
    const order = layerReadingOrder(sizes({ subcompartments: 16_787_512, reserveForest: 1_900_608, county: 11_936 })).map((layer) => layer.id);
    expect(order[0]).toBe('county');
    expect(order.at(-1)).toBe('subcompartments');
    expect(order.at(-2)).toBe('reserveForest');
    expect(new Set(order)).toEqual(new Set(LAYERS.map((layer) => layer.id)));
  });

  it('keeps the catalog order among files of equal size, and for layers the catalog does not list', () => {
    expect(layerReadingOrder(sizes({})).map((layer) => layer.id)).toEqual(LAYERS.map((layer) => layer.id));
    const missing = { layers: { townships: { file: 'townships.fgb', featureCount: 39, areaMu: 0, bytes: 5 } } } as unknown as Parameters<typeof layerReadingOrder>[0];
    const order = layerReadingOrder(missing).map((layer) => layer.id);
    // Unlisted layers count as empty (0 bytes) and keep their order ahead of the listed one.
    expect(order.at(-1)).toBe('townships');
    expect(order.slice(0, -1)).toEqual(LAYERS.map((layer) => layer.id).filter((id) => id !== 'townships'));
  });
});
