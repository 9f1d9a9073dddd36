/**
 * The layer boundaries of eslint.config.js bite: a deliberate violation in each layer is an error,
 * and the allowed direction is not.
 */
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

async function restrictedImportErrors(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((message) => message.ruleId === 'no-restricted-imports' || message.ruleId === 'no-restricted-globals').map((message) => message.message);
}

describe('layer boundaries', () => {
  it('geo may not import io, state, map, components or IndexedDB, nor use the DOM', async () => {
    const file = 'src/lib/geo/fixture-violation.ts';
    expect(await restrictedImportErrors(`import { readLayer } from '../io/import-files';\nexport const x = readLayer;\n`, file)).toHaveLength(1);
    expect(await restrictedImportErrors(`import { AppState } from '../state/app-state.svelte';\nexport const x = AppState;\n`, file)).toHaveLength(1);
    expect(await restrictedImportErrors(`import { Map } from 'maplibre-gl';\nexport const x = Map;\n`, file)).toHaveLength(1);
    expect(await restrictedImportErrors(`import { openDB } from 'idb';\nexport const x = openDB;\n`, file)).toHaveLength(1);
    expect(await restrictedImportErrors(`export const width = window.innerWidth;\n`, file)).toHaveLength(1);
    expect(await restrictedImportErrors(`import { squareMetresToMu } from './units';\nexport const x = squareMetresToMu;\n`, file)).toEqual([]);
  });

  it('io may not import state or the map', async () => {
    const file = 'src/lib/io/fixture-violation.ts';
    expect(await restrictedImportErrors(`import { AppState } from '../state/app-state.svelte';\nexport const x = AppState;\n`, file)).toHaveLength(1);
    expect(await restrictedImportErrors(`import { ForestMap } from '../map/forest-map';\nexport const x = ForestMap;\n`, file)).toHaveLength(1);
    expect(await restrictedImportErrors(`import { geometryAreaSquareMetres } from '../geo/area';\nexport const x = geometryAreaSquareMetres;\n`, file)).toEqual([]);
  });

  it('components never open IndexedDB (a type import is fine)', async () => {
    const file = 'src/components/FixtureViolation.svelte';
    const opening = `<script lang="ts">\n  import { openForestMapDatabase } from '../lib/state/persistence/database';\n  void openForestMapDatabase();\n</script>\n`;
    expect(await restrictedImportErrors(opening, file)).toHaveLength(1);
    const typed = `<script lang="ts">\n  import type { StoredPlot } from '../lib/state/persistence/database';\n  let { plot }: { plot: StoredPlot } = $props();\n</script>\n<p>{plot.name}</p>\n`;
    expect(await restrictedImportErrors(typed, file)).toEqual([]);
  });
});
