/**
 * Zip bombs: a KMZ of ~300 KB that inflates to 300 MB, a zipped "shapefile" of ~400 KB that
 * inflates to 400 MB, and archives whose declared sizes lie. Each is refused with a typed error
 * before (or while) inflating, never by inflating everything first.
 */
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { importFiles } from '../../src/lib/io/import-files';
import { inflateArchive, MAX_INFLATED_BYTES } from '../../src/lib/io/zip';
import { ImportError } from '../../src/lib/io/errors';
import { gbkShapefile4524 } from './fixtures/io/fixtures';

const MB = 1024 * 1024;

/** A zip whose entry `name` is `size` bytes of one repeated character (compresses ~1000:1). */
function bomb(entries: Record<string, number>): Uint8Array {
  return zipSync(Object.fromEntries(Object.entries(entries).map(([name, size]) => [name, [new Uint8Array(size).fill(0x20), { level: 9 }]])) as never);
}

/** Rewrites every declared uncompressed size (local and central headers) of a zip. */
function lieAboutSizes(zip: Uint8Array, size: number): Uint8Array {
  const copy = zip.slice();
  const view = new DataView(copy.buffer);
  for (let offset = 0; offset + 4 <= copy.length; offset++) {
    const signature = view.getUint32(offset, true);
    if (signature === 0x04034b50) view.setUint32(offset + 22, size, true);
    if (signature === 0x02014b50) view.setUint32(offset + 24, size, true);
  }
  return copy;
}

describe('zip bombs', () => {
  it('a 300 MB KMZ is refused from its declared size, naming the file', async () => {
    const kmz = bomb({ 'doc.kml': 300 * MB });
    expect(kmz.length).toBeLessThan(400 * 1024);
    const result = await importFiles([{ name: '炸弹.kmz', bytes: kmz }]);
    expect(result.layers).toEqual([]);
    expect(result.errors.map((error) => error.code)).toEqual(['archive-too-large']);
    expect(result.errors[0]!.message.en).toMatch(/^炸弹\.kmz: the archive inflates too far/);
  });

  it('a 400 MB zipped shapefile is refused before anything inflates it', async () => {
    const zip = bomb({ 'a.shp': 200 * MB, 'a.dbf': 200 * MB });
    const result = await importFiles([{ name: 'bomb.zip', bytes: zip }]);
    expect(result.errors.map((error) => error.code)).toEqual(['archive-too-large']);
  });

  it('an archive that lies about its sizes is stopped while inflating', () => {
    const zip = lieAboutSizes(bomb({ 'doc.kml': 50 * MB }), 1000);
    expect(() => inflateArchive(zip, 'liar.kmz', ['kml'])).toThrow(ImportError);
    try {
      inflateArchive(zip, 'liar.kmz', ['kml']);
    } catch (error) {
      expect((error as ImportError).failure.code).toBe('archive-too-large');
    }
  });

  it('only the entries needed are inflated (an image next to a shapefile is skipped)', async () => {
    const parts = await gbkShapefile4524();
    const zip = zipSync({
      ...Object.fromEntries(parts.map((part) => [part.name, part.bytes])),
      'photo.jpg': [new Uint8Array(MAX_INFLATED_BYTES / 16), { level: 1 }],
    } as never);
    const result = await importFiles([{ name: '小班.zip', bytes: zip }]);
    expect(result.errors).toEqual([]);
    expect(result.layers).toHaveLength(1);
  });
});

describe('damaged headers found by fuzzing', () => {
  it('a zip64 extra field that runs past the file is a truncated zip, not a RangeError', async () => {
    const zip = zipSync({ 'a.kml': new TextEncoder().encode('<kml/>') } as never);
    const view = new DataView(zip.buffer);
    let central = -1;
    for (let offset = 0; offset + 4 <= zip.length; offset++) if (view.getUint32(offset, true) === 0x02014b50) central = offset;
    // The central entry says its local header is in a zip64 extra field of 60,000 bytes.
    view.setUint32(central + 42, 0xffffffff, true);
    view.setUint16(central + 30, 60_000, true);
    const nameLength = view.getUint16(central + 28, true);
    view.setUint16(central + 46 + nameLength, 0x0001, true);
    view.setUint16(central + 48 + nameLength, 60_000, true);
    const result = await importFiles([{ name: 'damaged.kmz', bytes: zip }]);
    expect(result.errors.map((error) => error.code)).toEqual(['truncated-zip']);
  });

  it('a shapefile record with a negative length ends the records, with a typed error', async () => {
    const parts = await gbkShapefile4524();
    const shp = parts.find((part) => part.name.endsWith('.shp'))!;
    const bytes = shp.bytes.slice();
    new DataView(bytes.buffer).setInt32(100 + 4, -4); // the first record's content length: −8 bytes
    const result = await importFiles(parts.map((part) => (part === shp ? { ...part, bytes } : part)));
    expect(result.layers).toEqual([]);
    expect(result.errors.map((error) => error.code)).toEqual(['no-features']);
  });
});
