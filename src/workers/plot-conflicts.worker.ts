/**
 * The plot conflict check off the main thread (src/lib/state/plots/conflict-check.ts), so the page
 * never stalls while a plot is drawn or edited. One long-lived worker: the session keeps the
 * layers it has read between checks.
 */
// The English texts too (the page loads them only with the English UI): messages made here are read in either language.
import '../lib/i18n/english';
import { ConflictCheckSession, type ConflictCheckRequest } from '../lib/state/plots/conflict-check';
import { exposeApi } from './rpc';

const session = new ConflictCheckSession();

/** Exported for the unit tests, which run it behind a stand-in Worker. */
export const api = { check: (request: ConflictCheckRequest) => session.check(request) };

export type PlotConflictsWorkerApi = typeof api;
exposeApi(api);
