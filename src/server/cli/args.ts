/** Tiny argument reading for the workspace commands (--flag value pairs and positionals) and their exit. */
import { readFileSync } from 'node:fs';

export interface ParsedArgs {
  readonly positionals: string[];
  readonly flags: Map<string, string | true>;
}

export function parseArgs(argv: readonly string[]): ParsedArgs {
  const positionals: string[] = [];
  const flags = new Map<string, string | true>();
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index]!;
    if (arg.startsWith('--')) {
      const [name, inline] = arg.slice(2).split('=', 2) as [string, string | undefined];
      const next = argv[index + 1];
      if (inline !== undefined) flags.set(name, inline);
      else if (next !== undefined && !next.startsWith('--')) {
        flags.set(name, next);
        index++;
      } else flags.set(name, true);
    } else positionals.push(arg);
  }
  return { positionals, flags };
}

export function flag(args: ParsedArgs, name: string): string | undefined {
  const value = args.flags.get(name);
  return typeof value === 'string' ? value : undefined;
}

/** A password from --password-file, or the first line of standard input (never a command-line argument: it would show in ps and shell history). */
export async function readPassword(args: ParsedArgs): Promise<string> {
  const file = flag(args, 'password-file');
  if (file) return readFileSync(file, 'utf8').replace(/\r?\n$/, '');
  if (process.stdin.isTTY) process.stderr.write('Password (input is shown; pipe it or use --password-file to hide it): ');
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) {
    chunks.push(chunk as Buffer);
    if (process.stdin.isTTY && Buffer.concat(chunks).includes(10)) break;
  }
  return Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '';
}

/** Runs a command and exits with its code; an unexpected error prints its message (no stack) and exits 1. */
export function runCommand(main: () => Promise<number>): void {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}
