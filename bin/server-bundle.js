// The platform as one JavaScript module, built from the TypeScript sources by esbuild when they
// changed since the last build. Node then loads one file instead of compiling some 400 modules
// through tsx at every start: the process starts about three times faster and holds about 90 MB
// less (compiled sources and their source maps kept in memory).
import { createRequire } from 'node:module';
import { mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));

/**
 * Two folders below the root, as deep as the modules whose paths are relative to their own file
 * (`src/platform/config.ts` finds `../../web/dist`, `src/bench/*` find `../../bin` and
 * `../../bench/results`): the bundle's `import.meta.url` stands for all of them. Inside the
 * project, so the npm packages it leaves out resolve from its node_modules.
 */
export const BUNDLE = join(ROOT, 'build', 'server', 'petrel.mjs');

/** The source files the bundle was built from, each with its time and size then, written beside it. */
const inputsOf = (bundle) => `${bundle}.inputs.json`;

/**
 * True when `bundle` exists and every file it was built from is still there with the time and
 * size it had then. Equal, not older: a file put back with an earlier time (a checkout, an
 * archive unpacked, a copy that keeps times) is a change too.
 */
export function bundleIsFresh(bundle = BUNDLE) {
  let inputs;
  try {
    statSync(bundle);
    inputs = JSON.parse(readFileSync(inputsOf(bundle), 'utf8')).inputs;
  } catch {
    return false;
  }
  if (!Array.isArray(inputs) || inputs.length === 0) return false;
  for (const input of inputs) {
    try {
      const now = statSync(input.file);
      if (now.mtimeMs !== input.mtimeMs || now.size !== input.size) return false;
    } catch {
      return false;
    }
  }
  return true;
}

/** A file as the build read it; one saved after the build began (esbuild may have read it before) is recorded as never seen, so the next start builds again. */
function recorded(file, started) {
  const { mtimeMs, size } = statSync(file);
  return { file, mtimeMs: mtimeMs >= started ? -1 : mtimeMs, size };
}

/** The workspace packages' package.json. */
function packageManifests() {
  return readdirSync(join(ROOT, 'packages')).map((dir) => join(ROOT, 'packages', dir, 'package.json'));
}

/** `@petrel/*` → its TypeScript entry (`packages/<dir>`): bundled, while every npm package stays outside. */
function workspacePackages() {
  const alias = {};
  for (const manifest of packageManifests()) {
    const pkg = JSON.parse(readFileSync(manifest, 'utf8'));
    alias[pkg.name] = `./${join(relative(ROOT, dirname(manifest)), pkg.main)}`;
  }
  return alias;
}

/**
 * Bundles `src/cli.ts` with the workspace packages (`@petrel/*`, TypeScript too); npm packages
 * stay outside and load from node_modules as before. Written to a temporary name and renamed, so
 * processes starting together never load half a file. A linked source map goes beside it
 * (`NODE_OPTIONS=--enable-source-maps` shows TypeScript positions in stack traces).
 */
export function buildServerBundle(bundle = BUNDLE) {
  const require = createRequire(join(ROOT, 'package.json'));
  const esbuild = require('esbuild');
  const started = Date.now();
  const result = esbuild.buildSync({
    absWorkingDir: ROOT,
    entryPoints: ['src/cli.ts'],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile: bundle,
    sourcemap: 'linked',
    metafile: true,
    write: false,
    logLevel: 'silent',
    packages: 'external',
    alias: workspacePackages(),
  });
  // Besides the sources: how they are bundled (this file, the package manifests the aliases come from).
  const inputs = [...Object.keys(result.metafile.inputs).map((file) => join(ROOT, file)), fileURLToPath(import.meta.url), join(ROOT, 'package.json'), ...packageManifests()].map((file) => recorded(file, started));
  mkdirSync(dirname(bundle), { recursive: true });
  const files = [...result.outputFiles.map((f) => [f.path, f.contents]), [inputsOf(bundle), `${JSON.stringify({ inputs })}\n`]];
  // The inputs list last: a start in between sees the new bundle with the old list, not fresh, and builds again.
  files.sort(([a], [b]) => (a === inputsOf(bundle)) - (b === inputsOf(bundle)));
  for (const [path, contents] of files) {
    const temporary = `${path}.${process.pid}.tmp`;
    writeFileSync(temporary, contents);
    renameSync(temporary, path);
  }
  return bundle;
}
