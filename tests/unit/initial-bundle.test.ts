/**
 * What the page imports statically from src/main.ts is its initial JavaScript (issue #13: ≤ 400 KB
 * gzip). Panels, readers, writers and proj4 load on use through dynamic import(); this walks the
 * static imports (not `import type`, not `import()`) and fails when one of them is reached again.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = process.cwd();
// import … from '…' / export … from '…' (not type-only) and bare `import '…'`; dynamic import() has a parenthesis.
const STATIC_IMPORT = /(?:^|[\n;])\s*(?:import|export)\s+(type\s+)?(?:[\w*{}\s,$]+?\s+from\s+)?['"]([^'"]+)['"]/g;

function resolveLocal(from: string, specifier: string): string {
  const base = join(dirname(from), specifier);
  for (const candidate of [base, `${base}.ts`, `${base}.js`, join(base, 'index.ts')]) if (statSync(candidate, { throwIfNoEntry: false })?.isFile()) return candidate;
  throw new Error(`cannot resolve ${specifier} from ${relative(ROOT, from)}`);
}

/** Project files (relative paths) and packages the entry reaches through static imports. */
function staticGraph(entry: string): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const queue = [join(ROOT, entry)];
  for (let file = queue.pop(); file !== undefined; file = queue.pop()) {
    const path = relative(ROOT, file);
    if (files.has(path)) continue;
    files.add(path);
    const text = readFileSync(file, 'utf8');
    // Only a component's scripts import anything.
    const code = file.endsWith('.svelte') ? [...text.matchAll(/<script[^>]*>([\s\S]*?)<\/script>/g)].map((match) => match[1]).join('\n') : text;
    for (const [, typeOnly, specifier] of code.matchAll(STATIC_IMPORT)) {
      if (typeOnly || !specifier) continue;
      if (specifier.startsWith('.')) {
        if (/\.(css|json)$/.test(specifier) || specifier.includes('?')) continue;
        queue.push(resolveLocal(file, specifier));
      } else packages.add(specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0]!);
    }
  }
  return { files, packages };
}

/** Source files (relative paths) under a folder. */
function sourceFiles(folder: string): string[] {
  return readdirSync(join(ROOT, folder), { recursive: true, encoding: 'utf8' })
    .filter((file) => /\.(ts|svelte)$/.test(file))
    .map((file) => join(folder, file));
}

/** Catalogues whose Chinese texts load with the tools that use them (OnUseCatalogue in src/lib/i18n/index.ts). */
const ON_USE_CATALOGUES = ['fire', 'rectification', 'crs', 'terrain', 'validation', 'basemap', 'cli'].map((area) => `src/lib/i18n/${area}-messages.ts`);

describe('initial bundle', () => {
  const graph = staticGraph('src/main.ts');

  it('walks the real graph: the map, the layer list and the state are in it', () => {
    expect(graph.files).toContain('src/App.svelte');
    expect(graph.files).toContain('src/components/LayerPanel.svelte');
    expect(graph.files).toContain('src/lib/state/plots/plots-state.svelte.ts');
    expect(graph.packages).toContain('maplibre-gl');
  });

  it('keeps the readers, writers, proj4 and terra-draw out', () => {
    for (const name of ['proj4', '@xmldom/xmldom', '@tmcw/togeojson', 'shpjs', 'fflate', 'exceljs', 'flatgeobuf', 'terra-draw', 'geotiff', 'sql.js']) {
      expect(graph.packages, name).not.toContain(name);
    }
  });

  it('keeps the panels other than the layer list, the clients’ heavy halves and the writers out', () => {
    const lazy = [
      'src/components/plots/PlotPanel.svelte',
      'src/components/statistics/StatisticsPanel.svelte',
      'src/components/fire/FirePanel.svelte',
      'src/components/corridor/CorridorPanel.svelte',
      'src/components/imagery/ImageryPanel.svelte',
      'src/components/import/ImportPreviewDialog.svelte',
      'src/lib/io/import-files.ts',
      'src/lib/geo/crs/transform.ts',
      'src/lib/statistics/job.ts',
      'src/lib/state/plots/conflict-check.ts',
      'src/lib/state/plots/plot-import.ts',
      'src/lib/sync/sync-engine.ts',
      'src/lib/state/statistics/statistics-downloads.ts',
      'src/lib/state/fire/review-downloads.ts',
      // Load with the fire tab, the first imported layer, the dialog or the backup panel.
      'src/lib/state/fire/fire-state.svelte.ts',
      'src/lib/map/fire-map.svelte.ts',
      'src/lib/map/imported-layers.ts',
      'src/components/workspace/SignInDialog.svelte',
      'src/components/workspace/SyncProblemDialog.svelte',
      'src/lib/state/backup/backup-format.ts',
      // The fire office's stores load with the fire tab or the workspace's sync; the statistics table with the first run.
      'src/lib/state/fire/review-store.ts',
      'src/lib/state/fire/facility-repository.ts',
      'src/lib/statistics/table.ts',
    ];
    for (const file of lazy) expect(graph.files, file).not.toContain(file);
  });

  it('keeps the catalogues of tools that load on use out, and every module using their keys imports them', () => {
    const sources = sourceFiles('src').filter((file) => !file.startsWith('src/lib/i18n/'));
    const missing: string[] = [];
    for (const catalogue of ON_USE_CATALOGUES) {
      expect(graph.files, catalogue).not.toContain(catalogue);
      const keys = [...readFileSync(catalogue, 'utf8').matchAll(/^ {2}'([\w.-]+)':/gm)].map((match) => match[1]!);
      expect(keys.length, catalogue).toBeGreaterThan(0);
      for (const file of sources) {
        const text = readFileSync(file, 'utf8');
        if (keys.some((key) => text.includes(`'${key}'`)) && !staticGraph(file).files.has(catalogue)) missing.push(`${file} uses ${catalogue}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('keeps the English texts out: they load with the switch to English', () => {
    expect(graph.files).toContain('src/lib/i18n/plot-messages.ts');
    const english = [...graph.files].filter((file) => file === 'src/lib/i18n/english.ts' || file.startsWith('src/lib/i18n/en/'));
    expect(english).toEqual([]);
  });
});
