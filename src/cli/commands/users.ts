import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import { loadConfig } from '../../config/load.js';
import { ConfigError } from '../../errors/config-error.js';
import { StoreConflictError, type Store } from '../../store/contract.js';
import { openStore } from '../../store/open-store.js';
import { revokeClientAccess } from '../../users/consents.js';
import { addUser, normaliseUsername, removeUser, UserInputError } from '../../users/users.js';
import { wantsHelp, type Command } from '../command.js';

export const help = `Usage: gatehouse users <command> [options]

Manages the local users who sign in on Gatehouse's login page.

Commands:
  add <username>                  create a user; the password is read from standard input
                                  (one line), or asked for twice when run in a terminal
  list                            list users
  remove <username>               delete a user, their remembered consents and grants
  consents <username>             list the applications the user has allowed
  revoke <username> <client_id>   take back one application's access (consent and tokens)

Options:
  --config <file>   JSON configuration file (the store is config "store.url")
  --store <url>     memory | sqlite:<path> | redis://… | postgres://… (overrides the config)
  -h, --help        this help

The password is never accepted as an argument: argv is visible to every local user (ps).
Example: printf '%s\\n' "$PASSWORD" | gatehouse users add alice
`;

interface Io {
  out(text: string): void;
  stdin: NodeJS.ReadStream;
}

const defaultIo: Io = { out: (t) => process.stdout.write(t), stdin: process.stdin };

export async function run(argv: string[], io: Io = defaultIo): Promise<number> {
  if (wantsHelp(argv) || argv.length === 0) {
    io.out(help);
    return argv.length === 0 ? 1 : 0;
  }
  const { values, positionals } = parseArgs({
    args: argv,
    options: { config: { type: 'string' }, store: { type: 'string' } },
    allowPositionals: true,
    strict: true,
  });
  const [action, ...rest] = positionals;
  const config = loadConfig({ file: values.config, overrides: values.store ? { store: { url: values.store } } : {} });
  const arity: Record<string, number> = { add: 1, list: 0, remove: 1, consents: 1, revoke: 2 };
  if (action === undefined || !(action in arity)) throw new ConfigError('users', `unknown command "${action ?? ''}" (add, list, remove, consents, revoke)`);
  if (rest.length !== arity[action]) throw new ConfigError('users', `"users ${action}" takes ${arity[action]} argument(s), got ${rest.length}`);
  const store = await openStore(config.store.url, { redisPrefix: config.store.redisPrefix, postgresSchema: config.store.postgresSchema, sqliteSynchronous: config.store.sqliteSynchronous });
  try {
    return await perform(store, action, rest, io);
  } finally {
    await store.close();
  }
}

async function perform(store: Store, action: string, args: string[], io: Io): Promise<number> {
  const [username = '', clientId = ''] = args;
  switch (action) {
    case 'add': {
      const password = await readPassword(io.stdin, io.out);
      try {
        const user = await addUser(store, username, password);
        io.out(`Created user "${user.username}".\n`);
        return 0;
      } catch (error) {
        if (error instanceof UserInputError) throw new ConfigError('users add', error.message);
        if (error instanceof StoreConflictError) throw new ConfigError('users add', `the username "${normaliseUsername(username)}" is taken`);
        throw error;
      }
    }
    case 'list': {
      const users = await store.listUsers();
      if (users.length === 0) io.out('No users.\n');
      for (const user of users.sort((a, b) => a.username.localeCompare(b.username))) {
        io.out(`${user.username}\tcreated ${new Date(user.createdAt).toISOString()}\n`);
      }
      return 0;
    }
    case 'remove': {
      if (!(await removeUser(store, username))) throw new ConfigError('users remove', `no user "${normaliseUsername(username)}"`);
      io.out(`Removed user "${normaliseUsername(username)}" with their consents and grants.\n`);
      return 0;
    }
    case 'consents': {
      const user = await findUser(store, username, 'users consents');
      const consents = await store.listConsentsByUser(user.userId);
      if (consents.length === 0) io.out(`"${user.username}" has allowed no application.\n`);
      for (const c of consents) io.out(`${c.clientId}\t${c.scopes.join(' ') || '(no scopes)'}\tallowed ${new Date(c.grantedAt).toISOString()}\n`);
      return 0;
    }
    default: {
      const user = await findUser(store, username, 'users revoke');
      const had = await revokeClientAccess(store, user.userId, clientId, Date.now());
      io.out(had ? `Revoked the access of ${clientId} for "${user.username}".\n` : `"${user.username}" had not allowed ${clientId}; any grants it held are revoked.\n`);
      return 0;
    }
  }
}

async function findUser(store: Store, username: string, field: string) {
  const user = await store.getUserByName(normaliseUsername(username));
  if (!user) throw new ConfigError(field, `no user "${normaliseUsername(username)}"`);
  return user;
}

/** One line from a pipe, or a no-echo prompt (asked twice) on a terminal. */
async function readPassword(stdin: NodeJS.ReadStream, out: (text: string) => void): Promise<string> {
  if (!stdin.isTTY) {
    let text = '';
    for await (const chunk of stdin) text += chunk;
    return text.replace(/\r?\n$/, '');
  }
  const first = await promptHidden(stdin, 'Password: ', out);
  const second = await promptHidden(stdin, 'Repeat password: ', out);
  if (first !== second) throw new ConfigError('users add', 'the two passwords differ');
  return first;
}

function promptHidden(stdin: NodeJS.ReadStream, question: string, out: (text: string) => void): Promise<string> {
  out(question);
  // Typed characters are not echoed: readline writes to an output that drops everything.
  const muted = new Writable({ write: (_chunk, _encoding, done) => done() });
  const rl = createInterface({ input: stdin, output: muted, terminal: true });
  return new Promise((resolve) => {
    rl.question('', (answer) => {
      rl.close();
      out('\n');
      resolve(answer);
    });
  });
}

export const usersCommand: Command = { name: 'users', summary: 'add, list and remove local users; list and revoke their consents', help, run: (argv) => run(argv) };
