/**
 * A rectification photo prepared for upload: decoded in the browser (createImageBitmap, the
 * camera's orientation applied), scaled so its longer edge is at most 1600 px, re-encoded as JPEG,
 * and checked against the server's size cap (2 MB) — lowering the JPEG quality before giving up.
 */
export const MAX_PHOTO_EDGE = 1600;
/** The server's cap per photo (src/server/domain/photos.ts). */
export const MAX_PHOTO_BYTES = 2 * 1024 * 1024;
export const MAX_PHOTOS_PER_REPORT = 6;
const QUALITIES = [0.85, 0.7, 0.55] as const;

/** The size a width × height image is drawn at so that its longer edge is ≤ maxEdge (never enlarged). */
export function fitWithin(width: number, height: number, maxEdge = MAX_PHOTO_EDGE): { width: number; height: number } {
  if (!(width > 0) || !(height > 0)) throw new Error(`image has no size (${width} × ${height})`);
  const scale = Math.min(1, maxEdge / Math.max(width, height));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

/** "1.4 MB", "850 KB". */
export function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

/** Base64 of bytes, in chunks (String.fromCharCode with a whole photo overflows the stack). */
export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let offset = 0; offset < bytes.length; offset += 0x8000) binary += String.fromCharCode(...bytes.subarray(offset, offset + 0x8000));
  return btoa(binary);
}

export interface PreparedPhoto {
  readonly jpeg: Blob;
  readonly width: number;
  readonly height: number;
  /** False when even the lowest quality is over MAX_PHOTO_BYTES: the caller refuses it. */
  readonly fits: boolean;
}

async function encode(bitmap: ImageBitmap, width: number, height: number, quality: number): Promise<Blob> {
  if (typeof OffscreenCanvas !== 'undefined') {
    const canvas = new OffscreenCanvas(width, height);
    canvas.getContext('2d')!.drawImage(bitmap, 0, 0, width, height);
    return canvas.convertToBlob({ type: 'image/jpeg', quality });
  }
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  canvas.getContext('2d')!.drawImage(bitmap, 0, 0, width, height);
  return new Promise((resolve, reject) => canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('JPEG encoding failed'))), 'image/jpeg', quality));
}

/** Decodes, scales and re-encodes a photo; throws when the browser cannot decode it. */
export async function preparePhoto(file: Blob, maxEdge = MAX_PHOTO_EDGE, maxBytes = MAX_PHOTO_BYTES): Promise<PreparedPhoto> {
  const bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
  try {
    const { width, height } = fitWithin(bitmap.width, bitmap.height, maxEdge);
    let jpeg: Blob | undefined;
    for (const quality of QUALITIES) {
      jpeg = await encode(bitmap, width, height, quality);
      if (jpeg.size <= maxBytes) return { jpeg, width, height, fits: true };
    }
    return { jpeg: jpeg!, width, height, fits: false };
  } finally {
    bitmap.close();
  }
}
