import { Command, Option } from 'commander';
import type { BenchFlags } from './bench/bench-command.ts';
import type { Kysely } from 'kysely';
import { OperatorStore } from './accounts/operator.store.ts';
import { hashPassword } from './accounts/password.ts';
import type { Database } from './database.ts';
import { ListenError, startPlatform, VERSION } from './main.ts';
import { ConfigError, loadConfig } from './platform/config.ts';
import { DatabaseUnavailableError, openDatabase } from './platform/db.ts';
import { NodeIdInUseError } from './platform/node-identity.ts';
import { hashToken, randomSecret } from './platform/ids.ts';
import { MigrationError, migrateToLatest } from './platform/migrate.ts';
import { migrations } from './platform/migrations/index.ts';
import { CliOptionError, runSimulatorCommand, type CliFlags } from './simulator/simulator-command.ts';

const say = (line: string): void => {
  process.stdout.write(`${line}\n`);
};

/** Errors the operator can act on are printed as one line; anything else is a bug and shows its stack. */
function fail(err: unknown): never {
  const known = err instanceof ConfigError || err instanceof DatabaseUnavailableError || err instanceof ListenError || err instanceof NodeIdInUseError || err instanceof MigrationError || err instanceof CliError;
  process.stderr.write(`petrel: ${known ? (err as Error).message : ((err as Error).stack ?? String(err))}\n`);
  process.exit(1);
}

class CliError extends Error {}

async function withDatabase<T>(fn: (db: Kysely<Database>) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const handle = await openDatabase<Database>(config);
  try {
    await migrateToLatest(handle.db as Kysely<unknown>, migrations);
    return await fn(handle.db);
  } finally {
    await handle.close();
  }
}

const program = new Command('petrel').description('Petrel — an open-source A2P SMS platform').version(VERSION);

program
  .command('start', { isDefault: true })
  .description('start the platform: HTTP (panel and APIs) and SMPP')
  .option('--demo', 'also start the built-in carrier simulator and set up the demo client')
  .action(async (opts: { demo?: boolean }) => {
    const config = loadConfig(process.env, opts.demo ? { demo: true } : {});
    const platform = await startPlatform(config, { say });
    let stopping = false;
    const stop = (signal: string): void => {
      if (stopping) return;
      stopping = true;
      say(`${signal}: shutting down`);
      platform.close().then(
        () => process.exit(0),
        (err: unknown) => fail(err),
      );
    };
    process.once('SIGTERM', () => stop('SIGTERM'));
    process.once('SIGINT', () => stop('SIGINT'));
  });

program
  .command('migrate')
  .description('apply pending database migrations and exit')
  .action(async () => {
    const config = loadConfig();
    const handle = await openDatabase<Database>(config);
    try {
      const applied = await migrateToLatest(handle.db as Kysely<unknown>, migrations);
      say(applied.length ? `applied: ${applied.join(', ')}` : 'database is up to date');
    } finally {
      await handle.close();
    }
  });

const user = program.command('user').description('manage operators (admins and managers)');

user
  .command('create')
  .description('create an operator')
  .requiredOption('--login <login>', 'login (3–32 letters, digits, _)')
  .addOption(new Option('--role <role>', 'role').choices(['admin', 'manager']).default('manager'))
  .option('--password <password>', 'password (generated and printed when omitted)')
  .option('--name <name>', 'display name', '')
  .action(async (opts: { login: string; role: 'admin' | 'manager'; password?: string; name: string }) => {
    if (!/^[A-Za-z0-9_]{3,32}$/.test(opts.login)) throw new CliError('--login must be one word of 3–32 letters, digits or _');
    if (opts.password !== undefined && opts.password.length < 8) throw new CliError('--password must be at least 8 characters');
    const password = opts.password ?? randomSecret(12);
    await withDatabase(async (db) => {
      const store = new OperatorStore(db);
      if (await store.findByLogin(opts.login)) throw new CliError(`the login ${opts.login} is taken`);
      const op = await store.insert({ login: opts.login, passwordHash: await hashPassword(password), role: opts.role, name: opts.name });
      say(`created ${op.role} "${op.login}" (id ${op.id})${opts.password ? '' : ` with password: ${password}`}`);
    });
  });

