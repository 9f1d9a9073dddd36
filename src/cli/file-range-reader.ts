/**
 * Reads ranges of a file into one reused buffer (the ReadFileRange of lib/statistics/flat-part.ts):
 * a 200 MB layer then never sits in fresh memory as a whole — on the VMs this runs on, faulting in
 * fresh pages (~150–350 MB/s) costs more than reading the file from the page cache into warm ones.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import type { ReadFileRange } from '../lib/statistics/flat-part';

export class FileRangeReader {
  private readonly descriptor: number;
  private buffer = new Uint8Array(0);

  constructor(readonly path: string) {
    this.descriptor = openSync(path, 'r');
  }

  /**
   * Bytes [position, position + length) of the file, a view of the reused buffer valid until the
   * next call; placed so that its byte offset is congruent to `position` modulo 8.
   * @throws Error when the file is shorter than asked (it changed since it was scanned).
   */
  readonly read: ReadFileRange = (position, length) => {
    const shift = position % 8;
    if (this.buffer.length < shift + length) this.buffer = new Uint8Array(Math.max(shift + length, 2 * this.buffer.length));
    let done = 0;
    while (done < length) {
      const count = readSync(this.descriptor, this.buffer, shift + done, length - done, position + done);
      if (count === 0) throw new Error(`${this.path}: the file ended at byte ${position + done}, ${length - done} bytes early (was it changed while being read?)`);
      done += count;
    }
    return this.buffer.subarray(shift, shift + length);
  };

  close(): void {
    closeSync(this.descriptor);
  }
}
