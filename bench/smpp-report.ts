import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cpus } from 'node:os';

/** Writes a benchmark's rows as bench/results/<name>.json and .md (a table). */
export function writeResults(name: string, title: string, rows: Record<string, string | number>[], notes: string[]): void {
  const dir = join(dirname(fileURLToPath(import.meta.url)), 'results');
  mkdirSync(dir, { recursive: true });
  const machine = { node: process.version, cpus: cpus().length, cpu: cpus()[0]?.model ?? 'unknown' };
  const at = new Date().toISOString();
  writeFileSync(join(dir, `${name}.json`), JSON.stringify({ name, at, machine, rows, notes }, null, 2) + '\n');
  const columns = Object.keys(rows[0] ?? {});
  const table = [
    `| ${columns.join(' | ')} |`,
    `| ${columns.map(() => '---').join(' | ')} |`,
    ...rows.map((row) => `| ${columns.map((c) => String(row[c])).join(' | ')} |`),
  ];
  const md = [`# ${title}`, '', `${at} · Node ${machine.node} · ${machine.cpus} × ${machine.cpu}`, '', ...table, '', ...notes.map((n) => `- ${n}`), ''];
  writeFileSync(join(dir, `${name}.md`), md.join('\n'));
  console.log(md.join('\n'));
}
