/**
 * Sorting and filtering of the statistics rows for display. The county total row always
 * stays last and is never filtered out.
 */
import type { StatisticsRow } from './table';

export interface TableView {
  readonly sortKey: string | null;
  readonly descending: boolean;
  /** Matches township name or code (substring). */
  readonly filter: string;
}

function compareCells(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (a === null || a === undefined) return b === null || b === undefined ? 0 : 1;
  if (b === null || b === undefined) return -1;
  return String(a).localeCompare(String(b), 'zh-CN');
}

export function viewRows(rows: readonly StatisticsRow[], view: TableView): StatisticsRow[] {
  const wanted = view.filter.trim();
  const zones = rows.filter(
    (row) => !row.isTotal && (!wanted || String(row.cells.name ?? '').includes(wanted) || row.id.includes(wanted)),
  );
  if (view.sortKey) {
    const key = view.sortKey;
    zones.sort((a, b) => compareCells(a.cells[key], b.cells[key]) * (view.descending ? -1 : 1));
  }
  return [...zones, ...rows.filter((row) => row.isTotal)];
}
