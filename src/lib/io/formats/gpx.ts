/**
 * GPX (GPS receivers, phone track apps) via @tmcw/togeojson: tracks and routes become lines,
 * waypoints points. Each feature gets `gpx_type` ('track', 'route' or 'waypoint').
 */
import { gpx } from '@tmcw/togeojson';
import type { Feature } from 'geojson';
import { fail } from '../errors';
import { stemOf } from '../file-names';
import { hasXmlRoot } from '../text-sniff';
import { decodeXml, parseXml } from '../xml';
import { checkXmlText } from '../xml-guard';
import type { FileGroup, FormatModule, RawLayer, ReadContext } from './format';

const GPX_TYPE: Record<string, string> = { trk: 'track', rte: 'route' };

async function read(group: FileGroup, context: ReadContext): Promise<RawLayer[]> {
  const text = decodeXml(group.main.bytes);
  checkXmlText(text, group.name);
  const document = parseXml(text, group.name);
  const features: Feature[] = gpx(document)
    .features.filter((feature) => feature.geometry)
    .map((feature) => {
      const { _gpxType, ...properties } = (feature.properties ?? {}) as Record<string, unknown>;
      const type = typeof _gpxType === 'string' ? (GPX_TYPE[_gpxType] ?? _gpxType) : 'waypoint';
      return { ...feature, properties: { ...properties, gpx_type: type } };
    });
  if (features.length === 0) fail('no-features', group.name, { format: 'GPX' });
  context.progress(0.9);
  return [
    {
      name: stemOf(group.name),
      format: 'gpx',
      files: [group.name],
      collection: { type: 'FeatureCollection', features },
      declaredCrs: { kind: 'code', code: 'EPSG:4326', source: 'format', reason: { zh: 'GPX规定使用WGS84经纬度', en: 'GPX is WGS84 by definition' } },
    },
  ];
}

/** GPX format module. */
export const gpxFormat: FormatModule = {
  id: 'gpx',
  name: { zh: 'GPX', en: 'GPX' },
  extensions: ['gpx'],
  mimeTypes: ['application/gpx+xml'],
  detect: (bytes) => hasXmlRoot(bytes, /^gpx$/i),
  read,
};
