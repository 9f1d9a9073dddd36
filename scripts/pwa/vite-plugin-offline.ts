/**
 * Makes the build an installable app that opens offline: a web manifest with icons
 * (./icon-png.ts), and dist/sw.js — src/pwa/service-worker.ts compiled, behind the list of every
 * built and public file (sample data included) and a version hashed from their contents, so any
 * change to the app or the data is a new service worker, announced to open pages.
 *
 * Written here rather than taken from vite-plugin-pwa: the worker is ~80 lines, and this keeps
 * workbox-build's large dependency tree out of the project.
 */
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { transformWithOxc, type Plugin } from 'vite';
import { iconPng } from './icon-png';

const SERVICE_WORKER_SOURCE = fileURLToPath(new URL('../../src/pwa/service-worker.ts', import.meta.url));
export const THEME_COLOUR = '#2f4a2c';
const ICON_SIZES = [192, 512] as const;

export function webManifest(): object {
  return {
    name: '酉阳林业一张图 · Youyang Forest Map',
    short_name: '酉阳林业',
    description: '酉阳县林业局 离线林业一张图',
    lang: 'zh-CN',
    start_url: './',
    scope: './',
    display: 'standalone',
    background_color: '#f7f4ee',
    theme_color: THEME_COLOUR,
    icons: [
      ...ICON_SIZES.map((size) => ({ src: `icons/icon-${size}.png`, sizes: `${size}x${size}`, type: 'image/png', purpose: 'any' })),
      { src: 'icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
    ],
  };
}

function listFiles(root: string): string[] {
  let entries: string[];
  try {
    entries = readdirSync(root);
  } catch {
    return [];
  }
  return entries.flatMap((name) => {
    const path = join(root, name);
    return statSync(path).isDirectory() ? listFiles(path) : [path];
  });
}

/** The content version of a set of files: any byte changed in any of them changes it. */
export function contentVersion(files: ReadonlyMap<string, string | Uint8Array>): string {
  const hash = createHash('sha256');
  for (const name of [...files.keys()].sort()) hash.update(name).update('\0').update(files.get(name)!).update('\0');
  return hash.digest('hex').slice(0, 16);
}

export function offlineApp(): Plugin {
  let publicDir = '';
  return {
    name: 'youyang-offline-app',
    apply: 'build',
    enforce: 'post',
    configResolved(config) {
      publicDir = config.publicDir;
    },
    transformIndexHtml() {
      return [
        { tag: 'link', attrs: { rel: 'manifest', href: './manifest.webmanifest' }, injectTo: 'head' },
        { tag: 'meta', attrs: { name: 'theme-color', content: THEME_COLOUR }, injectTo: 'head' },
        { tag: 'link', attrs: { rel: 'apple-touch-icon', href: './icons/icon-192.png' }, injectTo: 'head' },
      ];
    },
    async generateBundle(_options, bundle) {
      const files = new Map<string, string | Uint8Array>();
      const emit = (fileName: string, source: string | Uint8Array) => {
        this.emitFile({ type: 'asset', fileName, source });
        files.set(fileName, source);
      };
      for (const size of ICON_SIZES) emit(`icons/icon-${size}.png`, iconPng(size));
      emit('manifest.webmanifest', JSON.stringify(webManifest(), null, 2));
      for (const [fileName, output] of Object.entries(bundle)) {
        // The page is cached as the server serves it (the worker fetches "./").
        if (fileName === 'index.html' || fileName.endsWith('.map')) continue;
        files.set(fileName, output.type === 'chunk' ? output.code : output.source);
      }
      for (const path of listFiles(publicDir)) files.set(relative(publicDir, path).split(sep).join('/'), readFileSync(path));
      const config = { version: contentVersion(files), files: [...files.keys()].sort() };
      const { code } = await transformWithOxc(readFileSync(SERVICE_WORKER_SOURCE, 'utf8'), SERVICE_WORKER_SOURCE, { lang: 'ts' });
      // The worker is a classic script: no module syntax may remain once the types are gone.
      const script = code.replace(/^export\s*\{\s*\};?\s*$/m, '');
      if (/^\s*(import|export)\b/m.test(script)) throw new Error('src/pwa/service-worker.ts must have no imports or value exports');
      this.emitFile({ type: 'asset', fileName: 'sw.js', source: `self.__OFFLINE__ = ${JSON.stringify(config)};\n${script}` });
    },
  };
}
