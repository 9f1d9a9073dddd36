/**
 * Hostile FlatGeobuf files: cut short, lying header sizes, a spatial index without features. Each
 * used to loop for ever inside flatgeobuf (calcTreeSize) or read past the end; now each ends in a
 * typed error naming the file, within the watchdog's time limit. Run in a worker thread so that a
 * regression fails the test instead of hanging it.
 */
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import type { StatisticsWorkerResponse } from '../../src/lib/geo/overlay/job';
import { checkFlatGeobufHeader } from '../../src/lib/io/flatgeobuf-header';
import { ImportError } from '../../src/lib/io/errors';
import { IsolatedImporter } from '../fuzz/isolated-import';
import { flatGeobufHeaderOnly, validFlatGeobuf, withHeaderSize } from './hostile/fgb-builders';

const pool = new IsolatedImporter({ size: 1, timeoutMs: 5000 });
afterAll(() => pool.close());

const CASES: Array<[string, () => Uint8Array]> = [
  ['cut to 12 bytes', () => validFlatGeobuf().slice(0, 12)],
  ['cut to 20 bytes', () => validFlatGeobuf().slice(0, 20)],
  ['cut to 8 bytes (magic only)', () => validFlatGeobuf().slice(0, 8)],
  ['a header with 0 features and a spatial index', () => flatGeobufHeaderOnly(0, 16)],
  ['a header size beyond the end of the file', () => withHeaderSize(validFlatGeobuf(), 0x7fffffff)],
  ['a header size of 0', () => withHeaderSize(validFlatGeobuf(), 0)],
  ['an index for 1,000,000 features in a file of 100 bytes', () => flatGeobufHeaderOnly(1_000_000, 16)],
];

describe('hostile FlatGeobuf files', () => {
  it.each(CASES)('%s: a typed error naming the file, not a hang', async (_label, build) => {
    const outcome = await pool.run([{ name: '坏.fgb', bytes: build() }]);
    expect(outcome).toMatchObject({ kind: 'typed-error', codes: ['flatgeobuf-damaged'] });
  });

  it('says what is wrong in zh and en, naming the file', async () => {
    const outcome = await pool.run([{ name: '坏.fgb', bytes: flatGeobufHeaderOnly(0, 16) }]);
    expect(outcome).toMatchObject({
      messages: [
        {
          zh: '坏.fgb：FlatGeobuf文件已损坏：文件头声明了空间索引，但要素数为0',
          en: '坏.fgb: the FlatGeobuf file is damaged: the header declares a spatial index but 0 features',
        },
      ],
    });
  });

  it('the pure header check accepts a valid file and rejects a cut one', () => {
    expect(checkFlatGeobufHeader(validFlatGeobuf(), 'a.fgb')).toMatchObject({ featuresCount: 2 });
    expect(() => checkFlatGeobufHeader(validFlatGeobuf().slice(0, 20), 'a.fgb')).toThrow(ImportError);
  });

  it('a valid file still imports', async () => {
    const outcome = await pool.run([{ name: 'ok.fgb', bytes: validFlatGeobuf() }]);
    expect(outcome).toMatchObject({ kind: 'features', features: 2 });
  });
});

describe('the statistics worker checks FlatGeobuf framing through io before the geo core decodes it', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.resetModules();
  });

  it('answers a 0-feature file with an index with an error naming the layer (it used to hang)', async () => {
    const posted: StatisticsWorkerResponse[] = [];
    const scope = { onmessage: null as ((event: { data: unknown }) => void) | null, postMessage: (message: StatisticsWorkerResponse) => posted.push(message) };
    vi.stubGlobal('self', scope);
    await import('../../src/workers/statistics.worker');
    scope.onmessage!({ data: { type: 'compute', request: { zones: validFlatGeobuf(), layers: [{ id: 'subcompartments', source: flatGeobufHeaderOnly(0, 16) }] } } });
    await vi.waitFor(() => expect(posted.some((message) => message.type === 'error')).toBe(true));
    expect(posted.find((message) => message.type === 'error')).toMatchObject({
      message: { en: 'subcompartments: the FlatGeobuf file is damaged: the header declares a spatial index but 0 features' },
    });
  });
});
