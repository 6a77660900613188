import { CliOptionError, simulatorOptionsFromCli, type CliFlags } from './cli-options.ts';
import { formatCounters } from './counters.ts';
import { startSimulator } from './simulator.ts';

export { CliOptionError, type CliFlags };

/**
 * `petrel simulator`: starts the carrier simulator, prints its listener line and its counters every
 * `statsEverySeconds`, and on SIGINT/SIGTERM prints them once more, stops and exits 0.
 */
export async function runSimulatorCommand(flags: CliFlags & { readonly statsEvery: string }, say: (line: string) => void): Promise<void> {
  const options = simulatorOptionsFromCli(flags);
  const every = Number(flags.statsEvery);
  if (!(every > 0)) throw new CliOptionError(`--stats-every must be a number of seconds above 0, not "${flags.statsEvery}"`);
  const simulator = await startSimulator(options).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'EADDRINUSE') throw new CliOptionError(`port ${options.port} on ${options.host} is already in use; pick another with --port`);
    if (error.code === 'EADDRNOTAVAIL') throw new CliOptionError(`cannot listen on ${options.host}: no such local address (--host)`);
    throw error;
  });
  const host = simulator.host.includes(':') ? `[${simulator.host}]` : simulator.host;
  const who = options.credentials === undefined ? 'any credentials' : `${options.credentials.length} configured credential(s)`;
  say(`simulator (carrier SMSC) listening on smpp://${host}:${simulator.port}, accepting ${who}`);
  const timer = setInterval(() => say(`simulator: ${formatCounters(simulator.counters())}`), every * 1000);
  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    clearInterval(timer);
    say(`${signal}: simulator: ${formatCounters(simulator.counters())}`);
    simulator.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
}
