/**
 * Chooses the attribute encoding of a file: the user's option, else the .cpg, else detection, and
 * builds the report with a preview of a few rows in UTF-8 and GBK (and the chosen one).
 */
import { decodeText, detectEncoding, normaliseEncoding, requireEncoding } from './encoding';
import type { EncodingReport, ImportWarning } from './types';
import { localized, type LocalizedText } from '../i18n';

export interface EncodingInputs {
  readonly file: string;
  /** Bytes to detect from (text or dbf records). */
  readonly sample: Uint8Array;
  /** User's choice (ImportOptions.encoding). */
  readonly option?: string;
  /** Contents of a .cpg file, when there is one. */
  readonly cpg?: Uint8Array;
  /** Decodes a few rows with an encoding, for the preview. */
  readonly preview: (encoding: string) => Record<string, string>[];
}

/** The encoding to decode with and its report; an unusable .cpg adds a warning and falls back to detection. */
export function chooseEncoding(inputs: EncodingInputs, warnings: ImportWarning[]): { encoding: string; report: EncodingReport } {
  let encoding: string;
  let source: EncodingReport['source'];
  let reason: LocalizedText;
  const cpgText = inputs.cpg ? decodeText(inputs.cpg, 'utf-8').trim() : undefined;
  const cpgLabel = cpgText !== undefined ? normaliseEncoding(cpgText) : undefined;
  if (inputs.option) {
    encoding = requireEncoding(inputs.option, inputs.file);
    source = 'option';
    reason = localized('import.encodingReason.chosen', { encoding });
  } else if (cpgLabel) {
    encoding = cpgLabel;
    source = 'cpg';
    reason = localized('import.encodingReason.cpg', { cpg: cpgText ?? '' });
  } else {
    if (cpgText !== undefined) {
      warnings.push({ file: inputs.file, message: localized('import.encodingReason.cpgUnknown', { cpg: cpgText }) });
    }
    const guess = detectEncoding(inputs.sample);
    encoding = guess.encoding;
    source = 'detected';
    reason = cpgText === undefined ? localized('import.encodingReason.noCpg', { reason: guess.reason }) : guess.reason;
  }
  const candidates = [...new Set(['utf-8', 'gbk', encoding])];
  const preview = candidates.map((candidate) => ({ encoding: candidate, rows: safePreview(inputs.preview, candidate) }));
  return { encoding, report: { encoding, source, reason, preview } };
}

function safePreview(preview: (encoding: string) => Record<string, string>[], encoding: string): Record<string, string>[] {
  try {
    return preview(encoding);
  } catch {
    return [];
  }
}
