import { describe, expect, it } from 'vitest';
import {
  convertSquareMetres,
  formatArea,
  formatCount,
  formatMuAuto,
  formatNumber,
  formatPercent,
  hectaresToMu,
  muToSquareMetres,
  parseAreaUnit,
  squareKilometresToSquareMetres,
  squareMetresToMu,
} from '../../src/lib/geo/units';

describe('area units', () => {
  it('uses 1 亩 = 10000/15 m² exactly and 1 公顷 = 15 亩', () => {
    expect(squareMetresToMu(10000)).toBe(15);
    expect(muToSquareMetres(15)).toBeCloseTo(10000, 9);
    expect(hectaresToMu(1)).toBe(15);
    expect(convertSquareMetres(1e6, 'squareKilometre')).toBe(1);
    expect(convertSquareMetres(squareKilometresToSquareMetres(1), 'mu')).toBe(1500);
    expect(convertSquareMetres(muToSquareMetres(123500), 'tenThousandMu')).toBeCloseTo(12.35, 12);
  });

  it('formats with thousands separators and fixed decimals per unit, in zh and en', () => {
    expect(formatNumber(1234567.891, 2)).toBe('1,234,567.89');
    expect(formatNumber(-0.001, 2)).toBe('0.00');
    expect(formatArea(muToSquareMetres(1234.5678), 'mu', 'zh')).toBe('1,234.57 亩');
    expect(formatArea(muToSquareMetres(1234.5678), 'mu', 'en')).toBe('1,234.57 mu');
    expect(formatArea(10000, 'hectare', 'zh')).toBe('1.0000 公顷');
    expect(formatMuAuto(muToSquareMetres(123500), 'zh')).toBe('12.35 万亩');
    expect(formatMuAuto(muToSquareMetres(99999), 'en')).toBe('99,999.00 mu');
    expect(formatPercent(0.645)).toBe('64.50%');
    expect(formatCount(40312.4)).toBe('40,312');
  });

  it('parses unit names users type', () => {
    expect(parseAreaUnit('公顷')).toBe('hectare');
    expect(parseAreaUnit(' 万亩 ')).toBe('tenThousandMu');
    expect(parseAreaUnit('KM2')).toBe('squareKilometre');
    expect(parseAreaUnit('acre')).toBeUndefined();
  });
});
