/**
 * Errors the CLI reports on stderr with a specific exit code (no stack trace for user mistakes).
 */
/** Exit codes of `npm run stats`. */
export const EXIT = {
  /** Bad arguments, missing file, unknown CRS. */
  usage: 2,
  /** A file could not be read. */
  input: 3,
  /** Geometry invalid beyond repair (or invalid with --no-repair). */
  geometry: 4,
} as const;

/** A user-facing CLI failure: printed as "error: message" and exits with `exitCode`. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
    this.name = 'CliError';
  }
}
