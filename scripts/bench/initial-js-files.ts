/**
 * The page's initial JavaScript in a production build: the entry script of index.html and every
 * module it preloads, with their gzip -9 sizes (issue #13's measure; initial-js.ts prints it, an
 * end-to-end test holds it to the budget).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface InitialScript {
  readonly file: string;
  readonly gzipBytes: number;
}

export function initialJavaScript(buildDir: string): InitialScript[] {
  const html = readFileSync(join(buildDir, 'index.html'), 'utf8');
  const files = [
    ...html.matchAll(/<script type="module"[^>]*\ssrc="([^"]+)"/g),
    ...html.matchAll(/<link rel="modulepreload"[^>]*\shref="([^"]+)"/g),
  ].map((match) => match[1]!);
  return files.map((file) => ({ file, gzipBytes: gzipSync(readFileSync(join(buildDir, file)), { level: 9 }).length }));
}