user
  .command('token')
  .description('create an API token for an operator (printed once; use as "Authorization: Bearer <token>")')
  .requiredOption('--login <login>', 'the operator')
  .option('--name <name>', 'what the token is for', 'cli')
  .action(async (opts: { login: string; name: string }) => {
    await withDatabase(async (db) => {
      const store = new OperatorStore(db);
      const op = await store.findByLogin(opts.login);
      if (!op) throw new CliError(`no operator with the login ${opts.login}`);
      const token = `ptk_${randomSecret(32)}`;
      await store.createToken(op.id, opts.name, hashToken(token));
      say(token);
    });
  });

program
  .command('simulator')
  .description('start the built-in carrier SMSC: accepts binds, answers submits, sends receipts and MO')
  .option('--port <port>', 'SMPP port (0: any free port)', '2776')
  .option('--host <host>', 'address to listen on', '127.0.0.1')
  .option('--credentials <list>', 'accept only these binds: system_id:password,… (default: any)')
  .option('--hex-ids', 'hand out message ids in hex (default decimal)')
  .option('--delay-ms <ms>', 'delay from submit to receipt: 500, or a range 100-2000', '500')
  .option('--delivered <share>', 'share of DELIVRD receipts (default mix 0.9/0.05/0.03/0.02)')
  .option('--undelivered <share>', 'share of UNDELIV receipts')
  .option('--expired <share>', 'share of EXPIRED receipts')
  .option('--rejected <share>', 'share of REJECTD receipts')
  .option('--date-digits <n>', 'receipt dates: 10 (YYMMDDhhmm) or 12 (with seconds)', '10')
  .option('--upper-case', 'receipt keys in upper case (ID:, STAT:, …)')
  .option('--no-tlvs', 'receipts without receipted_message_id, message_state and network_error_code')
  .option('--throttle <rate>', 'answer ESME_RTHROTTLED above this many submits a second per system_id')
  .option('--reject-share <share>', 'refuse this share of submits (e.g. 0.1)')
  .option('--reject-status <codes>', 'command_status for refused submits, e.g. 0x45,0x14 (default ESME_RSUBMITFAIL)')
  .option('--drop-after <n>', 'drop each connection instead of answering its n-th submit')
  .option('--window <n>', 'receipts and MO in flight per connection', '10')
  .option('--stats-every <seconds>', 'print the counters this often', '5')
  .action(async (opts: CliFlags & { statsEvery: string }) => {
    await runSimulatorCommand(opts, say).catch((err: unknown) => {
      throw err instanceof CliOptionError ? new CliError(err.message) : err;
    });
  });

program
  .command('bench')
  .description('benchmark Petrel (SMPP and /sendsms) and Kannel side by side against the carrier simulator; writes bench/results/')
  .option('--json', 'print one JSON summary line last (progress goes to stderr)')
  .option('--count <n>', 'messages per run', '20000')
  .option('--binds <n>', 'client SMPP binds', '4')
  .option('--window <n>', 'submit_sm in flight per bind; binds × window is also the HTTP concurrency', '25')
  .option('--vendor-sessions <n>', 'SMPP connections to the simulator, for Petrel and Kannel alike', '4')
  .option('--vendor-window <n>', 'submits in flight per vendor connection (and receipts per simulator connection)', '100')
  .option('--delay-ms <ms>', 'simulator: delay from submit to receipt', '200')
  .option('--kannel', 'run Kannel side by side (default; installs Debian\'s kannel package when missing)')
  .option('--no-kannel', 'Petrel only')
  .option('--http', 'also measure /sendsms (default)')
  .option('--no-http', 'SMPP only')
  .option('--cpu-prof', "write a V8 CPU profile of Petrel's process to bench/results/ (*.cpuprofile, not committed)")
  .option('--rounds <n>', 'run everything n times (1–9), the systems alternating; report the round with the median ratio', '1')
  .action(async (opts: BenchFlags) => {
    const { BenchOptionError, runBenchCommand } = await import('./bench/bench-command.ts');
    await runBenchCommand(opts, loadConfig().databaseUrl).catch((err: unknown) => {
      throw err instanceof BenchOptionError ? new CliError(err.message) : err;
    });
    process.exit(0);
  });

program.parseAsync(process.argv).catch(fail);
