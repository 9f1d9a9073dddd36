/** English texts of ../cli-messages.ts (this module loads when the UI switches to English). */
import type { EnglishOf } from '../catalogue';
import type { cliMessages } from '../cli-messages';

export const cliEnglish: EnglishOf<typeof cliMessages> = {
  'cli.severalLayers': '{label}: "{path}" holds {count} layers: {list}; using "{layer}"',
  'cli.severalFolders': '{label}: all {count} features used, from {folders} folders: {list}',
  'cli.noFeatures': '{label}: "{path}" holds no features to measure',
  'cli.beyondRepair': '{count} features have geometry beyond repair: the statistics would be incomplete',
};
