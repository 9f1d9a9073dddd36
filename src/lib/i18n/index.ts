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
import { basemapMessages } from './basemap-messages';
import { cliMessages } from './cli-messages';
import { corridorMessages } from './corridor-messages';
import { crsMessages } from './crs-messages';
import { fieldMessages } from './field-messages';
import { fireMessages } from './fire-messages';
import { imageryMessages } from './imagery-messages';
import { importMessages } from './import-messages';
import { importErrorMessages } from './import-error-messages';
import { plotMessages } from './plot-messages';
import { rectificationMessages } from './rectification-messages';
import { statisticsMessages } from './statistics-messages';
import { storageMessages } from './storage-messages';
import { terrainMessages } from './terrain-messages';
import { validationMessages } from './validation-messages';
import { workspaceMessages } from './workspace-messages';
import type { Catalogue } from './catalogue';
import type { Locale, LocalizedText } from './locale';

export type { Locale, LocalizedText } from './locale';

/** Every catalogue; their keys must not overlap (tests/unit/i18n.test.ts checks). */
export const CATALOGUES = [
  commonMessages,
  basemapMessages,
  cliMessages,
  corridorMessages,
  crsMessages,
  fieldMessages,
  fireMessages,
  imageryMessages,
  importMessages,
  importErrorMessages,
  plotMessages,
  rectificationMessages,
  statisticsMessages,
  storageMessages,
  terrainMessages,
  validationMessages,
  workspaceMessages,
] as const;

type KeyOf<C> = C extends Catalogue<infer Key> ? Key : never;

/** A key of any catalogue, e.g. 'app.title', 'fire.review', 'import.dialog.title'. */
export type MessageKey = KeyOf<(typeof CATALOGUES)[number]>;

/** Values for a message's `{name}` placeholders; a LocalizedText value is read in the message's locale. */
export type MessageParams = Readonly<Record<string, string | number | LocalizedText>>;

const MESSAGES: Record<Locale, Readonly<Record<string, string>>> = {
  zh: Object.assign({}, ...CATALOGUES.map((catalogue) => catalogue.zh)),
  en: Object.assign({}, ...CATALOGUES.map((catalogue) => catalogue.en)),
};

/** The message in the locale, its `{name}` placeholders filled from `params`. */
export function t(locale: Locale, key: MessageKey, params?: MessageParams): string {
  const template = MESSAGES[locale][key] ?? key;
  return params === undefined ? template : fill(template, params, locale);
}

/** The same message in both languages. */
export function localized(key: MessageKey, params?: MessageParams): LocalizedText {
  return { zh: t('zh', key, params), en: t('en', key, params) };
}

/** A text that reads the same in both languages (a browser's error message, a file name). */
export function untranslated(text: string): LocalizedText {
  return { zh: text, en: text };
}

/** Texts in both languages put one after the other (a message built from optional parts). */
export function joined(parts: readonly LocalizedText[], separator: LocalizedText = untranslated('')): LocalizedText {
  return { zh: parts.map((part) => part.zh).join(separator.zh), en: parts.map((part) => part.en).join(separator.en) };
}

/** Whether a key built at run time (e.g. from a geometry type) names a message. */
export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(MESSAGES.zh, key);
}

/** fill('地块{number}', { number: 3 }) = '地块3'; an unknown placeholder stays as written. */
function fill(template: string, params: MessageParams, locale: Locale): string {
  return template.replace(/\{(\w+)\}/g, (placeholder, name: string) => {
    if (!Object.hasOwn(params, name)) return placeholder;
    const value = params[name]!;
    return typeof value === 'object' ? value[locale] : String(value);
  });
}
