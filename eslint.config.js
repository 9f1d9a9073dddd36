// ESLint: correctness rules for TypeScript and Svelte, and the layer boundaries of
// docs/architecture.md (files → io → geo → state → map and components), so a wrong-way import
// fails `npm run lint` instead of waiting for a reviewer.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import svelte from 'eslint-plugin-svelte';
import svelteParser from 'svelte-eslint-parser';
import globals from 'globals';

/** Import patterns a layer may not use (relative paths are matched by their folder names). */
const layerPaths = {
  io: ['**/lib/io', '**/lib/io/**', '**/io/*'],
  state: ['**/lib/state', '**/lib/state/**', '**/state/*'],
  map: ['**/lib/map', '**/lib/map/**', '**/map/*', 'maplibre-gl', 'terra-draw', 'terra-draw-*'],
  components: ['**/components/**', '**/App.svelte'],
  catalog: ['**/lib/layers', '**/lib/layers/**', '**/layers/*'],
  server: ['**/server/**'],
  indexedDb: ['idb', 'fake-indexeddb', 'fake-indexeddb/*', '**/persistence/database', '**/persistence/database.js'],
};

function forbid(message, ...groups) {
  return ['error', { patterns: groups.map((group) => ({ group, message })) }];
}

/** Like forbid, but a type-only import is allowed (a type is no dependency at run time). */
function forbidValues(message, ...groups) {
  return ['error', { patterns: groups.map((group) => ({ group, message, allowTypeImports: true })) }];
}

/** Browser globals that have no meaning in code that must also run in Node and workers. */
const domGlobals = ['window', 'document', 'navigator', 'localStorage', 'sessionStorage', 'indexedDB', 'location', 'HTMLElement', 'Image']
  .map((name) => ({ name, message: 'src/lib/geo is pure TypeScript: no DOM or browser storage.' }));

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'public/**', 'test-artifacts/**', 'bench-output/**', 'workspace-data/**', '.vite/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...svelte.configs['flat/recommended'],
  {
    languageOptions: {
      ecmaVersion: 2023,
      sourceType: 'module',
      globals: { ...globals.browser, ...globals.node },
    },
    rules: {
      // TypeScript checks these better (svelte-check, tsc).
      'no-undef': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // Floating promises and void are checked where they matter by review and tests.
      '@typescript-eslint/no-explicit-any': 'error',
      // State classes keep plain Maps/Sets/Dates inside $state.raw snapshots and replace them whole.
      'svelte/prefer-svelte-reactivity': 'off',
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: {
      parser: svelteParser,
      parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.svelte'] },
    },
  },
  {
    files: ['src/lib/geo/**'],
    rules: {
      'no-restricted-imports': forbid(
        'src/lib/geo is the pure core: it may not import io, state, map, components, the layer catalog, the server or IndexedDB (pass what it needs as parameters).',
        layerPaths.io, layerPaths.state, layerPaths.map, layerPaths.components, layerPaths.catalog, layerPaths.server, layerPaths.indexedDb,
      ),
      'no-restricted-globals': ['error', ...domGlobals],
    },
  },
  {
    files: ['src/lib/io/**'],
    rules: {
      'no-restricted-imports': forbid(
        'src/lib/io reads and writes files: it may not import state, map, components, the server or IndexedDB.',
        layerPaths.state, layerPaths.map, layerPaths.components, layerPaths.server, layerPaths.indexedDb,
      ),
    },
  },
  {
    files: ['src/components/**', 'src/App.svelte'],
    rules: {
      'no-restricted-imports': forbidValues(
        'Components render state and dispatch: IndexedDB belongs to the repositories in src/lib/state/persistence.',
        layerPaths.indexedDb, layerPaths.server,
      ),
      'no-restricted-globals': ['error', { name: 'indexedDB', message: 'Components never touch IndexedDB: use a repository in src/lib/state.' }],
    },
  },
  {
    files: ['src/lib/state/**', 'src/lib/map/**', 'src/lib/layers/**', 'src/workers/**', 'src/lib/i18n/**'],
    rules: {
      'no-restricted-imports': forbid('The browser app never imports the server.', layerPaths.server, layerPaths.components),
    },
  },
  {
    files: ['src/server/**'],
    rules: {
      'no-restricted-imports': forbid(
        'The server uses src/lib/geo and src/lib/io, never components, map or browser state.',
        layerPaths.components, layerPaths.map, layerPaths.state,
      ),
    },
  },
);
