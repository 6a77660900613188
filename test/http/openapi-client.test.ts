import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addApiClient, eventually, type HttpWorld, makeKey, startHttpWorld, UA_NUMBER } from './support/http-world.ts';

// A REST client generated from the OpenAPI document the platform serves: openapi-typescript turns
// /api/openapi.json into types, openapi-fetch is the client, and the program below must compile
// against those types (so the document describes what the client sends and reads) before it runs.
const dir = join(import.meta.dirname, '../../test-results/openapi-client');

const program = `import createClient from 'openapi-fetch';
import type { paths } from './schema.ts';

export async function run(baseUrl: string, key: string, to: string) {
  const client = createClient<paths>({ baseUrl, headers: { authorization: \`Bearer \${key}\` } });
  const sent = await client.POST('/api/v1/messages', { body: { from: 'Shop', to, text: 'Hello from a generated client' } });
  const first = sent.data?.messages[0];
  const id: string | undefined = first && first.status !== 'refused' ? first.id : undefined;
  if (!id) throw new Error(\`not accepted: \${sent.response.status} \${JSON.stringify(sent.error)}\`);
  const read = async () => (await client.GET('/api/v1/messages/{id}', { params: { path: { id } } })).data;
  const balance = await client.GET('/api/v1/balance');
  const status: string | undefined = (await read())?.message.state;
  return { id, status, balance: balance.data?.balance, currency: balance.data?.currency, read };
}
`;

/** Type errors of `source` compiled with the generated schema, as text. */
function typeErrors(source: string): string[] {
  const file = join(dir, 'client.ts');
  writeFileSync(file, source);
  const options: ts.CompilerOptions = { strict: true, noEmit: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, allowImportingTsExtensions: true, skipLibCheck: true, types: [] };
  const diagnostics = ts.getPreEmitDiagnostics(ts.createProgram([file], options));
  return diagnostics.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
}

let world: HttpWorld;
beforeAll(async () => {
  world = await startHttpWorld();
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');
  const spec = (await (await fetch(`${world.url}/api/openapi.json`)).json()) as Parameters<typeof openapiTS>[0];
  writeFileSync(join(dir, 'openapi.json'), JSON.stringify(spec, null, 2));
  writeFileSync(join(dir, 'schema.ts'), astToString(await openapiTS(spec)));
});
afterAll(async () => {
  await world?.stop();
});

describe('a REST client generated from /api/openapi.json', () => {
  it('compiles against the generated types, and a misspelt field does not', () => {
    expect(typeErrors(program)).toEqual([]);
    const misspelt = program.replace("body: { from: 'Shop', to,", "body: { form: 'Shop', to,");
    expect(typeErrors(misspelt).join('\n')).toMatch(/form/);
  }, 60_000);

  it('sends a message, reads its status until delivered, and reads the balance', async () => {
    expect(typeErrors(program)).toEqual([]);
    const client = await addApiClient(world, 'openapi_gen', { balance: '5', price: '0.25' });
    const key = await makeKey(world, client.id);
    const generated = (await import(pathToFileURL(join(dir, 'client.ts')).href)) as { run: (baseUrl: string, key: string, to: string) => Promise<{ id: string; status: string | undefined; balance: string | undefined; currency: string | undefined; read: () => Promise<{ message: { state: string } } | undefined> }> };
    const r = await generated.run(world.url, key, `+${UA_NUMBER}`);
    expect(r.id).toMatch(/^\d+$/);
    expect(['queued', 'sent', 'delivered']).toContain(r.status);
    expect(r.balance).toBe('4.75');
    expect(r.currency).toMatch(/^[A-Z]{3}$/);
    await eventually(async () => (await r.read())?.message.state === 'delivered', 15_000, 'delivered');
  }, 60_000);
});
