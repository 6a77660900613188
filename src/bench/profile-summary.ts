import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Where a V8 CPU profile's time went: shares of samples by package or source folder, and the hottest functions. */
export interface ProfileSummary {
  readonly file: string;
  readonly seconds: number;
  /** [what, percent of samples], biggest first. "(idle)" is time the process waited. */
  readonly byArea: readonly (readonly [string, number])[];
  readonly hottest: readonly (readonly [string, number])[];
}

interface ProfileNode {
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
  readonly hitCount?: number;
}

/** The main-thread profile `node --cpu-prof` wrote for `pid` (it also writes one per worker thread: the biggest is the main one). */
export function newestProfile(dir: string, pid: number, since: number): string | undefined {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.cpuprofile') && f.includes(`.${pid}.`))
    .map((f) => join(dir, f))
    .filter((f) => statSync(f).mtimeMs >= since)
    .sort((a, b) => statSync(b).size - statSync(a).size);
  return files[0];
}

export function summarizeProfile(file: string, top = 15): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as { nodes: ProfileNode[]; timeDeltas: number[] };
  const total = profile.nodes.reduce((s, n) => s + (n.hitCount ?? 0), 0) || 1;
  const areas = new Map<string, number>();
  const functions = new Map<string, number>();
  for (const n of profile.nodes) {
    const hits = n.hitCount ?? 0;
    if (hits === 0) continue;
    const url = n.callFrame.url.replace(/^file:\/\//, '').replace(/^.*?\/(src|packages|node_modules)\//, '$1/');
    const area = areaOf(url, n.callFrame.functionName);
    areas.set(area, (areas.get(area) ?? 0) + hits);
    const fn = `${n.callFrame.functionName || '(anonymous)'}${url ? ` ${url}:${n.callFrame.lineNumber + 1}` : ''}`;
    functions.set(fn, (functions.get(fn) ?? 0) + hits);
  }
  const pct = (entries: Map<string, number>) =>
    [...entries]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([k, v]) => [k, Math.round((1000 * v) / total) / 10] as const);
  return { file, seconds: Math.round(profile.timeDeltas.reduce((s, d) => s + d, 0) / 1e5) / 10, byArea: pct(areas), hottest: pct(functions) };
}

function areaOf(url: string, fn: string): string {
  if (url.startsWith('node_modules/')) {
    const parts = url.slice('node_modules/'.length).split('/');
    return `npm ${parts[0]?.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]}`;
  }
  if (url.startsWith('src/') || url.startsWith('packages/')) return url.split('/').slice(0, 3).join('/');
  if (url.startsWith('node:')) return url;
  return fn || '(native)';
}
