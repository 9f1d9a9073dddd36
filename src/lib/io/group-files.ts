/**
 * Groups input files for reading: shapefile parts (.shp/.shx/.dbf/.prj/.cpg …) by path without
 * extension (case-insensitive), every other file on its own. Zip archives are expanded first so a
 * zipped shapefile, or a zip of several layers, goes through the same grouping.
 */
import { ImportError, importFailure, type ImportFailure } from './errors';
import { extensionOf, pathWithoutExtension } from './file-names';
import { identifyFile, SHAPEFILE_SIDECARS } from './formats';
import type { FileGroup, FormatModule } from './formats/format';
import { shapefileFormat } from './formats/shapefile';
import { unzipArchive } from './zip';
import type { ImportFile, ImportWarning } from './types';

/** A group ready to read with its format. */
export interface ReadableGroup extends FileGroup {
  readonly format: FormatModule;
}

export interface Grouping {
  readonly groups: ReadableGroup[];
  readonly errors: ImportFailure[];
  readonly warnings: ImportWarning[];
}

const SHAPE_MAIN = new Set(['shp', 'dbf']);

/** Expands zips (one level) into their entries, named 'archive.zip/entry'. */
function expandArchives(files: readonly ImportFile[], errors: ImportFailure[], warnings: ImportWarning[]): Array<ImportFile & { fromArchive?: string }> {
  const out: Array<ImportFile & { fromArchive?: string }> = [];
  for (const file of files) {
    const extension = extensionOf(file.name);
    if (SHAPE_MAIN.has(extension) || SHAPEFILE_SIDECARS.has(extension)) {
      out.push(file);
      continue;
    }
    try {
      if (file.bytes.length > 0 && identifyFile(file).kind === 'zip') {
        const entries = unzipArchive(file.bytes, file.name).filter((entry) => {
          if (extensionOf(entry.name) !== 'zip') return true;
          warnings.push({ file: `${file.name}/${entry.name}`, message: { zh: '压缩包内的压缩包未读取', en: 'archives inside archives are not read' } });
          return false;
        });
        const readable = entries.filter((entry) => entry.bytes.length > 0 && isReadable(entry));
        if (readable.length === 0) throw new ImportError(importFailure('archive-without-data', file.name));
        for (const entry of readable) out.push({ name: `${file.name}/${entry.name}`, bytes: entry.bytes, fromArchive: file.name });
        continue;
      }
    } catch (error) {
      if (error instanceof ImportError) {
        errors.push(error.failure);
        continue;
      }
      throw error;
    }
    out.push(file);
  }
  return out;
}

/** True for archive entries worth reading (GIS data, not images, readmes or metadata). */
function isReadable(entry: ImportFile): boolean {
  const extension = extensionOf(entry.name);
  if (SHAPE_MAIN.has(extension) || SHAPEFILE_SIDECARS.has(extension)) return true;
  if (extension === 'xml' || extension === 'txt' || extension === 'md' || extension === 'pdf') return false;
  try {
    return identifyFile(entry).kind === 'format';
  } catch {
    return false;
  }
}

/**
 * Groups files for reading. Files that cannot be identified become errors; lone sidecars
 * (.prj or .cpg without .shp/.dbf) become warnings.
 */
export function groupFiles(files: readonly ImportFile[]): Grouping {
  const errors: ImportFailure[] = [];
  const warnings: ImportWarning[] = [];
  const expanded = expandArchives(files, errors, warnings);
  const shapeParts = new Map<string, Map<string, ImportFile>>();
  const groups: ReadableGroup[] = [];
  const order: Array<{ key?: string; group?: ReadableGroup }> = [];
  for (const file of expanded) {
    const extension = extensionOf(file.name);
    if (SHAPE_MAIN.has(extension) || SHAPEFILE_SIDECARS.has(extension)) {
      const key = pathWithoutExtension(file.name).toLowerCase();
      if (!shapeParts.has(key)) {
        shapeParts.set(key, new Map());
        order.push({ key });
      }
      shapeParts.get(key)!.set(extension, file);
      continue;
    }
    try {
      const kind = identifyFile(file);
      if (kind.kind === 'zip') throw new ImportError(importFailure('archive-without-data', file.name));
      if (kind.note) warnings.push({ file: file.name, message: kind.note });
      order.push({ group: { name: file.name, main: file, parts: new Map(), format: kind.format } });
    } catch (error) {
      if (!(error instanceof ImportError)) throw error;
      errors.push(error.failure);
    }
  }
  for (const entry of order) {
    if (entry.group) {
      groups.push(entry.group);
      continue;
    }
    const parts = shapeParts.get(entry.key!)!;
    const main = parts.get('shp') ?? parts.get('dbf');
    if (!main) {
      for (const part of parts.values()) {
        warnings.push({ file: part.name, message: { zh: '没有同名的.shp或.dbf，已忽略', en: 'no .shp or .dbf with the same name: ignored' } });
      }
      continue;
    }
    if (main.bytes.length === 0) {
      errors.push(importFailure('empty-file', main.name));
      continue;
    }
    const sidecars = new Map([...parts].filter(([extension]) => extension !== extensionOf(main.name)));
    groups.push({ name: main.name, main, parts: sidecars, format: shapefileFormat });
  }
  return { groups, errors, warnings };
}
