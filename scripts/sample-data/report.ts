/** The end-of-run report: generation time, file sizes and the catalog totals. */
import type { GenerateResult } from './generate';

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(2)} MiB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${bytes} B`;
}

export function printSummary(result: GenerateResult, print: (line: string) => void): void {
  const { catalog } = result;
  print(`\nGenerated ${Object.keys(catalog.layers).length} layers into ${result.outDir} in ${result.seconds.toFixed(1)} s`);
  let total = 0;
  for (const [id, layer] of Object.entries(catalog.layers)) {
    total += layer.bytes;
    print(`  ${layer.file.padEnd(24)} ${String(layer.featureCount).padStart(7)} features  ${formatBytes(layer.bytes).padStart(10)}  ${id}`);
  }
  print(`  ${'total'.padEnd(24)} ${''.padStart(16)}  ${formatBytes(total).padStart(10)}`);
  const t = catalog.totals;
  const mu = (value: number | undefined): string => (value ?? 0).toFixed(2);
  print(
    `Totals: county ${mu(t.countyAreaMu)} 亩 · forest coverage ${((t.forestCoverageRatio ?? 0) * 100).toFixed(2)}% · reserve ${mu(t.reserveForestPlannedMu)} 亩 (2023: ${mu(t.reserveForestTaken2023Mu)}) · pine retrofit ${mu(t.pineRetrofitMu)} 亩 · afforestation ${mu(t.afforestation2023Mu)} 亩 · fire zones ${t.fireZoneCount}`,
  );
  print(`inputsHash ${catalog.inputsHash}`);
}
