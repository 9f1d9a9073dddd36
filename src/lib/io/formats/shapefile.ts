/**
 * ESRI Shapefile from loose parts (.shp + .dbf, optional .shx/.prj/.cpg) grouped by base name.
 * Geometry: shpjs (no reprojection there: the .prj goes to the geo core's parser). Attributes:
 * ../dbf-read.ts with the encoding chosen from the option, the .cpg or the bytes.
 * Zipped shapefiles are unzipped by importFiles and arrive here as parts too.
 */
import type { Feature } from 'geojson';
import { parseShp } from 'shpjs';
import { dbfHeader, dbfTextBytes, previewDbf, readDbf } from '../dbf-read';
import { chooseEncoding } from '../encoding-choice';
import { decodeText } from '../encoding';
import { fail } from '../errors';
import { extensionOf, stemOf } from '../file-names';
import type { ImportWarning } from '../types';
import type { FileGroup, FormatModule, RawLayer, ReadContext } from './format';

const SHP_FILE_CODE = 9994;

function readGeometries(shp: Uint8Array, file: string) {
  if (shp.length < 100 || new DataView(shp.buffer, shp.byteOffset, shp.byteLength).getInt32(0, false) !== SHP_FILE_CODE) {
    fail('shapefile-damaged', file, { detail: shp.length < 100 ? 'the .shp header is incomplete' : 'the .shp does not start with the shapefile file code' });
  }
  try {
    return parseShp(new DataView(shp.buffer, shp.byteOffset, shp.byteLength), false);
  } catch (error) {
    fail('shapefile-damaged', file, { detail: error instanceof Error ? error.message : String(error) });
  }
}

async function read(group: FileGroup, context: ReadContext): Promise<RawLayer[]> {
  const isShp = extensionOf(group.main.name) === 'shp';
  if (!isShp) fail('shapefile-missing-shp', group.name);
  const dbf = group.parts.get('dbf');
  if (!dbf) fail('shapefile-missing-dbf', group.name);
  const warnings: ImportWarning[] = [];
  const geometries = readGeometries(group.main.bytes, group.name);
  context.progress(0.4);
  context.checkCancelled();
  const cpg = group.parts.get('cpg');
  const { encoding, report } = chooseEncoding(
    {
      file: group.name,
      sample: dbfTextBytes(dbf.bytes),
      ...(context.options.encoding ? { option: context.options.encoding } : {}),
      ...(cpg ? { cpg: cpg.bytes } : {}),
      preview: (candidate) => previewDbf(dbf.bytes, candidate),
    },
    warnings,
  );
  const records = readDbf(dbf.bytes, encoding, dbf.name);
  context.progress(0.9);
  const expected = dbfHeader(dbf.bytes).records;
  if (geometries.length !== expected) {
    warnings.push({
      file: group.name,
      message: {
        zh: `.shp有${geometries.length}个图形，.dbf有${expected}条记录（文件可能不完整），按较少者读取`,
        en: `the .shp has ${geometries.length} shapes and the .dbf ${expected} records (incomplete file?); the shorter count is read`,
      },
    });
  }
  const count = Math.min(geometries.length, records.length);
  const features: Feature[] = new Array(count);
  for (let index = 0; index < count; index++) {
    features[index] = { type: 'Feature', properties: records[index]!, geometry: geometries[index] ?? null } as Feature;
  }
  const prj = group.parts.get('prj');
  const files = [group.main.name, ...[...group.parts.values()].map((part) => part.name)];
  return [
    {
      name: stemOf(group.name),
      format: 'shapefile',
      files,
      collection: { type: 'FeatureCollection', features },
      encoding: report,
      warnings,
      ...(prj ? { declaredCrs: { kind: 'prj' as const, wkt: decodeText(prj.bytes, 'utf-8') } } : {}),
    },
  ];
}

/** Shapefile format module (loose parts; .zip archives are opened by importFiles first). */
export const shapefileFormat: FormatModule = {
  id: 'shapefile',
  name: { zh: 'Shapefile', en: 'Shapefile' },
  extensions: ['shp', 'dbf'],
  mimeTypes: ['application/x-esri-shape'],
  detect: (bytes) => bytes.length >= 4 && new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getInt32(0, false) === SHP_FILE_CODE,
  read,
};
