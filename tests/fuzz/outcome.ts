import type { LocalizedText } from '../../src/lib/i18n/locale';

/** What one isolated import ended with. 'features' and 'typed-error' are acceptable; the rest are defects. */
export type RunOutcome =
  | { readonly kind: 'features'; readonly features: number; readonly codes: readonly string[] }
  | { readonly kind: 'typed-error'; readonly codes: readonly string[]; readonly messages: readonly LocalizedText[] }
  | { readonly kind: 'untyped'; readonly detail: string }
  | { readonly kind: 'invariant'; readonly detail: string }
  | { readonly kind: 'hang'; readonly detail: string }
  | { readonly kind: 'crash'; readonly detail: string };

export const ACCEPTABLE: ReadonlySet<RunOutcome['kind']> = new Set(['features', 'typed-error']);
