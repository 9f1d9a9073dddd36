/**
 * Chooses the attribute encoding of a file: the user's option, else the .cpg, else detection, and
 * builds the report with a preview of a few rows in UTF-8 and GBK (and the chosen one).
 */
import { decodeText, detectEncoding, normaliseEncoding, requireEncoding } from './encoding';
import type { EncodingReport, ImportWarning } from './types';
import type { LocalizedText } from '../i18n/locale';

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
    reason = { zh: `按用户选择使用${encoding}`, en: `${encoding} as chosen` };
  } else if (cpgLabel) {
    encoding = cpgLabel;
    source = 'cpg';
    reason = { zh: `.cpg文件指定为“${cpgText}”`, en: `the .cpg file says "${cpgText}"` };
  } else {
    if (cpgText !== undefined) {
      warnings.push({ file: inputs.file, message: { zh: `.cpg中的编码“${cpgText}”无法识别，改为自动判断`, en: `the .cpg encoding "${cpgText}" is not recognised: detecting instead` } });
    }
    const guess = detectEncoding(inputs.sample);
    encoding = guess.encoding;
    source = 'detected';
    const missing = cpgText === undefined ? { zh: '没有.cpg文件；', en: 'no .cpg file; ' } : { zh: '', en: '' };
    reason = { zh: missing.zh + guess.reason.zh, en: missing.en + guess.reason.en };
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
