/**
 * The shape every message catalogue has: the same keys in Chinese and English. Keys start with
 * the catalogue's area ("fire.title", "import.dialog.title") so all catalogues merge into one key
 * space; `{name}` placeholders are filled by `t` (see ./index.ts).
 */
import type { Locale } from './locale';

export type Catalogue<Key extends string> = Readonly<Record<Locale, Readonly<Record<Key, string>>>>;

/**
 * A catalogue from its Chinese strings and an English string for every key (a missing or extra
 * English key is a type error).
 *
 * @example
 * export const plotMessages = defineCatalogue({ 'plot.area': '面积' }, { 'plot.area': 'Area' });
 */
export function defineCatalogue<Key extends string>(
  chinese: Readonly<Record<Key, string>>,
  english: Readonly<Record<NoInfer<Key>, string>>,
): Catalogue<Key> {
  return { zh: chinese, en: english };
}
