/**
 * Hostile FlatGeobuf files: cut short, lying header sizes, a spatial index without features. Each
 * used to loop for ever inside flatgeobuf (calcTreeSize) or read past the end; now each ends in a
 * typed error naming the file, within the watchdog's time limit. Run in a worker thread so that a
 * regression fails the test instead of hanging it.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { api } from '../../src/workers/statistics.worker';
import { computeTownshipStatistics } from '../../src/workers/statistics-client';
import { installFakeWorker } from './fixtures/fake-worker';
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

describe('the statistics job reads FlatGeobuf through io, which checks the framing first', () => {
  it('answers a 0-feature file with an index with an error naming the layer (it used to hang)', async () => {
    const workers = installFakeWorker(api);
    try {
      const error = await computeTownshipStatistics({ zones: validFlatGeobuf(), layers: [{ id: 'subcompartments', source: flatGeobufHeaderOnly(0, 16) }] }).catch((thrown: unknown) => thrown);
      expect(error).toMatchObject({
        messages: { en: 'subcompartments: the FlatGeobuf file is damaged: the header declares a spatial index but 0 features' },
      });
    } finally {
      workers.restore();
    }
  });
});
