/**
 * Reading the misaligned 200k fixture (scripts/bench/misaligned-fixture.ts) into the engine's flat
 * arrays, on one thread: first as the CLI does now (streamed: the features located by reading the
 * file in pieces, then decoded in place one 1 MiB batch at a time in one reused buffer, each batch
 * handed to the engine — here dropped), then the earlier ways: the file's bytes, locating the
 * features (scanFlatGeobuf) and decoding them (decodeFlatFeatures, into new memory and in place). Wall and CPU time per
 * run with the 1-minute load, since the machine is usually shared (CPU time is the steadier figure
 * then). `--baseline REV` times that commit's decoder instead (into new memory; it had no other way).
 *
 * @example
 * npx tsx scripts/bench/misaligned-read.bench.ts --file bench-output/misaligned-200k/polygons.fgb --runs 3 [--baseline ecd6d94]
 */
import { execSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { FileRangeReader } from '../../src/cli/file-range-reader';
import { readFlatLayer } from '../../src/cli/read-flat-layer';
import type { FlatFeatureLayer } from '../../src/lib/geo/overlay/flat-layer';
import * as current from '../../src/lib/io/flatgeobuf-flat';
import { batchBoundaries } from '../../src/lib/statistics/flat-part';

const argument = (name: string, fallback: string) => {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? process.argv[at + 1]! : fallback;
};
const file = argument('file', 'bench-output/misaligned-200k/polygons.fgb');
const runs = Number(argument('runs', '3'));
const baseline = argument('baseline', 'none');
const cpu = () => {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
};
const format = (milliseconds: number) => (milliseconds / 1000).toFixed(2);

type Decoder = typeof current;

/** That commit's decoder, from its tree unpacked under bench-output/. */
async function baselineDecoder(revision: string): Promise<Decoder> {
  const directory = resolve(`bench-output/engine-${revision}`);
  if (!existsSync(join(directory, 'src'))) {
    mkdirSync(directory, { recursive: true });
    execSync(`git archive ${revision} src | tar -x -C ${JSON.stringify(directory)}`, { stdio: ['ignore', 'ignore', 'inherit'] });
  }
  return (await import(pathToFileURL(join(directory, 'src/lib/io/flatgeobuf-flat.ts')).href)) as Decoder;
}

const decoder = baseline === 'none' ? current : await baselineDecoder(baseline);
process.stdout.write(`${file}: ${baseline === 'none' ? 'this tree' : baseline}; ${os.cpus().length} cores, Node ${process.version}\n`);
for (let run = 0; run < runs; run++) {
  const load = os.loadavg()[0]!;
  if (baseline === 'none') {
    const streamWall = performance.now();
    const streamCpu = cpu();
    const layer = await readFlatLayer(file, 'bench', undefined, 'en');
    if (!layer) throw new Error(`${file}: not a plain FlatGeobuf polygon layer`);
    const located = [performance.now() - streamWall, cpu() - streamCpu];
    const offsets = layer.scan.offsets;
    const boundaries = batchBoundaries(offsets, 0, offsets.length - 1);
    const reader = new FileRangeReader(file);
    let vertices = 0;
    for (let batch = 0; batch + 1 < boundaries.length; batch++) {
      const from = boundaries[batch]!;
      const to = boundaries[batch + 1]!;
      const bytes = reader.read(offsets[from]!, offsets[to]! - offsets[from]!);
      const decoded = current.decodeFlatFeatures(bytes, layer.scan, from, to, { inPlace: true, base: offsets[from]! });
      if (!decoded) throw new Error(`${file}: batch ${batch} not decoded`);
      vertices += decoded.coordinates.length / 2;
    }
    reader.close();
    process.stdout.write(
      `run ${run + 1}, streamed as the CLI: ${offsets.length - 1} features, ${vertices} vertices; locate + CRS ${format(located[0]!)} s (CPU ${format(located[1]!)}), ` +
        `total to flat arrays ${format(performance.now() - streamWall)} s (CPU ${format(cpu() - streamCpu)}) in ${boundaries.length - 1} batches\n`,
    );
  }
  const wall = [performance.now()];
  const used = [cpu()];
  const mark = () => {
    wall.push(performance.now());
    used.push(cpu());
  };
  const bytes = new Uint8Array(readFileSync(file));
  mark();
  const scan = decoder.scanFlatGeobuf(bytes, file);
  mark();
  const copied: FlatFeatureLayer | null = scan && decoder.decodeFlatFeatures(bytes, scan);
  mark();
  const inPlace = baseline === 'none' && scan ? current.decodeFlatFeatures(bytes, scan, 0, scan.offsets.length - 1, { inPlace: true }) : null;
  mark();
  if (!copied || (baseline === 'none' && !inPlace)) throw new Error(`${file}: not read into flat arrays`);
  const step = (index: number) => `${format(wall[index + 1]! - wall[index]!)} s (CPU ${format(used[index + 1]! - used[index]!)})`;
  process.stdout.write(
    `run ${run + 1}: ${copied.count} features, ${copied.coordinates.length / 2} vertices; file ${step(0)}, scan ${step(1)}, decode into new memory ${step(2)}` +
      `${inPlace ? `, decode in place ${step(3)}` : ''}; load ${load.toFixed(2)} → ${os.loadavg()[0]!.toFixed(2)}\n`,
  );
}
