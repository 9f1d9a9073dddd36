/**
 * A statistics layer given as FlatGeobuf bytes, decoded straight into flat typed arrays for the
 * engine (no GeoJSON objects), in longitude/latitude by the file's header CRS — what the app's
 * statistics worker does with the layers it is sent. Null whenever the flat reader leaves the file
 * to the checked GeoJSON reader (not plain polygons, damaged, a CRS it cannot name, a reprojected
 * coordinate not finite): the caller then decodes it the GeoJSON way, which explains any problem.
 */
import type { HeaderMeta } from 'flatgeobuf/lib/mjs/header-meta.js';
import { findCrs } from '../geo/crs/registry';
import type { FlatFeatureLayer } from '../geo/overlay/flat-layer';
import { decodeFlatFeatures, scanFlatGeobuf } from '../io/flatgeobuf-flat';
import { reprojectFlat } from './flat-part';

/** The registry code of a FlatGeobuf header's CRS ("EPSG:4545"), or null when it names none. */
export function headerCrsCode(header: HeaderMeta): string | null {
  return header.crs?.code ? `${header.crs.org ?? 'EPSG'}:${header.crs.code}` : null;
}

/**
 * Decodes a FlatGeobuf layer into flat arrays in longitude/latitude, or null (module comment).
 * @param owned the caller gives the bytes up: a layer already in longitude/latitude is then decoded
 *   in place (no fresh memory for its coordinates; the bytes are overwritten only on success).
 */
export function decodeFlatLayerSource(bytes: Uint8Array, name: string, owned: boolean): FlatFeatureLayer | null {
  const scan = scanFlatGeobuf(bytes, name);
  if (!scan) return null;
  const code = headerCrsCode(scan.header);
  const definition = code === null ? null : findCrs(code);
  if (definition === undefined) return null;
  const projected = definition !== null && definition.kind !== 'geographic';
  // Reprojecting can still fail (a result not finite): the bytes must then be intact for the GeoJSON reader.
  const layer = decodeFlatFeatures(bytes, scan, 0, scan.offsets.length - 1, { inPlace: owned && !projected });
  if (!layer) return null;
  if (projected && !reprojectFlat(layer, { code: definition.code, swapped: false })) return null;
  return layer;
}
