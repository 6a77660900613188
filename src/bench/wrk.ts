import { spawn } from 'node:child_process';
import { ensureDebianPackage } from './debian-package.ts';

/** What a wrk script's done() prints as its JSON line (see bench/http-intake.lua). */
export interface WrkResult {
  readonly seconds: number;
  /** Requests wrk completed (answered, any status). */
  readonly requests: number;
  /** Answers the script's response() saw. */
  readonly answered: number;
  /** Recipients the answers accepted, as the script counts them. */
  readonly accepted: number;
  readonly errors: { readonly connect: number; readonly read: number; readonly write: number; readonly status: number; readonly timeout: number };
  readonly latencyMs: { readonly p50: number; readonly p90: number; readonly p99: number; readonly max: number };
  /** wrk's own CPU (user + system seconds), from the shell's `times`. */
  readonly loadCpuSeconds: number;
}

export interface WrkOptions {
  readonly url: string;
  readonly script: string;
  /** Arguments for the script's init(). */
  readonly args: readonly string[];
  readonly connections: number;
  readonly seconds: number;
}

/** Installs Debian's wrk package when it is missing (root only); throws with the command otherwise. */
export function ensureWrk(say?: (line: string) => void): string {
  return ensureDebianPackage('wrk', ['/usr/bin/wrk'], say);
}

/**
 * Runs wrk (one thread: a C event loop costs the machine a few µs per request, where a Node
 * client would take a core from the server it measures) with a Lua script that prints one JSON
 * line from done(), and reads that line and wrk's CPU time.
 */
export function runWrk(o: WrkOptions): Promise<WrkResult> {
  const args = ['-t1', `-c${o.connections}`, `-d${o.seconds}s`, '--timeout', '30s', '-s', o.script, o.url, '--', ...o.args];
  return new Promise((resolve, reject) => {
    // bash's `times` prints the CPU time of the shell's children: wrk's, which Node cannot read once it has reaped it.
    const child = spawn('bash', ['-c', 'wrk "$@"; s=$?; times; exit $s', 'wrk', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (code !== 0 || !line) return reject(new Error(`wrk exited with ${code}: ${(err || out).trim().slice(0, 500)}`));
      const times = /(\d+)m([\d.]+)s (\d+)m([\d.]+)s\s*$/.exec(out.trim());
      const cpu = times ? Number(times[1]) * 60 + Number(times[2]) + Number(times[3]) * 60 + Number(times[4]) : Number.NaN;
      resolve({ ...(JSON.parse(line) as Omit<WrkResult, 'loadCpuSeconds'>), loadCpuSeconds: cpu });
    });
  });
}
