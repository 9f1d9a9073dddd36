/**
 * Keeps copies of opened orthophotos in the browser's origin-private file system (OPFS), with a
 * small index of the layer list, so they reopen after a reload without asking for the files again.
 * OPFS suits multi-gigabyte files: it is written as a stream and read back lazily as a File.
 */
import type { ImageryLayer } from './imagery-types';

export interface ImageryFileStore {
  readonly available: boolean;
  readIndex(): Promise<ImageryLayer[]>;
  writeIndex(layers: readonly ImageryLayer[]): Promise<void>;
  saveFile(id: string, file: Blob): Promise<void>;
  readFile(id: string): Promise<File | undefined>;
  deleteFile(id: string): Promise<void>;
  /** Bytes the browser would still let this site store, when it says. */
  freeBytes(): Promise<number | undefined>;
}

const FOLDER = 'imagery';
const INDEX = 'index.json';

/** The OPFS store, or a store that remembers nothing where OPFS is missing. */
export function opfsImageryStore(): ImageryFileStore {
  const storage = typeof navigator !== 'undefined' ? navigator.storage : undefined;
  if (!storage || typeof storage.getDirectory !== 'function') return unavailableStore();
  const folder = async () => (await storage.getDirectory()).getDirectoryHandle(FOLDER, { create: true });
  return {
    available: true,
    async readIndex() {
      try {
        const handle = await (await folder()).getFileHandle(INDEX);
        const parsed: unknown = JSON.parse(await (await handle.getFile()).text());
        return Array.isArray(parsed) ? (parsed as ImageryLayer[]) : [];
      } catch (error) {
        if (error instanceof DOMException && error.name === 'NotFoundError') return [];
        throw error;
      }
    },
    async writeIndex(layers) {
      const handle = await (await folder()).getFileHandle(INDEX, { create: true });
      const writable = await handle.createWritable();
      await writable.write(JSON.stringify(layers));
      await writable.close();
    },
    async saveFile(id, file) {
      const handle = await (await folder()).getFileHandle(`${id}.tif`, { create: true });
      const writable = await handle.createWritable();
      // pipeTo closes the writable when the stream ends and aborts it on failure.
      await file.stream().pipeTo(writable);
    },
    async readFile(id) {
      try {
        return await (await (await folder()).getFileHandle(`${id}.tif`)).getFile();
      } catch (error) {
        if (error instanceof DOMException && error.name === 'NotFoundError') return undefined;
        throw error;
      }
    },
    async deleteFile(id) {
      try {
        await (await folder()).removeEntry(`${id}.tif`);
      } catch (error) {
        if (!(error instanceof DOMException && error.name === 'NotFoundError')) throw error;
      }
    },
    async freeBytes() {
      const estimate = await storage.estimate?.();
      return estimate?.quota !== undefined && estimate.usage !== undefined ? estimate.quota - estimate.usage : undefined;
    },
  };
}

function unavailableStore(): ImageryFileStore {
  return {
    available: false,
    readIndex: async () => [],
    writeIndex: async () => {},
    saveFile: async () => {
      throw new Error('This browser has no origin-private file system');
    },
    readFile: async () => undefined,
    deleteFile: async () => {},
    freeBytes: async () => undefined,
  };
}
