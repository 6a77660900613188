import { type ChildProcess, spawn } from 'node:child_process';

/** A process the bench started: its output so far, a wait for a line, and a stop that always ends it. */
export interface Child {
  readonly name: string;
  readonly pid: number;
  readonly proc: ChildProcess;
  /** The last lines it printed (stdout and stderr), for error messages. */
  tail(): string;
  /** Resolves with the first line (already printed or to come) matching `pattern`. */
  waitFor(pattern: RegExp, timeoutMs: number): Promise<RegExpExecArray>;
  /** Calls `fn` for every line from now on. */
  onLine(fn: (line: string) => void): void;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGTERM (or `signal`), then SIGKILL after `graceMs`; resolves once it has exited. */
  stop(signal?: NodeJS.Signals, graceMs?: number): Promise<void>;
}

export interface SpawnOptions {
  readonly env?: NodeJS.ProcessEnv;
  readonly cwd?: string;
}

const live = new Set<ChildProcess>();
let hooked = false;

/** Nothing the bench starts outlives it: on exit, and on SIGINT/SIGTERM, every child still running is killed. */
function hookExit(): void {
  if (hooked) return;
  hooked = true;
  const killAll = (): void => {
    for (const p of live) p.kill('SIGKILL');
  };
  process.on('exit', killAll);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    // Kill the children, then die of the same signal as we would have without this handler.
    process.once(signal, () => {
      killAll();
      process.kill(process.pid, signal);
    });
  }
}

export function spawnChild(name: string, command: string, args: readonly string[], opts: SpawnOptions = {}): Child {
  hookExit();
  const proc = spawn(command, args, { env: opts.env ?? process.env, cwd: opts.cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  if (proc.pid === undefined) throw new Error(`${name}: could not start ${command}`);
  live.add(proc);
  const lines: string[] = [];
  const listeners: ((line: string) => void)[] = [];
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    proc.once('exit', (code, signal) => {
      live.delete(proc);
      resolve({ code, signal });
    });
  });
  for (const stream of [proc.stdout, proc.stderr]) {
    let partial = '';
    stream?.setEncoding('utf8');
    stream?.on('data', (chunk: string) => {
      const parts = (partial + chunk).split('\n');
      partial = parts.pop() ?? '';
      for (const line of parts) {
        lines.push(line);
        if (lines.length > 200) lines.shift();
        for (const fn of listeners) fn(line);
      }
    });
  }
  const waitFor = (pattern: RegExp, timeoutMs: number): Promise<RegExpExecArray> =>
    new Promise((resolve, reject) => {
      for (const line of lines) {
        const m = pattern.exec(line);
        if (m) return resolve(m);
      }
      const timer = setTimeout(() => reject(new Error(`${name}: no line matching ${pattern} within ${timeoutMs} ms; it printed:\n${lines.slice(-30).join('\n')}`)), timeoutMs);
      listeners.push((line) => {
        const m = pattern.exec(line);
        if (m) {
          clearTimeout(timer);
          resolve(m);
        }
      });
      void exited.then(({ code, signal }) => {
        clearTimeout(timer);
        reject(new Error(`${name} exited (${signal ?? code}) before printing ${pattern}; it printed:\n${lines.slice(-30).join('\n')}`));
      });
    });
  const stop = async (signal: NodeJS.Signals = 'SIGTERM', graceMs = 10_000): Promise<void> => {
    if (proc.exitCode !== null || proc.signalCode !== null) return;
    proc.kill(signal);
    const timer = setTimeout(() => proc.kill('SIGKILL'), graceMs);
    await exited;
    clearTimeout(timer);
  };
  return { name, pid: proc.pid, proc, tail: () => lines.slice(-30).join('\n'), waitFor, onLine: (fn) => listeners.push(fn), exited, stop };
}
