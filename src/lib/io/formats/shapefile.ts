/**
 * ESRI Shapefile from loose parts (.shp + .dbf, optional .shx/.prj/.cpg) grouped by base name.
 * Geometry: shpjs (no reprojection there: the .prj goes to the geo core's parser). Attributes:
 * ../dbf-read.ts with the encoding chosen from the option, the .cpg or the bytes.
 * Zipped shapefiles are unzipped by importFiles and arrive here as parts too.
 */
import type { Feature, Geometry } from 'geojson';
import { parseShp } from 'shpjs';
import { dbfHeader, dbfRecords, dbfTextBytes, previewDbf } from '../dbf-read';
import { chooseEncoding } from '../encoding-choice';
import { decodeText } from '../encoding';
import { fail } from '../errors';
import { extensionOf, stemOf } from '../file-names';
import type { ImportWarning } from '../types';
import type { FileGroup, FormatModule, RawLayer, ReadContext } from './format';

const SHP_FILE_CODE = 9994;

/** The shapes of a .shp, parsed a range of records at a time. */
interface ShpRecords {
  readonly count: number;
  geometries(start: number, end: number): Array<Geometry | null>;
}

/**
 * Finds where each record of a .shp starts (as shpjs walks them: 8-byte header with the content
 * length, a record running past the end stops the walk) and parses a range of records by handing
 * shpjs the file header followed by just those records.
 */
function shpRecords(shp: Uint8Array, file: string): ShpRecords {
  if (shp.length < 100 || new DataView(shp.buffer, shp.byteOffset, shp.byteLength).getInt32(0, false) !== SHP_FILE_CODE) {
    fail('shapefile-damaged', file, { detail: shp.length < 100 ? 'the .shp header is incomplete' : 'the .shp does not start with the shapefile file code' });
  }
  const parse = (bytes: Uint8Array) => {
    try {
      return parseShp(new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength), false);
    } catch (error) {
      fail('shapefile-damaged', file, { detail: error instanceof Error ? error.message : String(error) });
    }
  };
  // An unknown shape type is refused here, before any record is read.
  parse(shp.subarray(0, 100));
  const view = new DataView(shp.buffer, shp.byteOffset, shp.byteLength);
  const starts: number[] = [];
  let offset = 100;
  while (offset <= shp.byteLength - 8) {
    const length = view.getInt32(offset + 4) << 1;
    // A negative content length (a damaged record) ends the walk, as one running past the end does:
    // stepping back would read before the records, or loop for ever at −8.
    if (length < 0 || (length !== 0 && offset + length + 8 > shp.byteLength)) break;
    starts.push(offset);
    offset += 8 + length;
  }
  starts.push(offset);
  return {
    count: starts.length - 1,
    geometries(start, end) {
      end = Math.min(end, starts.length - 1);
      if (end <= start) return [];
      const part = new Uint8Array(100 + starts[end]! - starts[start]!);
      part.set(shp.subarray(0, 100));
      part.set(shp.subarray(starts[start]!, starts[end]!), 100);
      return parse(part);
    },
  };
}

async function read(group: FileGroup, context: ReadContext): Promise<RawLayer[]> {
  const isShp = extensionOf(group.main.name) === 'shp';
  if (!isShp) fail('shapefile-missing-shp', group.name);
  const dbf = group.parts.get('dbf');
  if (!dbf) fail('shapefile-missing-dbf', group.name);
  const warnings: ImportWarning[] = [];
  const shapes = shpRecords(group.main.bytes, group.name);
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
  const records = dbfRecords(dbf.bytes, encoding, dbf.name);
  context.progress(0.9);
  const expected = dbfHeader(dbf.bytes).records;
  if (shapes.count !== expected) {
    warnings.push({
      file: group.name,
      message: {
        zh: `.shp有${shapes.count}个图形，.dbf有${expected}条记录（文件可能不完整），按较少者读取`,
        en: `the .shp has ${shapes.count} shapes and the .dbf ${expected} records (incomplete file?); the shorter count is read`,
      },
    });
  }
  const count = Math.min(shapes.count, records.count);
  const prj = group.parts.get('prj');
  const files = [group.main.name, ...[...group.parts.values()].map((part) => part.name)];
  return [
    {
      name: stemOf(group.name),
      format: 'shapefile',
      files,
      collection: { type: 'FeatureCollection', features: [] },
      // Shapes and records are read a batch at a time: 200,000 polygons never exist as GeoJSON at once.
      lazy: {
        count,
        take: (start, end) => {
          const geometries = shapes.geometries(start, end);
          return records.read(start, end).map((properties, index): Feature => ({ type: 'Feature', properties, geometry: geometries[index] ?? null }) as Feature);
        },
      },
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
