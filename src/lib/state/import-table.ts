/**
 * The attribute table of an imported layer: which features match a search and in what order,
 * as feature indices (the table draws only the rows in view, so 200,000 rows stay cheap).
 */
import type { Feature } from 'geojson';

export interface TableQuery {
  /** Text looked for in every field (case-insensitive); empty: all rows. */
  readonly search: string;
  /** Field to sort by; null: file order. */
  readonly sortField: string | null;
  readonly descending: boolean;
}

/** A cell's text as the table shows it. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : String(Math.round(value * 1e6) / 1e6);
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

const collator = new Intl.Collator('zh-Hans-CN', { numeric: true, sensitivity: 'base' });

function matches(feature: Feature, needle: string): boolean {
  const properties = feature.properties;
  if (!properties) return false;
  for (const key in properties) {
    if (cellText(properties[key]).toLowerCase().includes(needle)) return true;
  }
  return false;
}

/**
 * Indices of the features to show, filtered by the search and sorted by a field: numbers
 * numerically, text in Chinese collation order (numbers inside text by value), empty cells last.
 */
export function tableRowOrder(features: readonly Feature[], query: TableQuery): number[] {
  const needle = query.search.trim().toLowerCase();
  const rows: number[] = [];
  for (let index = 0; index < features.length; index++) {
    if (!needle || matches(features[index]!, needle)) rows.push(index);
  }
  const field = query.sortField;
  if (field === null) return query.descending ? rows.reverse() : rows;
  const values = new Map<number, unknown>();
  let allNumbers = true;
  for (const index of rows) {
    const value = features[index]!.properties?.[field];
    values.set(index, value);
    if (value !== null && value !== undefined && value !== '' && typeof value !== 'number') allNumbers = false;
  }
  const empty = (value: unknown) => value === null || value === undefined || value === '';
  const direction = query.descending ? -1 : 1;
  rows.sort((a, b) => {
    const left = values.get(a);
    const right = values.get(b);
    if (empty(left) || empty(right)) return empty(left) === empty(right) ? a - b : empty(left) ? 1 : -1;
    const order = allNumbers ? (left as number) - (right as number) : collator.compare(cellText(left), cellText(right));
    return order === 0 ? a - b : order * direction;
  });
  return rows;
}
