/**
 * Viewing coverage of the high-risk zones and the extra-camera suggestion, off the main thread
 * (src/lib/geo/coverage/coverage-analysis.ts).
 */
import { analyseCoverage } from '../lib/geo/coverage/coverage-analysis';
import { exposeApi } from './rpc';

/** Exported for the unit tests, which run it behind a stand-in Worker. */
export const api = { analyseCoverage };

export type FireCoverageWorkerApi = typeof api;
exposeApi(api);
