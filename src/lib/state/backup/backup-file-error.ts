/**
 * Why a backup file cannot be restored. Apart from ./backup-format.ts (the format's reader and
 * writer load with the backup panel) because the page's backup state tells this error from others.
 */
import { t, type Locale } from '../../i18n';

export type BackupProblem = 'not-a-backup' | 'newer-version' | 'damaged';

/** A file that cannot be restored, with a message naming the file and the problem. */
export class BackupFileError extends Error {
  constructor(
    readonly problem: BackupProblem,
    readonly fileName: string,
    readonly detail: string,
  ) {
    super(`${fileName}: ${problem}: ${detail}`);
    this.name = 'BackupFileError';
  }

  text(locale: Locale): string {
    return t(locale, `storage.backupProblem.${this.problem}`, { file: this.fileName, detail: this.detail });
  }
}
