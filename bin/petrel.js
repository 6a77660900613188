#!/usr/bin/env node
// Runs the platform from one module that esbuild bundles from the TypeScript sources whenever they
// changed (bin/server-bundle.js): no build step between a change and a start. PETREL_FROM_SOURCE=1
// runs the sources through tsx instead, as does a checkout where the bundle cannot be written.
import { BUNDLE, buildServerBundle, bundleIsFresh } from './server-bundle.js';

async function fromSource() {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli.ts');
}

if (process.env.PETREL_FROM_SOURCE === '1') {
  await fromSource();
} else {
  let bundle = BUNDLE;
  try {
    if (!bundleIsFresh(bundle)) bundle = buildServerBundle(bundle);
  } catch (err) {
    // A syntax error shows again, with its place, when tsx loads the file.
    process.stderr.write(`petrel: could not bundle the sources (${String(err?.message ?? err).split('\n')[0]}); running them through tsx\n`);
    bundle = undefined;
  }
  if (bundle) await import(bundle);
  else await fromSource();
}
