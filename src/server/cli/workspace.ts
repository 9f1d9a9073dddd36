/**
 * npm run workspace -- backup FILE | restore FILE | migrate
 * On the embedded database run it with the server stopped; on PostgreSQL any time (restore
 * replaces everything: stop the servers first).
 */
import { backup, restore } from '../backup/backup';
import { openWorkspace } from '../open-workspace';
import { parseArgs, runCommand } from './args';

async function main(): Promise<number> {
  const { positionals } = parseArgs(process.argv.slice(2));
  const [command, file] = positionals;
  if (!(command === 'migrate' || ((command === 'backup' || command === 'restore') && file))) {
    console.error('usage: npm run workspace -- backup FILE | restore FILE | migrate');
    return 2;
  }
  const workspace = await openWorkspace(`npm run workspace -- ${command}`);
  try {
    if (command === 'migrate') {
      console.log(workspace.applied.length ? `applied ${workspace.applied.join(', ')}` : 'schema up to date');
    } else {
      const counts = command === 'backup' ? await backup(workspace.db, file!) : await restore(workspace.db, file!);
      const total = Object.values(counts).reduce((sum, n) => sum + n, 0);
      console.log(`${command === 'backup' ? 'wrote' : 'restored'} ${total} rows (${Object.entries(counts).filter(([, n]) => n > 0).map(([t, n]) => `${t} ${n}`).join(', ')}) ${command === 'backup' ? 'to' : 'from'} ${file}`);
    }
    return 0;
  } finally {
    await workspace.close();
  }
}

runCommand(main);
