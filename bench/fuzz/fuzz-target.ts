import { startSimulator } from '../../src/simulator/index.ts';
import { createStore, type PetrelChild, startPetrelChild } from '../../src/bench/petrel-child.ts';
import { type BenchClient, setUpBenchWorld } from '../../src/bench/petrel-setup.ts';
import { lookAt, settledLook, type TargetLook } from './target-health.ts';

/** A Petrel child with a client set up and a simulator (in this process) as its vendor: what the fuzzers hit. */
export interface FuzzTarget {
  readonly petrel: PetrelChild;
  readonly client: BenchClient;
  look(): Promise<TargetLook>;
  /** After the fuzzer closed everything: waits for the server to close its side too. */
  settled(): Promise<TargetLook>;
  stop(): Promise<void>;
}

export async function startFuzzTarget(databaseUrl: string | undefined, balance = '5'): Promise<FuzzTarget> {
  const simulator = await startSimulator({ port: 0, receiptDelayMs: 100, outcomes: { DELIVRD: 1 } });
  const store = await createStore(databaseUrl, 'petrel_fuzz');
  const petrel = await startPetrelChild({ store }).catch(async (err: unknown) => {
    await simulator.stop();
    await store.remove();
    throw err;
  });
  const stop = async (): Promise<void> => {
    await petrel.stop('SIGTERM', 15_000);
    await simulator.stop();
    await store.remove();
  };
  const databasePort = store.databaseUrl ? Number(new URL(store.databaseUrl).port || 5432) : undefined;
  try {
    const client = await setUpBenchWorld(petrel.httpUrl, { simulatorPort: simulator.port, vendorSessions: 1, vendorWindow: 50, maxBinds: 1000, balance });
    return {
      petrel,
      client,
      look: () => lookAt(petrel.pid, petrel.httpUrl, petrel.smppPort, petrel.httpPort, databasePort),
      settled: () => settledLook(petrel.pid, petrel.httpUrl, petrel.smppPort, petrel.httpPort, databasePort),
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}

export interface FuzzVerdict {
  readonly ok: boolean;
  readonly failures: readonly string[];
}

/** 0 crashes, 0 connections left open, socket descriptors back where they were, memory flat (within `rssGrowthMb`). */
export function judge(before: TargetLook, after: TargetLook, rssGrowthMb: number): FuzzVerdict {
  const failures: string[] = [];
  if (!after.alive) failures.push('the Petrel process died');
  else if (!after.healthy) failures.push('/healthz does not answer 200');
  if (after.smppConnections > 0) failures.push(`${after.smppConnections} SMPP connection(s) left open by the server`);
  // The set-up's own keep-alive connections may still be open: only growth counts.
  if (after.httpConnections > before.httpConnections) failures.push(`HTTP connections left open grew from ${before.httpConnections} to ${after.httpConnections}`);
  if (after.socketFds > before.socketFds + 2) failures.push(`socket descriptors grew from ${before.socketFds} to ${after.socketFds}`);
  if (after.rssMb > before.rssMb + rssGrowthMb) failures.push(`RSS grew from ${before.rssMb} MB to ${after.rssMb} MB (bound: +${rssGrowthMb} MB)`);
  return { ok: failures.length === 0, failures };
}
