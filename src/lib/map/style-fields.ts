/**
 * The feature attributes MapLibre style layers read: what a GeoJSON source has to carry to draw
 * them. Clicks, the feature panel, statistics and snapping look features up on the page by id, so
 * the map's copy of a layer needs nothing else — for a 200,000-polygon import the attributes were
 * most of what went to MapLibre's worker (~100 MB of text, serialised, parsed and tiled there).
 * Pure: no MapLibre at run time, only its style types.
 */
import type { LayerSpecification } from 'maplibre-gl';

/** Operators of legacy (non-expression) filters whose second element names an attribute. */
const LEGACY_FILTER_KEYS = new Set(['==', '!=', '<', '<=', '>', '>=', 'in', '!in', 'has', '!has']);

/** `{FIELD}` tokens of legacy text-field and icon-image strings. */
const TOKEN = /\{([^{}]+)\}/g;

/**
 * Attribute names the layers' filters, layouts and paints read, sorted; null when they may read any
 * (a `properties` expression or a `get` of a computed name). Errs towards more fields: a string
 * that only looks like a field name is kept too.
 */
export function styleFields(layers: readonly LayerSpecification[]): string[] | null {
  const fields = new Set<string>();
  let anyField = false;
  const visit = (value: unknown): void => {
    if (anyField) return;
    if (typeof value === 'string') {
      for (const match of value.matchAll(TOKEN)) fields.add(match[1]!);
      return;
    }
    if (!Array.isArray(value)) {
      if (value !== null && typeof value === 'object') for (const member of Object.values(value)) visit(member);
      return;
    }
    const [operator, first] = value as unknown[];
    if (operator === 'properties') {
      anyField = true;
      return;
    }
    // ['get', name] and ['has', name] read the feature; with a third argument, another object.
    if ((operator === 'get' || operator === 'has') && value.length === 2) {
      if (typeof first === 'string') fields.add(first);
      else anyField = true;
    }
    if (typeof operator === 'string' && LEGACY_FILTER_KEYS.has(operator) && typeof first === 'string') fields.add(first);
    for (const item of value) visit(item);
  };
  for (const layer of layers) {
    if ('filter' in layer) visit(layer.filter);
    visit(layer.layout);
    visit(layer.paint);
  }
  return anyField ? null : [...fields].sort();
}
