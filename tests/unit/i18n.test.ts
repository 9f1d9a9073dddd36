import { describe, expect, it } from 'vitest';
import { CATALOGUES, isMessageKey, joined, localized, t, type MessageKey } from '../../src/lib/i18n';
import { ENGLISH_CATALOGUES } from '../../src/lib/i18n/english';
import { basemapMessages } from '../../src/lib/i18n/basemap-messages';
import { cliMessages } from '../../src/lib/i18n/cli-messages';
import { crsMessages } from '../../src/lib/i18n/crs-messages';
import { fireMessages } from '../../src/lib/i18n/fire-messages';
import { rectificationMessages } from '../../src/lib/i18n/rectification-messages';
import { terrainMessages } from '../../src/lib/i18n/terrain-messages';
import { validationMessages } from '../../src/lib/i18n/validation-messages';

/** Every Chinese catalogue: the page's (CATALOGUES) and those that load with their tools. */
const ALL_CHINESE = [...CATALOGUES, basemapMessages, cliMessages, crsMessages, fireMessages, rectificationMessages, terrainMessages, validationMessages];

const placeholdersOf = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();

describe('i18n catalogues', () => {
  it('give every key a non-empty Chinese and English text with the same placeholders', () => {
    const problems: string[] = [];
    expect(ENGLISH_CATALOGUES).toHaveLength(ALL_CHINESE.length);
    const chinese: Record<string, string | undefined> = Object.assign({}, ...ALL_CHINESE);
    const english: Record<string, string | undefined> = Object.assign({}, ...ENGLISH_CATALOGUES);
    for (const key of new Set([...Object.keys(chinese), ...Object.keys(english)])) {
      const zh = chinese[key];
      const en = english[key];
      if (!zh?.trim()) problems.push(`${key}: no Chinese text`);
      if (!en?.trim()) problems.push(`${key}: no English text`);
      if (zh && en && placeholdersOf(zh).join() !== placeholdersOf(en).join()) problems.push(`${key}: placeholders differ`);
    }
    expect(problems).toEqual([]);
  });

  it('never define a key twice (a later catalogue would silently win)', () => {
    const seen = new Map<string, number>();
    for (const catalogue of ALL_CHINESE) for (const key of Object.keys(catalogue)) seen.set(key, (seen.get(key) ?? 0) + 1);
    expect([...seen].filter(([, count]) => count > 1).map(([key]) => key)).toEqual([]);
  });

  it('start every key with a short area name so keys group by panel', () => {
    const malformed = ALL_CHINESE.flatMap((catalogue) => Object.keys(catalogue)).filter((key) => !/^[a-z]+\.[\w.-]+$/.test(key));
    expect(malformed).toEqual([]);
  });
});

describe('t', () => {
  it('reads one message in either language from any catalogue', () => {
    expect(t('zh', 'app.title')).toBe('酉阳林业一张图');
    expect(t('en', 'fire.review')).toBe('Review');
    expect(t('zh', 'import.dialog.title')).toBe('导入预览');
  });

  it('fills {name} placeholders, numbers included, and leaves unknown ones as written', () => {
    expect(t('zh', 'plot.newName', { number: 3 })).toBe('地块3');
    expect(t('en', 'plot.panel.count', { shown: 2, total: 7, area: '1.5 ha' })).toBe('2 of 7 plots, 1.5 ha in all');
    expect(t('en', 'plot.panel.count', { shown: 2 })).toBe('2 of {total} plots, {area} in all');
  });

  it('reads a LocalizedText parameter in the message’s own language', () => {
    const detail = { zh: '磁盘已满', en: 'the disk is full' };
    expect(localized('plot.notice.exportFailed', { detail })).toEqual({ zh: '导出失败：磁盘已满', en: 'Export failed: the disk is full' });
  });

  it('joins texts built from optional parts in each language', () => {
    expect(joined([localized('validation.feature', { index: 2 }), localized('validation.outerRing')])).toEqual({ zh: '要素2 外环', en: 'feature 2, outer ring' });
  });

  it('gives both languages at once for notices that outlive a language switch', () => {
    expect(localized('imagery.missing', { name: 'a.tif' })).toEqual({
      zh: '影像“a.tif”的本机副本已不存在，请重新打开文件。',
      en: 'The stored copy of “a.tif” is gone; please open the file again.',
    });
  });

  it('rejects a key that does not exist, at compile time and at run time', () => {
    // @ts-expect-error — not a message key
    const unknown: MessageKey = 'fire.noSuchMessage';
    expect(isMessageKey(unknown)).toBe(false);
    expect(isMessageKey('import.geometry.Polygon')).toBe(true);
  });
});
