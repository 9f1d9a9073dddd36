/** Line geometry helpers for corridors, free of Turf so the page can use them cheaply. */
import type { LineString, MultiLineString, Position } from 'geojson';

/** The parts of a line geometry (a river may be several LineStrings). */
export function lineParts(geometry: LineString | MultiLineString): Position[][] {
  return geometry.type === 'LineString' ? [geometry.coordinates] : geometry.coordinates;
}
