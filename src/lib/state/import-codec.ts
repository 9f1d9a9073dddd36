/**
 * The compact chunk form of imported features (Float64 coordinates + JSON attributes) lives in
 * src/lib/io/feature-chunks.ts: the import worker produces it and IndexedDB stores it as is.
 */
export * from '../io/feature-chunks';
