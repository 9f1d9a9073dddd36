/**
 * The app's one translation API. Every UI string lives in a catalogue (./messages.ts for the app
 * frame, one file per area for the rest) and is read through `t`:
 *
 *   t(app.locale, 'fire.title')                         // "森林火灾高风险区审核"
 *   t('en', 'plot.panel.count', { shown, total, area }) // "3 of 7 plots, 2.1 ha in all"
 *
 * A key that does not exist is a type error. `localized` gives both languages at once, for
 * notices that outlive a language switch.
 */
import { commonMessages } from './messages';
import { corridorMessages } from './corridor-messages';
import { fieldMessages } from './field-messages';
import { imageryMessages } from './imagery-messages';
import { importMessages } from './import-messages';
import { importErrorMessages } from './import-error-messages';
import { plotMessages } from './plot-messages';
import { statisticsMessages } from './statistics-messages';
import { storageMessages } from './storage-messages';
import { workspaceMessages } from './workspace-messages';
import type { fireMessages } from './fire-messages';
import type { rectificationMessages } from './rectification-messages';
import type { crsMessages } from './crs-messages';
import type { terrainMessages } from './terrain-messages';
import type { validationMessages } from './validation-messages';
import type { basemapMessages } from './basemap-messages';
import type { cliMessages } from './cli-messages';
import type { Locale, LocalizedText } from './locale';

export type { Locale, LocalizedText } from './locale';

/**
 * Every catalogue's Chinese texts; their keys must not overlap (tests/unit/i18n.test.ts checks).
 * The English ones are in ./english.ts, which the page loads when the UI switches to English.
 */
export const CATALOGUES = [
  commonMessages,
  corridorMessages,
  fieldMessages,
  imageryMessages,
  importMessages,
  importErrorMessages,
  plotMessages,
  statisticsMessages,
  storageMessages,
  workspaceMessages,
] as const;

/**
 * Catalogues of tools that load on use (the fire office, the rectification workflow, coordinate systems, elevation
 * models, geometry checks, basemaps, the CLI): each adds its Chinese texts when imported
 * (registerChinese), and every module that uses its keys imports it (tests/unit/initial-bundle.test.ts
 * checks), so they stay out of the page's initial JavaScript.
 */
type OnUseCatalogue =
  | typeof fireMessages
  | typeof rectificationMessages
  | typeof crsMessages
  | typeof terrainMessages
  | typeof validationMessages
  | typeof basemapMessages
  | typeof cliMessages;

type KeyOf<C> = C extends unknown ? keyof C & string : never;

/** A key of any catalogue, e.g. 'app.title', 'fire.review', 'import.dialog.title'. */
export type MessageKey = KeyOf<(typeof CATALOGUES)[number] | OnUseCatalogue>;

/** Values for a message's `{name}` placeholders; a LocalizedText value is read in the message's locale. */
export type MessageParams = Readonly<Record<string, string | number | LocalizedText>>;

const CHINESE: Record<string, string> = Object.assign({}, ...CATALOGUES);
let english: Readonly<Record<string, string>> | null = null;
let englishLoading: Promise<void> | null = null;

/** Called by a catalogue that loads on use (see OnUseCatalogue) when it is imported. */
export function registerChinese(messages: Readonly<Partial<Record<MessageKey, string>>>): void {
  Object.assign(CHINESE, messages);
}

/** Called once by ./english.ts with every English text. */
export function registerEnglish(messages: Readonly<Record<MessageKey, string>>): void {
  english = messages;
}

/** Whether `t(locale, …)` has the locale's texts (Chinese always; English once ./english.ts ran). */
export function isLocaleLoaded(locale: Locale): boolean {
  return locale === 'zh' || english !== null;
}

/**
 * Makes the locale's texts available: the page calls it before it shows English (the English
 * catalogues, ~14 KB gzip, are not part of its initial JavaScript). Workers, the CLI, the server
 * and the tests import ./english.ts statically instead.
 */
export function loadLocale(locale: Locale): Promise<void> {
  if (isLocaleLoaded(locale)) return Promise.resolve();
  englishLoading ??= import('./english').then(
    () => undefined,
    (error: unknown) => {
      englishLoading = null; // a failed download may be retried by the next switch
      throw error;
    },
  );
  return englishLoading;
}

/** The message in the locale, its `{name}` placeholders filled from `params`. */
export function t(locale: Locale, key: MessageKey, params?: MessageParams): string {
  // Before English has loaded (see loadLocale) its texts read as the Chinese ones.
  const template = (locale === 'en' ? english?.[key] : undefined) ?? CHINESE[key] ?? key;
  return params === undefined ? template : fill(template, params, locale);
}

/** The same message in both languages. */
export function localized(key: MessageKey, params?: MessageParams): LocalizedText {
  const zh = t('zh', key, params);
  if (english) return { zh, en: t('en', key, params) };
  // The page loads English only with the switch to it: read the English text when it is asked
  // for, so a notice made in Chinese reads in English after the switch.
  return {
    zh,
    get en() {
      return t('en', key, params);
    },
  };
}

/** A text that reads the same in both languages (a browser's error message, a file name). */
export function untranslated(text: string): LocalizedText {
  return { zh: text, en: text };
}

/** Texts in both languages put one after the other (a message built from optional parts). */
export function joined(parts: readonly LocalizedText[], separator: LocalizedText = untranslated('')): LocalizedText {
  const zh = parts.map((part) => part.zh).join(separator.zh);
  const en = () => parts.map((part) => part.en).join(separator.en);
  // Like localized: the parts' English may not have loaded yet.
  if (english) return { zh, en: en() };
  return {
    zh,
    get en() {
      return en();
    },
  };
}

/** Whether a key built at run time (e.g. from a geometry type) names a message. */
export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(CHINESE, key);
}

/** fill('地块{number}', { number: 3 }) = '地块3'; an unknown placeholder stays as written. */
function fill(template: string, params: MessageParams, locale: Locale): string {
  return template.replace(/\{(\w+)\}/g, (placeholder, name: string) => {
    if (!Object.hasOwn(params, name)) return placeholder;
    const value = params[name]!;
    return typeof value === 'object' ? value[locale] : String(value);
  });
}
