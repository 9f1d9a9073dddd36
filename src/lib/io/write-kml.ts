/**
 * KML 2.2 writer for Google Earth and Ovi Interactive Map (奥维): one Placemark per feature with
 * <name>, a <description> listing the attributes, the attributes again as ExtendedData, and one
 * shared style. Coordinates are WGS84 (KML's only CRS).
 */
import type { Feature, FeatureCollection, Geometry, Position } from 'geojson';
import { xmlSafe } from './xml-text';

export interface KmlStyle {
  /** Line colour as #rrggbb; default '#d7301f'. */
  readonly stroke?: string;
  readonly strokeWidth?: number;
  /** Fill colour as #rrggbb; default '#fc8d59'. */
  readonly fill?: string;
  /** 0–1; default 0.35. */
  readonly fillOpacity?: number;
}

export interface KmlOptions {
  /** Document name shown in Google Earth's places list. */
  readonly name?: string;
  /** Property holding each placemark's name; default: the first of name/名称/NAME/title. */
  readonly nameField?: string;
  readonly style?: KmlStyle;
}

/** Escapes text for XML content and attributes, dropping characters XML forbids. */
export function escapeXml(text: string): string {
  return xmlSafe(text).replace(/[<>&"']/g, (char) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[char]!);
}

/** #rrggbb + opacity → KML's aabbggrr. */
function kmlColour(hex: string, opacity: number): string {
  const match = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex) ?? ['', 'ff', '00', '00'];
  const alpha = Math.round(Math.min(1, Math.max(0, opacity)) * 255).toString(16).padStart(2, '0');
  return `${alpha}${match[3]}${match[2]}${match[1]}`.toLowerCase();
}

const coordinates = (positions: readonly Position[]) => `<coordinates>${positions.map((p) => `${p[0]},${p[1]}`).join(' ')}</coordinates>`;

function ringXml(ring: readonly Position[]): string {
  return `<LinearRing>${coordinates(ring)}</LinearRing>`;
}

function polygonXml(rings: readonly Position[][]): string {
  const [outer, ...holes] = rings;
  if (!outer) return '';
  return `<Polygon><outerBoundaryIs>${ringXml(outer)}</outerBoundaryIs>${holes.map((hole) => `<innerBoundaryIs>${ringXml(hole)}</innerBoundaryIs>`).join('')}</Polygon>`;
}

/** KML geometry element of a GeoJSON geometry ('' for null). */
function geometryXml(geometry: Geometry | null): string {
  if (!geometry) return '';
  switch (geometry.type) {
    case 'Point':
      return `<Point>${coordinates([geometry.coordinates])}</Point>`;
    case 'LineString':
      return `<LineString><tessellate>1</tessellate>${coordinates(geometry.coordinates)}</LineString>`;
    case 'Polygon':
      return polygonXml(geometry.coordinates);
    case 'MultiPoint':
      return `<MultiGeometry>${geometry.coordinates.map((p) => `<Point>${coordinates([p])}</Point>`).join('')}</MultiGeometry>`;
    case 'MultiLineString':
      return `<MultiGeometry>${geometry.coordinates.map((line) => geometryXml({ type: 'LineString', coordinates: line })).join('')}</MultiGeometry>`;
    case 'MultiPolygon':
      return `<MultiGeometry>${geometry.coordinates.map(polygonXml).join('')}</MultiGeometry>`;
    case 'GeometryCollection':
      return `<MultiGeometry>${geometry.geometries.map(geometryXml).join('')}</MultiGeometry>`;
  }
}

const NAME_FIELDS = ['name', '名称', 'NAME', 'Name', 'title', '地块名称'];

function text(value: unknown): string {
  return value === null || value === undefined ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value);
}

function placemark(feature: Feature, index: number, nameField: string | undefined): string {
  const properties = feature.properties ?? {};
  const field = nameField ?? NAME_FIELDS.find((candidate) => properties[candidate] !== undefined && properties[candidate] !== null);
  const name = field ? text(properties[field]) : `${index + 1}`;
  const entries = Object.entries(properties);
  const description = entries.map(([key, value]) => `${escapeXml(key)}: ${escapeXml(text(value))}`).join('<br/>');
  const data = entries.map(([key, value]) => `<Data name="${escapeXml(key)}"><value>${escapeXml(text(value))}</value></Data>`).join('');
  return (
    `<Placemark><name>${escapeXml(name)}</name>` +
    (description ? `<description><![CDATA[${description}]]></description>` : '') +
    `<styleUrl>#feature</styleUrl>` +
    (data ? `<ExtendedData>${data}</ExtendedData>` : '') +
    `${geometryXml(feature.geometry)}</Placemark>`
  );
}

/**
 * Serialises a WGS84 FeatureCollection as a KML document.
 *
 * @example
 * writeKml(plots, { name: '2023年造林地块', nameField: '地块名称' })
 */
export function writeKml(collection: FeatureCollection, options: KmlOptions = {}): string {
  const style = options.style ?? {};
  const styleXml =
    `<Style id="feature"><LineStyle><color>${kmlColour(style.stroke ?? '#d7301f', 1)}</color><width>${style.strokeWidth ?? 2}</width></LineStyle>` +
    `<PolyStyle><color>${kmlColour(style.fill ?? '#fc8d59', style.fillOpacity ?? 0.35)}</color></PolyStyle></Style>`;
  const placemarks = collection.features.map((feature, index) => placemark(feature, index, options.nameField)).join('\n');
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<kml xmlns="http://www.opengis.net/kml/2.2"><Document>` +
    `<name>${escapeXml(options.name ?? 'export')}</name>${styleXml}\n${placemarks}\n</Document></kml>\n`
  );
}
