/** FlatGeobuf (.fgb): the reader in ../flatgeobuf.ts; the header's CRS code is honoured. */
import type { HeaderMeta } from 'flatgeobuf/lib/mjs/header-meta.js';
import { isFlatGeobuf, readFlatGeobuf } from '../flatgeobuf';
import { stemOf } from '../file-names';
import type { DeclaredCrs, FileGroup, FormatModule, RawLayer } from './format';

/** The CRS a FlatGeobuf header declares, if any. */
export function declaredCrsOf(header: HeaderMeta | undefined): DeclaredCrs | undefined {
  const crs = header?.crs;
  const code = crs && crs.code > 0 ? `${crs.org ?? 'EPSG'}:${crs.code}` : undefined;
  return code
    ? { kind: 'code', code, source: 'declared', reason: { zh: `FlatGeobuf文件头声明为${code}`, en: `the FlatGeobuf header says ${code}` } }
    : undefined;
}

async function read(group: FileGroup): Promise<RawLayer[]> {
  let header: HeaderMeta | undefined;
  // Throws 'flatgeobuf-damaged' naming the file and the feature.
  const collection = await readFlatGeobuf(group.main.bytes, group.name, (meta) => {
    header = meta;
  });
  const declaredCrs = declaredCrsOf(header);
  return [{ name: header?.title || stemOf(group.name), format: 'flatgeobuf', files: [group.name], collection, ...(declaredCrs ? { declaredCrs } : {}) }];
}

/** FlatGeobuf format module. */
export const flatgeobufFormat: FormatModule = {
  id: 'flatgeobuf',
  name: { zh: 'FlatGeobuf', en: 'FlatGeobuf' },
  extensions: ['fgb'],
  mimeTypes: ['application/flatgeobuf'],
  detect: (bytes) => isFlatGeobuf(bytes),
  read,
};
