/**
 * The English texts of every catalogue. The page imports this module when the UI switches to
 * English (loadLocale in ./index.ts); workers, the CLI, the server and the tests, which may answer
 * in either language at any time, import it once, statically, at their entry.
 */
import { registerEnglish, type MessageKey } from './index';
import { commonEnglish } from './en/messages';
import { basemapEnglish } from './en/basemap-messages';
import { cliEnglish } from './en/cli-messages';
import { corridorEnglish } from './en/corridor-messages';
import { crsEnglish } from './en/crs-messages';
import { fieldEnglish } from './en/field-messages';
import { fireEnglish } from './en/fire-messages';
import { imageryEnglish } from './en/imagery-messages';
import { importEnglish } from './en/import-messages';
import { importErrorEnglish } from './en/import-error-messages';
import { plotEnglish } from './en/plot-messages';
import { rectificationEnglish } from './en/rectification-messages';
import { statisticsEnglish } from './en/statistics-messages';
import { storageEnglish } from './en/storage-messages';
import { terrainEnglish } from './en/terrain-messages';
import { validationEnglish } from './en/validation-messages';
import { workspaceEnglish } from './en/workspace-messages';

/** Every catalogue's English texts (tests/unit/i18n.test.ts checks they match ./index.ts's CATALOGUES). */
export const ENGLISH_CATALOGUES = [
  commonEnglish,
  basemapEnglish,
  cliEnglish,
  corridorEnglish,
  crsEnglish,
  fieldEnglish,
  fireEnglish,
  imageryEnglish,
  importEnglish,
  importErrorEnglish,
  plotEnglish,
  rectificationEnglish,
  statisticsEnglish,
  storageEnglish,
  terrainEnglish,
  validationEnglish,
  workspaceEnglish,
] as const;

type EnglishKey = (typeof ENGLISH_CATALOGUES)[number] extends infer C ? (C extends unknown ? keyof C : never) : never;
/** Every key when the list above has a catalogue for each; otherwise `never`, and the call below fails to compile. */
type Covered = [Exclude<MessageKey, EnglishKey>] extends [never] ? MessageKey : never;

registerEnglish(Object.assign({}, ...ENGLISH_CATALOGUES) as Record<Covered, string>);
