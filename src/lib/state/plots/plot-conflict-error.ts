/**
 * The plot conflict check's error. A module of its own so that the page's conflict client can
 * throw it without loading the check itself (layer decoding, overlay), which runs in the worker.
 */
import type { LocalizedText } from '../../i18n/locale';

/** A failed check, with zh/en text for the UI. */
export class PlotConflictError extends Error {
  constructor(readonly messages: LocalizedText) {
    super(messages.en);
    this.name = 'PlotConflictError';
  }
}
