/**
 * Builds the production app once and serves it on 127.0.0.1 (random port) for the e2e tests.
 * The build runs as a child process with NODE_ENV=production: building inside Vitest would
 * inherit NODE_ENV=test and produce a different bundle.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { preview, type PreviewServer } from 'vite';
import type { TestProject } from 'vitest/node';

let server: PreviewServer | undefined;
let outDir: string | undefined;

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    /** The built app's folder, for tests that serve it from the workspace server. */
    buildDir: string;
  }
}

export async function setup(project: TestProject): Promise<void> {
  if (!existsSync('public/data/catalog.json')) {
    throw new Error('public/data/catalog.json is missing: run "npm run data:ensure" before the e2e tests');
  }
  // A build folder of its own, so parallel runs (several developers, CI) never clobber each other.
  outDir = mkdtempSync(join(tmpdir(), 'forest-map-e2e-'));
  execFileSync('npx', ['vite', 'build', '--logLevel', 'warn', '--outDir', outDir, '--emptyOutDir'], {
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production' },
  });
  server = await preview({
    build: { outDir },
    preview: { host: '127.0.0.1', port: 0, strictPort: false },
    logLevel: 'warn',
  });
  const address = server.httpServer.address();
  if (!address || typeof address === 'string') throw new Error('preview server has no TCP address');
  project.provide('baseUrl', `http://127.0.0.1:${address.port}/`);
  project.provide('buildDir', outDir);
}

export async function teardown(): Promise<void> {
  await server?.close();
  if (outDir) rmSync(outDir, { recursive: true, force: true });
}
