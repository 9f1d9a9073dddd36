/**
 * npm run user -- add --name NAME --role ROLE [--township CODE] [--password-file FILE]
 *                 list | disable --name NAME | enable --name NAME | reset-password --name NAME [--password-file FILE]
 * The password comes from --password-file or standard input. Works on the embedded database
 * when the server is stopped, or alongside it on a PostgreSQL server (DATABASE_URL).
 */
import { isRole, ROLES } from '../domain/roles';
import { createUser, listUsers, updateUser } from '../domain/users';
import { HttpError } from '../http/errors';
import { openWorkspace } from '../open-workspace';
import { flag, parseArgs, readPassword, runCommand } from './args';

const USAGE = `usage: npm run user -- add --name NAME --role ${ROLES.join('|')} [--township CODE] [--password-file FILE]
       npm run user -- list
       npm run user -- disable --name NAME | enable --name NAME
       npm run user -- reset-password --name NAME [--password-file FILE]`;

const actor = `cli:${process.env.USER ?? 'unknown'}`;

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  const command = args.positionals[0];
  const name = flag(args, 'name');
  if (!command || !['add', 'list', 'disable', 'enable', 'reset-password'].includes(command) || (command !== 'list' && !name)) {
    console.error(USAGE);
    return 2;
  }
  const role = flag(args, 'role') ?? '';
  if (command === 'add' && !isRole(role)) {
    console.error(`--role must be one of ${ROLES.join(', ')}`);
    return 2;
  }
  const password = command === 'add' || command === 'reset-password' ? await readPassword(args) : '';
  const workspace = await openWorkspace(`npm run user -- ${command}`);
  try {
    if (command === 'list') {
      console.table((await listUsers(workspace.db)).map(({ id, name, role, townshipCode, disabled, lockedUntil }) => ({ id, name, role, township: townshipCode ?? '', disabled, lockedUntil: lockedUntil ?? '' })));
    } else if (command === 'add' && isRole(role)) {
      const user = await createUser(workspace.db, actor, { name: name!, role, townshipCode: flag(args, 'township') ?? null, password });
      console.log(`added ${user.name} (${user.role}${user.townshipCode ? `, township ${user.townshipCode}` : ''})`);
    } else if (command === 'reset-password') {
      await updateUser(workspace.db, actor, { name: name! }, { password });
      console.log(`password of ${name} reset; their sessions are signed out`);
    } else {
      await updateUser(workspace.db, actor, { name: name! }, { disabled: command === 'disable' });
      console.log(`${name} ${command}d`);
    }
    return 0;
  } catch (error) {
    if (error instanceof HttpError) {
      console.error(error.status === 409 ? `a user named ${name} already exists` : error.message);
      return 1;
    }
    throw error;
  } finally {
    await workspace.close();
  }
}

runCommand(main);
