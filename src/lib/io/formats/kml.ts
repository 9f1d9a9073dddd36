/**
 * KML and KMZ (Google Earth, Ovi Interactive Map 奥维互动地图) via @tmcw/togeojson. Folders are
 * kept as a `folder` attribute ('Parent/Child'); togeojson already turns styles into simplestyle
 * attributes (stroke, fill, fill-opacity, icon…) and keeps `styleUrl` and ExtendedData.
 * KML is WGS84 by definition; data copied from Chinese web maps may be GCJ-02 (pass options.crs).
 */
import { kmlWithFolders } from '@tmcw/togeojson';
import type { Feature } from 'geojson';
import { fail } from '../errors';
import { extensionOf, stemOf } from '../file-names';
import { hasXmlRoot } from '../text-sniff';
import { decodeXml, parseXml } from '../xml';
import { checkXmlText } from '../xml-guard';
import { isZip, unzipArchive, zipEntryNames } from '../zip';
import type { DeclaredCrs, FileGroup, FormatModule, RawLayer, ReadContext } from './format';

type Node = ReturnType<typeof kmlWithFolders> | ReturnType<typeof kmlWithFolders>['children'][number];

/** KML's CRS is fixed by the standard. */
export const KML_CRS: DeclaredCrs = {
  kind: 'code',
  code: 'EPSG:4326',
  source: 'format',
  reason: {
    zh: 'KML规定使用WGS84经纬度；若坐标取自国内网络地图（高德、腾讯、奥维默认图层）则为GCJ-02，仅凭坐标无法判断，请指定',
    en: 'KML is WGS84 by definition; coordinates taken from Chinese web maps (Amap, Tencent, Ovi default layers) are GCJ-02, which cannot be detected: choose it if so',
  },
};

function flatten(node: Node, path: string[], out: Feature[]): void {
  if (node.type === 'Feature') {
    if (!node.geometry) return;
    const properties = { ...(node.properties ?? {}) };
    if (path.length > 0) properties.folder = path.join('/');
    out.push({ ...node, geometry: node.geometry, properties });
    return;
  }
  const name = node.type === 'folder' ? String(node.meta.name ?? '').trim() : '';
  const nextPath = node.type === 'folder' && name !== '' ? [...path, name] : path;
  for (const child of node.children) flatten(child, nextPath, out);
}

/** Reads one KML document's text into features (folders flattened into a `folder` attribute). */
export function kmlFeatures(bytes: Uint8Array, file: string): Feature[] {
  const text = decodeXml(bytes);
  checkXmlText(text, file);
  const document = parseXml(text, file);
  const features: Feature[] = [];
  flatten(kmlWithFolders(document), [], features);
  if (features.length === 0) fail('no-features', file, { format: 'KML' });
  return features;
}

async function readKml(group: FileGroup, context: ReadContext): Promise<RawLayer[]> {
  const features = kmlFeatures(group.main.bytes, group.name);
  context.progress(0.9);
  return [{ name: stemOf(group.name), format: 'kml', files: [group.name], collection: { type: 'FeatureCollection', features }, declaredCrs: KML_CRS }];
}

async function readKmz(group: FileGroup, context: ReadContext): Promise<RawLayer[]> {
  const entries = unzipArchive(group.main.bytes, group.name, ['kml']);
  if (entries.length === 0) fail('archive-without-data', group.name);
  // doc.kml is the main document by convention; other .kml files are read as further layers.
  entries.sort((a, b) => Number(stemOf(b.name).toLowerCase() === 'doc') - Number(stemOf(a.name).toLowerCase() === 'doc'));
  const layers: RawLayer[] = [];
  for (const entry of entries) {
    context.checkCancelled();
    const features = kmlFeatures(entry.bytes, `${group.name}/${entry.name}`);
    const name = entries.length === 1 ? stemOf(group.name) : `${stemOf(group.name)}/${stemOf(entry.name)}`;
    layers.push({ name, format: 'kmz', files: [group.name], collection: { type: 'FeatureCollection', features }, declaredCrs: KML_CRS });
  }
  return layers;
}

/** KML format module. */
export const kmlFormat: FormatModule = {
  id: 'kml',
  name: { zh: 'KML', en: 'KML' },
  extensions: ['kml'],
  mimeTypes: ['application/vnd.google-earth.kml+xml'],
  detect: (bytes) => hasXmlRoot(bytes, /^(?:\w+:)?kml$/i),
  read: readKml,
};

/** KMZ (zipped KML) format module. */
export const kmzFormat: FormatModule = {
  id: 'kmz',
  name: { zh: 'KMZ', en: 'KMZ' },
  extensions: ['kmz'],
  mimeTypes: ['application/vnd.google-earth.kmz'],
  detect: (bytes) => isZip(bytes) && zipEntryNames(bytes).some((name) => extensionOf(name) === 'kml'),
  read: readKmz,
};
