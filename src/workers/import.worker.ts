/// <reference lib="webworker" />
/**
 * Runs importFiles off the main thread: reads the Files, parses, reprojects and validates, posting
 * throttled progress, then the result in pieces (see import-protocol.ts). One worker per import;
 * the client cancels by terminating it. No logic of its own beyond wiring: everything is src/lib/io.
 * Whatever goes wrong in here (an exception, a result that cannot be posted) still ends the import
 * with a typed 'worker-stopped' failure, so the page never waits for ever.
 */
import { importFailure } from '../lib/io/errors';
import { importFiles } from '../lib/io/import-files';
import { FEATURE_CHUNK, isBlobSource, type ImportRequest, type ImportResponse, type ImportSource } from '../lib/io/import-protocol';
import type { ImportFile, ImportProgress } from '../lib/io/types';

const scope = self as unknown as DedicatedWorkerGlobalScope;

function post(message: ImportResponse): void {
  scope.postMessage(message);
}

async function toImportFile(source: ImportSource): Promise<ImportFile> {
  if (!isBlobSource(source)) return source;
  return { name: source.name, bytes: new Uint8Array(await source.arrayBuffer()) };
}

async function run(request: ImportRequest): Promise<void> {
  const { files, options } = request;
  let last = 0;
  const onProgress = (progress: ImportProgress) => {
    const now = Date.now();
    if (progress.stage !== 'done' && now - last < 100) return;
    last = now;
    post({ type: 'progress', progress });
  };
  const read: ImportFile[] = [];
  for (const [index, source] of files.entries()) {
    post({ type: 'progress', progress: { stage: 'read', file: source.name, fraction: 0.05 * (index / files.length) } });
    read.push(await toImportFile(source));
  }
  const result = await importFiles(read, { ...options, onProgress });
  read.length = 0;
  // The result goes out in pieces so the page never deserialises one huge message.
  result.layers.forEach((layer, layerIndex) => {
    const { features } = layer.collection;
    post({ type: 'layer', layer: { ...layer, collection: { ...layer.collection, features: [] } } });
    for (let start = 0; start < features.length; start += FEATURE_CHUNK) {
      post({ type: 'features', layerIndex, features: features.slice(start, start + FEATURE_CHUNK) });
    }
  });
  post({ type: 'done', errors: result.errors, warnings: result.warnings });
}

scope.onmessage = async (event: MessageEvent<ImportRequest>) => {
  try {
    await run(event.data);
  } catch (error) {
    // The client drops any layers already sent when it receives 'failed'.
    const names = (event.data?.files ?? []).map((file) => file.name).join(', ') || '—';
    const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    post({ type: 'failed', error: importFailure('worker-stopped', names, { detail }) });
  }
};
