/**
 * `npm run data` — generates the illustrative sample layers (FlatGeobuf) and catalog.json, then
 * cuts the vector tiles the map draws the sub-compartments from (sample-data/catalog-tiles.ts).
 *
 *   npm run data -- [--out <dir>] [--seed <n>] [--subcompartments <n>] [--corridor-width <m>]
 *
 * Defaults: public/data, seed 20230101, about 40,000 sub-compartments, corridors 1,000 m each
 * side. Same options → byte-identical files.
 */
import { USAGE, parseArguments } from './sample-data/cli';
import { generateSampleData } from './sample-data/generate';
import { printSummary } from './sample-data/report';
import { ensureCatalogTiles } from './sample-data/catalog-tiles';

const args = parseArguments(process.argv.slice(2));
if (args.help) {
  console.log(USAGE);
} else {
  const result = generateSampleData(
    args.outDir,
    { seed: args.seed, subcompartments: args.subcompartments, corridorWidth: args.corridorWidth },
    (message) => console.log(message),
  );
  printSummary(result, (line) => console.log(line));
  await ensureCatalogTiles(args.outDir, (line) => console.log(line));
}
