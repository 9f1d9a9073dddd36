/**
 * Message catalogues: one Chinese record per area (./plot-messages.ts …) and its English
 * counterpart (./en/plot-messages.ts …). Keys start with the catalogue's area ("fire.title",
 * "import.dialog.title") so all catalogues merge into one key space; `{name}` placeholders are
 * filled by `t` (see ./index.ts). Chinese, the default, ships with the page; English loads when the
 * UI switches to it (./english.ts).
 */

/**
 * The English record of a Chinese catalogue: a missing or extra key is a type error.
 *
 * @example
 * export const plotEnglish: EnglishOf<typeof plotMessages> = { 'plot.area': 'Area' };
 */
export type EnglishOf<Chinese> = Readonly<Record<keyof Chinese, string>>;
