/**
 * A phone photo's EXIF: when it was taken and where (GPS), read with exifr before the browser
 * resizes the photo (re-encoding drops EXIF, so the values travel as fields of the report).
 * The time is kept as the camera wrote it (EXIF times usually carry no zone).
 */
import type exifrNamespace from 'exifr';

export interface PhotoExif {
  /** ISO-like local time "YYYY-MM-DDTHH:MM:SS", with the offset when the camera wrote one. */
  readonly takenAt: string | null;
  readonly lon: number | null;
  readonly lat: number | null;
}

const NO_EXIF: PhotoExif = { takenAt: null, lon: null, lat: null };

/** "2026:11:30 10:15:00" (+ "+08:00") → "2026-11-30T10:15:00+08:00"; anything else → null. */
export function exifTimeToIso(value: unknown, offset?: unknown): string | null {
  if (typeof value !== 'string') return null;
  const match = /^(\d{4}):(\d{2}):(\d{2})[ T](\d{2}):(\d{2}):(\d{2})/.exec(value.trim());
  if (!match) return null;
  const [, year, month, day, hour, minute, second] = match;
  if (year === '0000' || month === '00' || day === '00') return null; // cameras write zeros when the clock was never set
  const zone = typeof offset === 'string' && /^[+-]\d{2}:\d{2}$/.test(offset.trim()) ? offset.trim() : '';
  return `${year}-${month}-${day}T${hour}:${minute}:${second}${zone}`;
}

/** A GPS position worth keeping: finite, in range, and not the 0,0 some phones write without a fix. */
export function exifPosition(lon: unknown, lat: unknown): { lon: number; lat: number } | null {
  if (typeof lon !== 'number' || typeof lat !== 'number' || !Number.isFinite(lon) || !Number.isFinite(lat)) return null;
  if (Math.abs(lon) > 180 || Math.abs(lat) > 90 || (lon === 0 && lat === 0)) return null;
  return { lon: Number(lon.toFixed(7)), lat: Number(lat.toFixed(7)) };
}

async function loadExifr(): Promise<typeof exifrNamespace> {
  const module = await import('exifr');
  return module.default;
}

/** Time and position of a photo; a photo without EXIF (or unreadable EXIF) gives nulls. */
export async function readPhotoExif(input: Blob | ArrayBuffer | Uint8Array): Promise<PhotoExif> {
  const exifr = await loadExifr();
  const source = input instanceof Blob ? new Uint8Array(await input.arrayBuffer()) : input;
  let tags: Record<string, unknown> | undefined;
  try {
    tags = (await exifr.parse(source, { tiff: true, exif: true, gps: true, reviveValues: false, translateValues: false })) as Record<string, unknown> | undefined;
  } catch {
    return NO_EXIF;
  }
  if (!tags) return NO_EXIF;
  let position: { lon: number; lat: number } | null;
  try {
    const gps = await exifr.gps(source);
    position = gps ? exifPosition(gps.longitude, gps.latitude) : null;
  } catch {
    position = null;
  }
  return {
    takenAt: exifTimeToIso(tags.DateTimeOriginal ?? tags.CreateDate ?? tags.ModifyDate, tags.OffsetTimeOriginal ?? tags.OffsetTime),
    lon: position?.lon ?? null,
    lat: position?.lat ?? null,
  };
}
