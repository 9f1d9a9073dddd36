/**
 * Reading the misaligned 200k fixture (scripts/bench/misaligned-fixture.ts) into the engine's flat
 * arrays, on one thread: the file's bytes, locating the features (scanFlatGeobuf) and decoding them
 * (decodeFlatFeatures). Wall and CPU time per run with the 1-minute load, since the machine is
 * usually shared (CPU time is the steadier figure then).
 *
 * @example
 * npx tsx scripts/bench/misaligned-read.bench.ts --file bench-output/misaligned-200k/polygons.fgb --runs 3
 */
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { decodeFlatFeatures, scanFlatGeobuf } from '../../src/lib/io/flatgeobuf-flat';

const argument = (name: string, fallback: string) => {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? process.argv[at + 1]! : fallback;
};
const file = argument('file', 'bench-output/misaligned-200k/polygons.fgb');
const runs = Number(argument('runs', '3'));
const cpu = () => {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
};
const format = (milliseconds: number) => (milliseconds / 1000).toFixed(2);

for (let run = 0; run < runs; run++) {
  const load = os.loadavg()[0]!;
  const wall = [performance.now()];
  const used = [cpu()];
  const mark = () => {
    wall.push(performance.now());
    used.push(cpu());
  };
  const bytes = new Uint8Array(readFileSync(file));
  mark();
  const scan = scanFlatGeobuf(bytes, file);
  mark();
  const copied = scan && decodeFlatFeatures(bytes, scan);
  mark();
  const inPlace = scan && decodeFlatFeatures(bytes, scan, 0, scan.offsets.length - 1, { inPlace: true });
  mark();
  if (!copied || !inPlace) throw new Error(`${file}: not read into flat arrays`);
  const step = (index: number) => `${format(wall[index + 1]! - wall[index]!)} s (CPU ${format(used[index + 1]! - used[index]!)})`;
  process.stdout.write(
    `run ${run + 1}: ${copied.count} features, ${copied.coordinates.length / 2} vertices; file ${step(0)}, scan ${step(1)}, ` +
      `decode copying ${step(2)}, decode in place ${step(3)}; load ${load.toFixed(2)} → ${os.loadavg()[0]!.toFixed(2)}\n`,
  );
}
