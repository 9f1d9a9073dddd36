/**
 * The language switch in the header. English loads on first use (src/lib/i18n/english.ts), so a
 * click changes the page a moment later: wait until it has before reading any text.
 */
import type { Page } from 'playwright-core';

export async function switchLanguage(page: Page, to: 'zh' | 'en'): Promise<void> {
  await page.getByTestId('language-switch').click();
  // App.svelte sets <html lang> in the same update that re-renders the texts.
  await page.waitForFunction((lang) => document.documentElement.lang === lang, to === 'en' ? 'en' : 'zh-CN');
}
