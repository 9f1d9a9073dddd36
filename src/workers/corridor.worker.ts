/**
 * The corridor tool's computation off the main thread (src/lib/state/corridors/corridor-analysis.ts):
 * one long-lived worker, so the catalog layers it reads stay in memory between width changes.
 */
// The English texts too (the page loads them only with the English UI): messages made here are read in either language.
import '../lib/i18n/english';
import { CorridorAnalysisSession, type CorridorAnalysisRequest, type CorridorProgress } from '../lib/state/corridors/corridor-analysis';
import { exposeApi } from './rpc';

const session = new CorridorAnalysisSession();

/** Exported for the unit tests, which run it behind a stand-in Worker. */
export const api = {
  analyse: (request: CorridorAnalysisRequest, onProgress?: (progress: CorridorProgress) => void) => session.analyse(request, onProgress),
};

export type CorridorWorkerApi = typeof api;
exposeApi(api);
