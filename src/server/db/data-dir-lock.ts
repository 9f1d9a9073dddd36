/**
 * PGlite's data directory may be opened by one process only: a second one (say `npm run user`
 * while the server runs) would corrupt it. A lock file with the owner's pid guards it; a lock
 * left by a dead process is taken over.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Takes the lock; returns its release. Throws naming the holder when another process has it. */
export function lockDataDir(dir: string, purpose: string): () => void {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'workspace.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(file, JSON.stringify({ pid: process.pid, purpose, since: new Date().toISOString() }), { flag: 'wx' });
      return () => rmSync(file, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      let holder: { pid?: number; purpose?: string } = {};
      try {
        holder = JSON.parse(readFileSync(file, 'utf8')) as typeof holder;
      } catch {
        // unreadable lock: treat as stale
      }
      if (holder.pid && holder.pid !== process.pid && alive(holder.pid)) {
        throw new Error(
          `${dir} is in use by process ${holder.pid} (${holder.purpose ?? 'unknown'}). Stop it first, or use a PostgreSQL server (DATABASE_URL) to run commands alongside the server.`,
          { cause: error },
        );
      }
      rmSync(file, { force: true });
    }
  }
  throw new Error(`Could not lock ${dir}`);
}
