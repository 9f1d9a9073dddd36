/**
 * Errors the CLI reports on stderr with a specific exit code (no stack trace for user mistakes).
 */
export const EXIT = {
  /** Bad arguments, missing file, unknown CRS. */
  usage: 2,
  /** A file could not be read. */
  input: 3,
  /** Geometry invalid beyond repair (or invalid with --no-repair). */
  geometry: 4,
} as const;

export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
    this.name = 'CliError';
  }
}
