/**
 * The --out file: refused when it is one of the input files (by real path, so also through a
 * symlink, `..` or a hard link) or its folder is missing, and written to a temporary file in the
 * same folder that is then renamed over the target, so a failed or interrupted run never leaves a
 * half-written file (or a truncated input).
 */
import { randomUUID } from 'node:crypto';
import { lstatSync, realpathSync, statSync } from 'node:fs';
import { rename, unlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { CliError, EXIT } from './cli-error';

export interface NamedInput {
  /** How messages name it, e.g. "--zones" or "--layer forest". */
  readonly label: string;
  readonly path: string;
}

const errorCode = (error: unknown) => (error as NodeJS.ErrnoException).code;

/** Device and inode of an existing file, or undefined. */
function identity(path: string): string | undefined {
  try {
    const stats = statSync(path);
    return `${stats.dev}:${stats.ino}`;
  } catch {
    return undefined;
  }
}

/**
 * The real path --out will be written to.
 * @throws CliError (exit 2) when the folder is missing, the path is a folder, or it is an input.
 */
export function resolveOutputPath(out: string, inputs: readonly NamedInput[]): string {
  const folder = dirname(resolve(out));
  let realFolder: string;
  try {
    realFolder = realpathSync(folder);
    if (!statSync(realFolder).isDirectory()) throw Object.assign(new Error('not a folder'), { code: 'ENOTDIR' });
  } catch (error) {
    const code = errorCode(error);
    throw new CliError(`--out: the folder "${folder}" ${code === 'ENOENT' || code === 'ENOTDIR' ? 'does not exist' : `cannot be used (${code ?? String(error)})`}`, EXIT.usage);
  }
  let target = join(realFolder, basename(resolve(out)));
  try {
    lstatSync(target);
    target = realpathSync(target); // an existing symlink is written through
  } catch {
    // A new file (or a dangling symlink, which is replaced).
  }
  if (statSync(target, { throwIfNoEntry: false })?.isDirectory()) throw new CliError(`--out: "${out}" is a folder, not a file`, EXIT.usage);
  const targetIdentity = identity(target);
  for (const input of inputs) {
    let real: string;
    try {
      real = realpathSync(input.path);
    } catch {
      continue; // a missing input is reported when it is read
    }
    if (real === target || (targetIdentity !== undefined && identity(real) === targetIdentity)) {
      throw new CliError(`--out "${out}" is the input file of ${input.label} ("${input.path}"): writing it would destroy the input; choose another output file`, EXIT.usage);
    }
  }
  return target;
}

/**
 * Writes `content` to `target` through a temporary file in the same folder and a rename.
 * @throws CliError (exit 2) naming the file when it cannot be written.
 */
export async function writeOutputFile(target: string, content: string | Uint8Array): Promise<void> {
  const temporary = join(dirname(target), `.${basename(target)}.${process.pid}.${randomUUID().slice(0, 8)}.tmp`);
  try {
    await writeFile(temporary, content, { flag: 'wx' });
    await rename(temporary, target);
  } catch (error) {
    await unlink(temporary).catch(() => undefined);
    throw new CliError(`--out: cannot write "${target}" (${errorCode(error) ?? String(error)})`, EXIT.usage);
  }
}
