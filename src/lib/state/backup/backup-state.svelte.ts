/**
 * The backup panel's state: making a backup (with progress) and restoring one as a merge —
 * read and check the file, compare it with the database, let the user decide each conflict,
 * then write. Components render this and call its methods; they never touch IndexedDB.
 */
import { openForestMapDatabase, type ForestMapDatabase } from '../persistence/database';
import { onConnectionEvent, type ConnectionEvent } from '../persistence/connection-events';
import { requestPersistentStorage, type PersistenceStatus } from '../persistence/storage-persistence';
import { datedFileName, downloadFile, MIME_TYPES } from '../download';
import { localized } from '../../i18n';
import type { BackupProgress } from './backup-archive';
import { BackupFileError } from './backup-file-error';
import type { BackupManifest } from './backup-format';
import type { RestoreChoice, RestoreConflict, RestoreOutcome, RestorePlan } from './restore-merge';

// Loaded when first used: zip writing and the merge stay out of the page's start-up bundle.
const archive = () => import('./backup-archive');
const merge = () => import('./restore-merge');

export type BackupPhase = BackupProgress['phase'] | 'comparing' | 'writing';
export type Message = { readonly zh: string; readonly en: string };

export const BACKUP_BASE_NAME = '酉阳林业一张图备份';

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));

export class BackupState {
  persistence = $state<PersistenceStatus | null>(null);
  busy = $state(false);
  progress = $state.raw<{ phase: BackupPhase; done: number; total: number } | null>(null);
  error = $state.raw<Message | null>(null);
  lastBackup = $state.raw<{ at: string; fileName: string } | null>(null);
  made = $state.raw<{ fileName: string; bytes: number } | null>(null);
  /** A restore waiting for the user's decisions. */
  pending = $state.raw<{ fileName: string; manifest: BackupManifest; plan: RestorePlan } | null>(null);
  choices = $state<Record<string, RestoreChoice>>({});
  outcome = $state.raw<RestoreOutcome | null>(null);
  /** A database connection problem the user must act on (close other tabs, or reload). */
  connection = $state.raw<ConnectionEvent | null>(null);

  private databasePromise: Promise<ForestMapDatabase> | null = null;

  constructor(private readonly openDatabase: () => Promise<ForestMapDatabase> = () => openForestMapDatabase()) {}

  /** At start: ask the browser to keep the data, and read when the last backup was made. */
  async start(): Promise<void> {
    onConnectionEvent((event) => (this.connection = event.kind === 'unblocked' ? null : event));
    this.persistence = await requestPersistentStorage();
    try {
      const record = await (await this.database()).get('meta', 'last-backup');
      if (record?.id === 'last-backup') this.lastBackup = { at: record.at, fileName: record.fileName };
    } catch {
      // The database's own problems are shown by the panels that use it.
    }
  }

  /** Writes the backup and hands it to the browser as a download. */
  async backup(now: Date = new Date()): Promise<void> {
    if (this.busy) return;
    this.begin();
    try {
      const database = await this.database();
      const { writeBackup } = await archive();
      const { bytes } = await writeBackup(database, { now: () => now, onProgress: (progress) => (this.progress = progress) });
      const fileName = datedFileName(BACKUP_BASE_NAME, 'zip', now);
      downloadFile(fileName, bytes, MIME_TYPES.zip);
      this.made = { fileName, bytes: bytes.byteLength };
      this.lastBackup = { at: now.toISOString(), fileName };
      await database.put('meta', { id: 'last-backup', at: now.toISOString(), fileName });
    } catch (error) {
      this.error = localized('storage.backup.failed', { detail: errorText(error) });
    } finally {
      this.end();
    }
  }

  /** Reads and checks a backup file and compares it with the database; the user decides next. */
  async openFile(file: File): Promise<void> {
    if (this.busy) return;
    this.begin();
    this.outcome = null;
    try {
      const [{ readBackup }, { planRestore }] = await Promise.all([archive(), merge()]);
      const contents = await readBackup(new Uint8Array(await file.arrayBuffer()), file.name, (progress) => (this.progress = progress));
      this.progress = { phase: 'comparing', done: 0, total: 1 };
      const plan = await planRestore(await this.database(), contents);
      this.choices = Object.fromEntries(plan.conflicts.map((conflict) => [conflict.key, 'mine' as RestoreChoice]));
      this.pending = { fileName: file.name, manifest: contents.manifest, plan };
    } catch (error) {
      this.error =
        error instanceof BackupFileError
          ? { zh: error.text('zh'), en: error.text('en') }
          : localized('storage.restore.unreadable', { file: file.name, detail: errorText(error) });
    } finally {
      this.end();
    }
  }

  choose(conflict: RestoreConflict, choice: RestoreChoice): void {
    this.choices[conflict.key] = choice;
  }

  chooseAll(choice: RestoreChoice): void {
    for (const key of Object.keys(this.choices)) this.choices[key] = choice;
  }

  cancel(): void {
    this.pending = null;
    this.choices = {};
  }

  /** Writes the pending restore with the user's choices. */
  async apply(): Promise<void> {
    const pending = this.pending;
    if (!pending || this.busy) return;
    this.begin();
    const choices = { ...this.choices };
    try {
      const { applyRestore } = await merge();
      this.outcome = await applyRestore(await this.database(), pending.plan, (conflict) => choices[conflict.key] ?? 'mine', {
        onProgress: (done, total) => (this.progress = { phase: 'writing', done, total }),
      });
      this.pending = null;
    } catch (error) {
      this.error = localized('storage.restore.unfinished', { detail: errorText(error) });
    } finally {
      this.end();
    }
  }

  private database(): Promise<ForestMapDatabase> {
    this.databasePromise ??= this.openDatabase();
    return this.databasePromise;
  }

  private begin(): void {
    this.busy = true;
    this.error = null;
    this.made = null;
    this.progress = null;
  }

  private end(): void {
    this.busy = false;
    this.progress = null;
  }
}
