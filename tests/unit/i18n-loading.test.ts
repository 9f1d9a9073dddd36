/**
 * The page ships the Chinese texts only and loads English with the switch to it (loadLocale);
 * the setup file registers English for the other tests, so these start from a fresh module graph.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';

type I18n = typeof import('../../src/lib/i18n');
let i18n: I18n;

beforeEach(async () => {
  vi.resetModules();
  i18n = await import('../../src/lib/i18n');
});

describe('English on demand', () => {
  it('has only Chinese until English is loaded, then both', async () => {
    expect(i18n.isLocaleLoaded('zh')).toBe(true);
    expect(i18n.isLocaleLoaded('en')).toBe(false);
    // Never a raw key: the Chinese text stands in.
    expect(i18n.t('en', 'app.title')).toBe('酉阳林业一张图');

    await i18n.loadLocale('en');
    expect(i18n.isLocaleLoaded('en')).toBe(true);
    expect(i18n.t('en', 'statistics.title')).toBe('Township statistics');
    expect(i18n.t('zh', 'statistics.title')).toBe('乡镇统计');
  });

  it('reads a notice made in Chinese in English after the switch', async () => {
    const detail = { zh: '磁盘已满', en: 'the disk is full' };
    const notice = i18n.localized('plot.notice.exportFailed', { detail });
    const parts = i18n.joined([i18n.localized('statistics.title'), i18n.localized('app.title')], i18n.untranslated(' · '));
    expect(notice.zh).toBe('导出失败：磁盘已满');

    await i18n.loadLocale('en');
    expect(notice.en).toBe('Export failed: the disk is full');
    expect(parts).toEqual({ zh: '乡镇统计 · 酉阳林业一张图', en: 'Township statistics · Youyang Forest Map' });
    // Made after loading: plain strings, as structured clone and JSON want them.
    expect(Object.getOwnPropertyDescriptor(i18n.localized('statistics.title'), 'en')?.value).toBe('Township statistics');
  });

  it('adds the Chinese texts of a tool’s catalogue when the tool imports it', async () => {
    expect(i18n.t('zh', 'basemap.title')).toBe('basemap.title');
    await import('../../src/lib/i18n/basemap-messages');
    expect(i18n.t('zh', 'basemap.title')).not.toBe('basemap.title');
  });

  it('loads English once however often it is asked for', async () => {
    const first = i18n.loadLocale('en');
    expect(i18n.loadLocale('en')).toBe(first);
    await first;
    expect(i18n.t('en', 'app.title')).not.toBe(i18n.t('zh', 'app.title'));
  });
});
