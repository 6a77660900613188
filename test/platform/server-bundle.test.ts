import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BUNDLE, buildServerBundle, bundleIsFresh, ROOT } from '../../bin/server-bundle.js';
import { VERSION } from '../../src/main.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A bundle and two sources in a folder of their own, recorded with their times and sizes as a build records them. */
function fakeBuild(): { bundle: string; sources: string[] } {
  const dir = mkdtempSync(join(tmpdir(), 'petrel-bundle-'));
  dirs.push(dir);
  const sources = [join(dir, 'a.ts'), join(dir, 'b.ts')];
  const bundle = join(dir, 'petrel.mjs');
  const past = new Date(Date.now() - 60_000);
  for (const s of sources) {
    writeFileSync(s, 'export {};\n');
    utimesSync(s, past, past);
  }
  writeFileSync(`${bundle}.inputs.json`, JSON.stringify({ inputs: sources.map((file) => ({ file, mtimeMs: statSync(file).mtimeMs, size: statSync(file).size })) }));
  writeFileSync(bundle, '');
  return { bundle, sources };
}

describe('the server bundle', () => {
  it('is fresh only while every source it was built from is there with the time and size it had', () => {
    const { bundle, sources } = fakeBuild();
    expect(bundleIsFresh(bundle)).toBe(true);
    const later = new Date(Date.now() + 60_000);
    utimesSync(sources[1] as string, later, later);
    expect(bundleIsFresh(bundle)).toBe(false);

    // Put back with an earlier time (a checkout, an archive unpacked, a copy that keeps times): a change too.
    const older = fakeBuild();
    const earlier = new Date(Date.now() - 3_600_000);
    writeFileSync(older.sources[0] as string, 'export const changed = 1;\n');
    utimesSync(older.sources[0] as string, earlier, earlier);
    expect(bundleIsFresh(older.bundle)).toBe(false);

    // The same size, only the time moved back.
    const touched = fakeBuild();
    utimesSync(touched.sources[1] as string, earlier, earlier);
    expect(bundleIsFresh(touched.bundle)).toBe(false);

    // An inputs list from before this format (paths only): built again.
    const oldFormat = fakeBuild();
    writeFileSync(`${oldFormat.bundle}.inputs.json`, JSON.stringify({ inputs: oldFormat.sources }));
    expect(bundleIsFresh(oldFormat.bundle)).toBe(false);

    const gone = fakeBuild();
    rmSync(gone.sources[0] as string);
    expect(bundleIsFresh(gone.bundle)).toBe(false);

    const unlisted = fakeBuild();
    rmSync(`${unlisted.bundle}.inputs.json`);
    expect(bundleIsFresh(unlisted.bundle)).toBe(false);

    const unbuilt = fakeBuild();
    rmSync(unbuilt.bundle);
    expect(bundleIsFresh(unbuilt.bundle)).toBe(false);
  });

  it('bundles the sources and the workspace packages, leaves npm packages to node_modules, and records its inputs', () => {
    const bundle = buildServerBundle();
    expect(bundle).toBe(BUNDLE);
    expect(bundleIsFresh()).toBe(true);
    const inputs = (JSON.parse(readFileSync(`${BUNDLE}.inputs.json`, 'utf8')) as { inputs: { file: string; mtimeMs: number; size: number }[] }).inputs.map((i) => i.file);
    expect(inputs).toContain(join(ROOT, 'src/cli.ts'));
    expect(inputs).toContain(join(ROOT, 'packages/smpp/src/index.ts'));
    // A change to how the sources are bundled makes a new bundle too.
    expect(inputs).toEqual(expect.arrayContaining([join(ROOT, 'bin/server-bundle.js'), join(ROOT, 'package.json'), join(ROOT, 'packages/smpp/package.json')]));
    const code = readFileSync(BUNDLE, 'utf8');
    expect(code).not.toMatch(/from ["'][^"']+\.ts["']/);
    expect(code).not.toMatch(/from ["']@petrel\//);
    expect(code).toMatch(/from ["']kysely["']/);
  });

  it('keeps every path a module finds relative to its own file pointing into the project', () => {
    buildServerBundle();
    const code = readFileSync(BUNDLE, 'utf8');
    const relative = [...code.matchAll(/new URL\(["']([^"']+)["'], import\.meta\.url\)/g)].map((m) => m[1] as string);
    expect(relative.length).toBeGreaterThanOrEqual(3);
    for (const path of relative) {
      const target = resolve(dirname(BUNDLE), path);
      expect(target.startsWith(ROOT), `${path} from the bundle is ${target}`).toBe(true);
      // web/dist is built later than the unit tests run; its folder is there.
      expect(existsSync(target) || existsSync(dirname(target)), `${path} from the bundle is ${target}`).toBe(true);
    }
    expect(relative.map((p) => resolve(dirname(BUNDLE), p))).toEqual(expect.arrayContaining([join(ROOT, 'bin/petrel.js'), join(ROOT, 'bench/results'), join(ROOT, 'web/dist')]));
  });

  it('runs the CLI from the bundle, and from the sources with PETREL_FROM_SOURCE=1', () => {
    const run = (env: NodeJS.ProcessEnv) => spawnSync(process.execPath, ['bin/petrel.js', '--version'], { cwd: ROOT, env: { ...process.env, ...env }, encoding: 'utf8', timeout: 60_000 });
    const bundled = run({});
    expect(bundled.status).toBe(0);
    expect(bundled.stdout.trim()).toBe(VERSION);
    expect(bundled.stderr).toBe('');
    const source = run({ PETREL_FROM_SOURCE: '1' });
    expect(source.status).toBe(0);
    expect(source.stdout.trim()).toBe(VERSION);
  });
});

