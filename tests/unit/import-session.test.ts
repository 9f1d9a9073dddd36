/**
 * The import workflow's state with the io layer run in-process (the worker is only wiring, tested
 * in io-worker.test.ts): preview, errors, re-reading one layer with another encoding or CRS,
 * cancelling, and adding the chosen layers.
 */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { zipSync } from 'fflate';
import { importFiles } from '../../src/lib/io/import-files';
import { importFailure } from '../../src/lib/io/errors';
import type { ImportFile, ImportResult } from '../../src/lib/io/types';
import type { ImportSource, ImportTask, StartImportOptions } from '../../src/workers/import-client';
import { brokenFiles, gbkShapefile4524, PLOT_COLLECTION } from './fixtures/io/fixtures';

// Runes are compiled by Svelte in the app; inert stand-ins are enough for this state's logic.
const runes = Object.assign(<T>(value: T) => value, { raw: <T>(value: T) => value });
Object.assign(globalThis, { $state: runes, $derived: <T>(value: T) => value });
const { ImportSession, sourcesOfLayer } = await import('../../src/lib/state/import-session.svelte');

/** Runs importFiles on the current thread, like the worker does. */
function inProcess(calls: StartImportOptions[] = []) {
  return (files: ArrayLike<ImportSource>, options: StartImportOptions = {}): ImportTask => {
    calls.push(options);
    return { result: importFiles(Array.from(files) as ImportFile[], options), cancel: () => undefined };
  };
}

async function inputs(): Promise<ImportFile[]> {
  const parts = await gbkShapefile4524();
  const zip: ImportFile = { name: '小班.zip', bytes: zipSync(Object.fromEntries(parts.map((part) => [part.name, part.bytes]))) };
  const geojson: ImportFile = { name: '地块.geojson', bytes: new TextEncoder().encode(JSON.stringify(PLOT_COLLECTION)) };
  return [zip, geojson, (await brokenFiles()).invalidJson];
}

describe('import session', () => {
  it('previews every readable layer and lists the file that failed with its exact message', async () => {
    const session = new ImportSession(inProcess());
    await session.open(await inputs());
    expect(session.stage).toBe('preview');
    expect(session.layers.map((preview) => preview.layer.name)).toEqual(['小班', '地块']);
    expect(session.errors.map((error) => error.message)).toEqual([importFailure('invalid-json', '坏的.geojson', { line: 3, column: 16 }).message]);
    const plots = session.layers[0]!;
    expect(plots.layer.crs).toMatchObject({ code: 'EPSG:4524', source: 'prj' });
    expect(plots.layer.encoding?.encoding).toBe('gbk');
    expect(plots.suggestedRole).toBe('subcompartments');
    expect(plots.assignment.role).toBe('reference');
    expect(plots.include).toBe(true);
    expect(plots.sources.map((source) => source.name)).toEqual(['小班.zip']);
  });

  it('re-reads only that layer’s files with another encoding, showing its preview rows at once', async () => {
    const calls: StartImportOptions[] = [];
    const session = new ImportSession(inProcess(calls));
    await session.open(await inputs());
    const key = session.layers[0]!.key;
    const rereading = session.chooseEncoding(key, 'utf-8');
    expect(session.layers[0]!.previewEncoding).toBe('utf-8');
    expect(session.layers[0]!.busy).toBe(true);
    await rereading;
    const plots = session.layers[0]!;
    expect(plots.busy).toBe(false);
    expect(plots.choice.encoding).toBe('utf-8');
    expect(plots.layer.encoding).toMatchObject({ encoding: 'utf-8', source: 'option' });
    expect(String(plots.layer.collection.features[1]!.properties!.YOU_SHI_SZ)).not.toBe('金丝楠木');
    expect(calls.at(-1)).toMatchObject({ encoding: 'utf-8', invalid: 'keep' });
    // The other layer is untouched.
    expect(session.layers[1]!.layer.name).toBe('地块');

    await session.chooseEncoding(key, 'gbk');
    expect(session.layers[0]!.layer.collection.features[1]!.properties!.YOU_SHI_SZ).toBe('金丝楠木');
  });

  it('re-reads a layer in another coordinate system and keeps the previous reading when that fails', async () => {
    const session = new ImportSession(inProcess());
    await session.open(await inputs());
    const key = session.layers[0]!.key;
    const before = session.layers[0]!.layer.collection.features[0]!.geometry;
    await session.reread(key, { crs: 'EPSG:2360' });
    const xian = session.layers[0]!;
    expect(xian.layer.crs).toMatchObject({ code: 'EPSG:2360', source: 'option' });
    expect(xian.layer.collection.features[0]!.geometry).not.toEqual(before);

    await session.chooseEncoding(key, 'no-such-encoding');
    const failed = session.layers[0]!;
    expect(failed.error?.code).toBe('unknown-encoding');
    expect(failed.layer.crs.code).toBe('EPSG:2360');
    expect(failed.choice.encoding).toBeNull();
  });

  it('goes back to where it was when the reading is cancelled', async () => {
    let resolve: (result: ImportResult) => void = () => undefined;
    const session = new ImportSession(() => ({
      result: new Promise<ImportResult>((settle) => (resolve = settle)),
      cancel: () => resolve({ layers: [], errors: [importFailure('cancelled', 'big.geojson')], warnings: [] }),
    }));
    const opening = session.open([{ name: 'big.geojson', bytes: new Uint8Array(10) }]);
    expect(session.stage).toBe('reading');
    expect(session.reading).toEqual(['big.geojson']);
    session.cancel();
    await opening;
    expect(session.stage).toBe('idle');
    expect(session.errors).toEqual([]);
    expect(session.reading).toEqual([]);
  });

  it('adds only the included layers, with their roles, and closes', async () => {
    const session = new ImportSession(inProcess());
    await session.open(await inputs());
    const [plots, other] = session.layers;
    session.setInclude(other!.key, false);
    session.setAssignment(plots!.key, { role: 'subcompartments', fieldMapping: { XIANG: 'XIANG', DI_LEI: 'DI_LEI' }, areaUnit: 'mu' });
    const added: Array<{ name: string; role: string }> = [];
    const target = {
      add: (layer: { name: string }, options: { assignment?: { role: string } }) => {
        added.push({ name: layer.name, role: options.assignment?.role ?? 'reference' });
        return { id: 'imported-x' };
      },
    };
    session.accept(target as never);
    expect(added).toEqual([{ name: '小班', role: 'subcompartments' }]);
    expect(session.stage).toBe('idle');
    expect(session.layers).toEqual([]);
  });

  it('finds the input files of a layer, archives included', () => {
    const files = [{ name: 'a.zip', bytes: new Uint8Array(1) }, { name: 'b.shp', bytes: new Uint8Array(1) }, { name: 'b.dbf', bytes: new Uint8Array(1) }];
    expect(sourcesOfLayer({ files: ['a.zip/x/y.shp', 'a.zip/x/y.dbf'] }, files).map((file) => file.name)).toEqual(['a.zip']);
    expect(sourcesOfLayer({ files: ['b.shp', 'b.dbf'] }, files).map((file) => file.name)).toEqual(['b.shp', 'b.dbf']);
  });
});
