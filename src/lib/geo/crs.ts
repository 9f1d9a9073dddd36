/**
 * Coordinate systems: the registry of named CRSs, transforms of positions and whole GeoJSON,
 * detection from bare coordinates and .prj parsing. See crs/definitions.ts for the datum caveats.
 */
export { CRS_DEFINITIONS, type CrsDefinition, type CrsKind, type DatumId, type GaussKrugerParameters } from './crs/definitions';
export { findCrs, getCrs, listCrs, UnknownCrsError, WGS84_CODE } from './crs/registry';
export { createTransform, mapGeoJsonPositions, reprojectGeoJson, type PositionTransform } from './crs/transform';
export { detectCrs, YOUYANG_EXTENT, type CrsCandidate, type Extent } from './crs/detect';
export { parsePrj, UnsupportedPrjError, type PrjResult } from './crs/prj';
