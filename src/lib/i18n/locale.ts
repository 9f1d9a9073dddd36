/** The two languages the app speaks: Simplified Chinese by default, English on request. */
export type Locale = 'zh' | 'en';

/** A text in both languages, for data that carries its own wording (catalog entries, notes). */
export interface LocalizedText {
  readonly zh: string;
  readonly en: string;
}
