/** A PMTiles archive held in memory (a file read whole, a test's archive) as the pmtiles package reads it. */
import type { Source } from 'pmtiles';

export function bytesSource(bytes: Uint8Array, key: string): Source {
  return {
    getKey: () => key,
    getBytes: async (offset, length) => ({ data: bytes.slice(offset, offset + length).buffer }),
  };
}
