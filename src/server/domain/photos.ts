/**
 * Rectification photos: the browser resizes them; the server caps the size, checks that the bytes
 * are the image type claimed, and keeps EXIF time and GPS position (read in the browser) as fields.
 */
import * as v from 'valibot';
import { badRequest } from '../http/errors';

export const MAX_PHOTO_BYTES = 2 * 1024 * 1024;
export const MAX_PHOTOS_PER_REPORT = 6;

const SIGNATURES: Record<string, (bytes: Uint8Array) => boolean> = {
  'image/jpeg': (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff,
  'image/png': (b) => b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47,
  'image/webp': (b) => b[0] === 0x52 && b[1] === 0x49 && b[2] === 0x46 && b[3] === 0x46 && b[8] === 0x57 && b[9] === 0x45,
};

export const photoSchema = v.strictObject({
  mime: v.picklist(Object.keys(SIGNATURES) as ['image/jpeg', 'image/png', 'image/webp']),
  // base64 of at most MAX_PHOTO_BYTES bytes
  dataBase64: v.pipe(v.string(), v.minLength(8), v.maxLength(Math.ceil(MAX_PHOTO_BYTES / 3) * 4, 'photo larger than 2 MB'), v.regex(/^[A-Za-z0-9+/]+={0,2}$/, 'not base64')),
  // EXIF times often carry no zone: keep them as written.
  takenAt: v.nullable(v.pipe(v.string(), v.regex(/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:?\d{2})?$/, 'takenAt is an ISO date and time'))),
  lon: v.nullable(v.pipe(v.number(), v.finite(), v.minValue(-180), v.maxValue(180))),
  lat: v.nullable(v.pipe(v.number(), v.finite(), v.minValue(-90), v.maxValue(90))),
});

export type PhotoInput = v.InferOutput<typeof photoSchema>;

export function photoBytes(photo: PhotoInput, index: number): Uint8Array {
  const bytes = new Uint8Array(Buffer.from(photo.dataBase64, 'base64'));
  if (bytes.length > MAX_PHOTO_BYTES) throw badRequest(`Photo ${index + 1} is larger than 2 MB / 第 ${index + 1} 张照片超过 2 MB`);
  if (!SIGNATURES[photo.mime]!(bytes)) throw badRequest(`Photo ${index + 1} is not a ${photo.mime} image / 第 ${index + 1} 张照片不是有效图片`);
  return bytes;
}
