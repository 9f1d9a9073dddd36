/** Rectification photos: EXIF time and GPS read from a phone-like JPEG; the resize arithmetic; base64. */
import { describe, expect, it } from 'vitest';
import { exifPosition, exifTimeToIso, readPhotoExif } from '../../src/lib/io/photo-exif';
import { bytesToBase64, fitWithin, formatBytes } from '../../src/lib/io/photo-resize';
import { withExif } from './fixtures/exif-jpeg';

const BARE_JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0, 0xff, 0xd9]);

describe('photo EXIF', () => {
  it('reads the time as written and the GPS position of a phone photo', async () => {
    const jpeg = withExif(BARE_JPEG, { dateTimeOriginal: '2026:11:30 10:15:42', lat: 28.8421, lon: 108.7735 });
    const exif = await readPhotoExif(new Blob([jpeg as BlobPart], { type: 'image/jpeg' }));
    expect(exif.takenAt).toBe('2026-11-30T10:15:42');
    expect(exif.lat).toBeCloseTo(28.8421, 4);
    expect(exif.lon).toBeCloseTo(108.7735, 4);
  });

  it('southern and western positions are negative', async () => {
    const exif = await readPhotoExif(withExif(BARE_JPEG, { dateTimeOriginal: '2026:01:02 03:04:05', lat: -33.5, lon: -70.25 }));
    expect(exif.lat).toBeCloseTo(-33.5, 4);
    expect(exif.lon).toBeCloseTo(-70.25, 4);
  });

  it('a photo without EXIF gives nulls, not an error', async () => {
    expect(await readPhotoExif(BARE_JPEG)).toEqual({ takenAt: null, lon: null, lat: null });
    expect(await readPhotoExif(new Uint8Array([1, 2, 3, 4]))).toEqual({ takenAt: null, lon: null, lat: null });
  });

  it('EXIF times: as written, with an offset when given; unset clocks and junk → null', () => {
    expect(exifTimeToIso('2026:11:30 10:15:42')).toBe('2026-11-30T10:15:42');
    expect(exifTimeToIso('2026:11:30 10:15:42', '+08:00')).toBe('2026-11-30T10:15:42+08:00');
    expect(exifTimeToIso('2026:11:30 10:15:42', 'garbage')).toBe('2026-11-30T10:15:42');
    expect(exifTimeToIso('0000:00:00 00:00:00')).toBeNull();
    expect(exifTimeToIso('yesterday')).toBeNull();
    expect(exifTimeToIso(12)).toBeNull();
  });

  it('positions: 0,0 (no fix), out of range and non-numbers are dropped', () => {
    expect(exifPosition(108.77, 28.84)).toEqual({ lon: 108.77, lat: 28.84 });
    expect(exifPosition(0, 0)).toBeNull();
    expect(exifPosition(200, 28)).toBeNull();
    expect(exifPosition(108, Number.NaN)).toBeNull();
    expect(exifPosition('108', 28)).toBeNull();
  });
});

describe('photo resize arithmetic', () => {
  it('scales the longer edge to 1600 px and never enlarges', () => {
    expect(fitWithin(4000, 3000)).toEqual({ width: 1600, height: 1200 });
    expect(fitWithin(3000, 4000)).toEqual({ width: 1200, height: 1600 });
    expect(fitWithin(800, 600)).toEqual({ width: 800, height: 600 });
    expect(fitWithin(10_000, 3)).toEqual({ width: 1600, height: 1 });
    expect(() => fitWithin(0, 100)).toThrow(/no size/);
  });

  it('base64 of large byte arrays matches Node', () => {
    const bytes = new Uint8Array(200_000).map((_, index) => (index * 7919) % 256);
    expect(bytesToBase64(bytes)).toBe(Buffer.from(bytes).toString('base64'));
  });

  it('sizes read as KB or MB', () => {
    expect(formatBytes(3 * 1024 * 1024)).toBe('3.0 MB');
    expect(formatBytes(850 * 1024)).toBe('850 KB');
  });
});
