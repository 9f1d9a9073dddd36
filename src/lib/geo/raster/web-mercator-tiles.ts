/**
 * Web Mercator (EPSG:3857) tile arithmetic of the XYZ scheme MapLibre, Tianditu's _w services
 * and OpenStreetMap use: tile (z, x, y) covers 2^-z of the world's width, y counted from the north.
 */

/** Latitude limit of the square Web Mercator world. */
export const WEB_MERCATOR_MAX_LATITUDE = 85.0511287798066;

/** Longitude and latitude (degrees) of a fractional tile coordinate. */
export function tileCoordinateToLonLat(z: number, tileX: number, tileY: number): [number, number] {
  const tiles = 2 ** z;
  const lon = (tileX / tiles) * 360 - 180;
  const mercatorY = Math.PI * (1 - (2 * tileY) / tiles);
  const lat = (Math.atan(Math.sinh(mercatorY)) * 180) / Math.PI;
  return [lon, lat];
}

/** Fractional tile coordinate of a longitude/latitude at zoom z. */
export function lonLatToTileCoordinate(z: number, lon: number, lat: number): [number, number] {
  const tiles = 2 ** z;
  const clamped = Math.max(-WEB_MERCATOR_MAX_LATITUDE, Math.min(WEB_MERCATOR_MAX_LATITUDE, lat));
  const radians = (clamped * Math.PI) / 180;
  const x = ((lon + 180) / 360) * tiles;
  const y = ((1 - Math.log(Math.tan(radians) + 1 / Math.cos(radians)) / Math.PI) / 2) * tiles;
  return [x, y];
}

/** West, south, east, north of a tile in degrees. */
export function tileBounds(z: number, x: number, y: number): [number, number, number, number] {
  const [west, north] = tileCoordinateToLonLat(z, x, y);
  const [east, south] = tileCoordinateToLonLat(z, x + 1, y + 1);
  return [west, south, east, north];
}

/** Ground size of one pixel of a 256-pixel tile at a latitude, in metres (WGS84 equator). */
export function tilePixelSizeMetres(z: number, lat: number, tileSize = 256): number {
  return (2 * Math.PI * 6378137 * Math.cos((lat * Math.PI) / 180)) / (tileSize * 2 ** z);
}
