/**
 * Geometry validation and repair (see validation/ for the checks and the repair rules).
 */
export { describeIssueCode, makeIssue, type Severity, type ValidationCode, type ValidationIssue } from './validation/issues';
export {
  featureIdOf,
  validateFeatureCollection,
  validateGeometry,
  type FeatureContext,
  type ValidationReport,
} from './validation/validate-geometry';
export { repairGeometry, type RepairAction, type RepairResult } from './validation/repair';
