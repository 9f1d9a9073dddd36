import { describe, expect, it } from 'vitest';
import type { Feature } from 'geojson';
import { cellText, tableRowOrder } from '../../src/lib/state/import-table';

const row = (properties: Record<string, unknown>): Feature => ({ type: 'Feature', properties, geometry: { type: 'Point', coordinates: [108.8, 28.8] } });
const FEATURES = [
  row({ XIANG: '钟多街道', XIAO_BAN: '0203', MIAN_JI: 42 }),
  row({ XIANG: '龚滩镇', XIAO_BAN: '0012', MIAN_JI: 135.5 }),
  row({ XIANG: '两罾乡', XIAO_BAN: '0107', MIAN_JI: null }),
  row({ XIANG: 'Apeng', XIAO_BAN: '10', MIAN_JI: 8 }),
];

describe('attribute table rows', () => {
  it('keeps file order without a sort, or reverses it', () => {
    expect(tableRowOrder(FEATURES, { search: '', sortField: null, descending: false })).toEqual([0, 1, 2, 3]);
    expect(tableRowOrder(FEATURES, { search: '', sortField: null, descending: true })).toEqual([3, 2, 1, 0]);
  });

  it('sorts numbers numerically with empty cells last in both directions', () => {
    expect(tableRowOrder(FEATURES, { search: '', sortField: 'MIAN_JI', descending: false })).toEqual([3, 0, 1, 2]);
    expect(tableRowOrder(FEATURES, { search: '', sortField: 'MIAN_JI', descending: true })).toEqual([1, 0, 3, 2]);
  });

  it('sorts text with numbers inside by value', () => {
    // '10' < '0012' (12) < '0107' < '0203'
    expect(tableRowOrder(FEATURES, { search: '', sortField: 'XIAO_BAN', descending: false })).toEqual([3, 1, 2, 0]);
  });

  it('finds Chinese and Latin text in any field, case-insensitively', () => {
    expect(tableRowOrder(FEATURES, { search: '龚滩', sortField: null, descending: false })).toEqual([1]);
    expect(tableRowOrder(FEATURES, { search: 'apeng', sortField: null, descending: false })).toEqual([3]);
    expect(tableRowOrder(FEATURES, { search: '135.5', sortField: null, descending: false })).toEqual([1]);
    expect(tableRowOrder(FEATURES, { search: '没有', sortField: null, descending: false })).toEqual([]);
  });

  it('shows cells as text', () => {
    expect(cellText(null)).toBe('');
    expect(cellText(1 / 3)).toBe('0.333333');
    expect(cellText({ a: 1 })).toBe('{"a":1}');
    expect(cellText(true)).toBe('true');
  });
});
