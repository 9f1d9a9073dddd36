/**
 * Why a plot could not be written, in words a planner can act on: the browser's storage is full,
 * the database connection was closed (another tab updated the app), another tab changed the plot,
 * or the browser's own message when none of these fits.
 */
import { ConflictError } from '../persistence/revisioned-store';
import { PlotGeometryError } from './plot-repository';
import { localized, type LocalizedText } from '../../i18n';

/** The DOMException name of an IndexedDB failure (also when wrapped as `cause`). */
function errorName(error: unknown): string {
  if (error instanceof Error || error instanceof DOMException) return error.name;
  return '';
}

function errorText(error: unknown): string {
  if (error instanceof Error || error instanceof DOMException) return error.message || error.name;
  return String(error);
}

/** The reason a write failed, zh and en. */
export function describeSaveError(error: unknown): LocalizedText {
  if (error instanceof ConflictError) return localized('plot.saveError.conflict');
  if (error instanceof PlotGeometryError) return localized('plot.saveError.geometry');
  const name = errorName(error);
  const detail = errorText(error);
  if (name === 'QuotaExceededError' || /quota/i.test(detail)) return localized('plot.saveError.quota');
  if (name === 'InvalidStateError' || /clos(ed|ing)/i.test(detail)) return localized('plot.saveError.closed');
  if (name === 'VersionError') return localized('plot.saveError.version');
  if (name === 'AbortError') return localized('plot.saveError.aborted', { detail });
  return name ? localized('plot.saveError.failedNamed', { name, detail }) : localized('plot.saveError.failed', { detail });
}
