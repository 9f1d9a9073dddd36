/**
 * The installed app's icon, drawn in code so the build needs no image files and gives the same
 * bytes every time: a pale fir tree on the bureau's dark green, inside the central 80 % that
 * "maskable" icons keep whatever shape a phone cuts them to.
 */
import { deflateSync } from 'node:zlib';

const BACKGROUND = [0x2f, 0x4a, 0x2c];
const TREE = [0xe8, 0xf0, 0xd8];
const TRUNK = [0xb8, 0x8a, 0x5a];

/** Whether (x, y) in 0..1 lies on the tree: three stacked triangles and a trunk. */
function inTree(x: number, y: number): 'tree' | 'trunk' | null {
  const tiers: [top: number, bottom: number, halfWidth: number][] = [
    [0.18, 0.42, 0.16],
    [0.3, 0.58, 0.22],
    [0.44, 0.74, 0.28],
  ];
  for (const [top, bottom, halfWidth] of tiers) {
    if (y >= top && y <= bottom && Math.abs(x - 0.5) <= (halfWidth * (y - top)) / (bottom - top)) return 'tree';
  }
  return y > 0.74 && y <= 0.84 && Math.abs(x - 0.5) <= 0.045 ? 'trunk' : null;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = CRC_TABLE[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  out.set(new TextEncoder().encode(type), 4);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

/** A square RGB PNG of the icon, `size` pixels wide. */
export function iconPng(size: number): Uint8Array {
  const stride = size * 3 + 1;
  const raw = new Uint8Array(stride * size);
  for (let y = 0; y < size; y++) {
    raw[y * stride] = 0; // filter: none
    for (let x = 0; x < size; x++) {
      const part = inTree((x + 0.5) / size, (y + 0.5) / size);
      raw.set(part === 'tree' ? TREE : part === 'trunk' ? TRUNK : BACKGROUND, y * stride + 1 + x * 3);
    }
  }
  const header = new Uint8Array(13);
  const view = new DataView(header.buffer);
  view.setUint32(0, size);
  view.setUint32(4, size);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB, no interlace
  const signature = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const parts = [signature, chunk('IHDR', header), chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', new Uint8Array())];
  const png = new Uint8Array(parts.reduce((total, part) => total + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    png.set(part, offset);
    offset += part.length;
  }
  return png;
}
