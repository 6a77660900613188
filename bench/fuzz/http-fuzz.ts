import type { Rng } from './random.ts';

/** One raw HTTP request (request line, headers, body) as bytes, and what kind of abuse it is. */
export interface FuzzRequest {
  readonly kind: string;
  readonly bytes: Buffer;
}

export interface HttpFuzzContext {
  readonly host: string;
  /** A client's HTTP API login and password, so some requests get past authentication. */
  readonly login: string;
  readonly apiPassword: string;
}

const JSON_PATHS = ['/api/admin/login', '/api/admin/clients', '/api/v1/messages', '/api/admin/vendors', '/api/admin/routes', '/api/admin/clients/1/payments', '/api/admin/clients/1/prices', '/api/admin/destinations'];
const GET_PATHS = ['/sendsms', '/api/v1/balance', '/api/v1/messages/1', '/api/admin/clients', '/api/admin/clients/1', '/api/openapi.json', '/healthz', '/', '/index.html'];
const TRAVERSALS = [
  '/../../../../etc/passwd',
  '/%2e%2e/%2e%2e/%2e%2e/etc/passwd',
  '/..%2f..%2f..%2fetc%2fpasswd',
  '/assets/..%2f..%2f..%2f..%2fetc/passwd',
  '/assets/....//....//....//etc/passwd',
  '//etc/passwd',
  '/%252e%252e/%252e%252e/etc/passwd',
  '/..\\..\\..\\etc\\passwd',
  '/api/admin/clients/..%2f..%2f..%2fpackage.json',
  '/index.html%00.json',
  '/%c0%ae%c0%ae/%c0%ae%c0%ae/etc/passwd',
  '/s/..%2f..%2fpackage.json',
  '/api/../../package.json',
  '/.env',
  '/.git/config',
];
const BAD_JSON = [
  '{',
  '{"login":',
  '{"login":"admin","password":}',
  "{'login':'admin'}",
  '[',
  'null',
  '"just a string"',
  '12345678901234567890123456789012345678901234567890',
  '{"__proto__":{"admin":true},"login":"admin","password":"x"}',
  '{"constructor":{"prototype":{"polluted":1}}}',
  '{"login":"\\ud800","password":"\\udfff"}',
  '{"a":1e999999}',
  '{"to":["380501234567"],"text":{"$gt":""}}',
  '\u0000\u0001\u0002',
  '{"login":"admin","login":"admin2","password":"xx"}',
];

const crlf = '\r\n';

/** Percent-encodes every byte of the text's UTF-8 (encodeURIComponent throws on lone surrogates). */
const enc = (text: string): string => [...Buffer.from(text, 'utf8')].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('');

function request(method: string, path: string, headers: Record<string, string> | [string, string][], body?: Buffer | string, version = 'HTTP/1.1'): Buffer {
  const list = Array.isArray(headers) ? headers : Object.entries(headers);
  const head = `${method} ${path} ${version}${crlf}${list.map(([k, v]) => `${k}: ${v}`).join(crlf)}${list.length ? crlf : ''}${crlf}`;
  return Buffer.concat([Buffer.from(head, 'latin1'), body === undefined ? Buffer.alloc(0) : Buffer.isBuffer(body) ? body : Buffer.from(body)]);
}

function randomValue(rng: Rng): unknown {
  return rng.pick<() => unknown>([
    () => rng.int(-1e9, 1e9),
    () => rng.text(40),
    () => null,
    () => true,
    () => [],
    () => ({}),
    () => [rng.text(5), rng.int(0, 9)],
    () => 'x'.repeat(rng.int(1000, 100_000)),
    () => -0.5,
    () => Number.MAX_SAFE_INTEGER * 10,
    () => '380501234567',
    () => '<script>alert(1)</script>',
    () => "' OR 1=1 --",
  ])();
}

function nested(depth: number): string {
  return '['.repeat(depth) + ']'.repeat(depth);
}

/** One malformed request; a mix of the abuses the HTTP fuzz is meant to cover. */
export function fuzzRequest(rng: Rng, c: HttpFuzzContext): FuzzRequest {
  const host = c.host;
  const json = (path: string, body: string | Buffer, type = 'application/json') => request('POST', path, { host, 'content-type': type, 'content-length': String(Buffer.byteLength(body)) }, body);
  const auth = `username=${encodeURIComponent(c.login)}&password=${encodeURIComponent(c.apiPassword)}`;
  const cases: [string, number, () => Buffer][] = [
    ['bad-json', 15, () => json(rng.pick(JSON_PATHS), rng.pick(BAD_JSON))],
    [
      'wrong-types',
      15,
      () => {
        const keys = ['login', 'password', 'to', 'text', 'from', 'amount', 'kind', 'currency', 'destinationId', 'price', 'name', 'host', 'port', 'callbackUrl', 'scheduledAt', 'test', rng.text(10)];
        const body: Record<string, unknown> = {};
        for (let i = rng.int(1, 8); i > 0; i--) body[rng.pick(keys)] = randomValue(rng);
        return json(rng.pick(JSON_PATHS), JSON.stringify(body));
      },
    ],
    ['deep-json', 2, () => json(rng.pick(JSON_PATHS), nested(rng.int(1000, 50_000)))],
    [
      'huge-body',
      1,
      () => {
        const size = rng.pick([1024 * 1024 + 1, 2 * 1024 * 1024, 5 * 1024 * 1024]);
        return json(rng.pick(JSON_PATHS), `{"text":"${'A'.repeat(size)}"}`);
      },
    ],
    ['lying-length', 3, () => request('POST', rng.pick(JSON_PATHS), { host, 'content-type': 'application/json', 'content-length': String(rng.pick([100_000, 5, -1, 0])) }, '{"login":"admin","password":"xxxxxxxx"}')],
    [
      'sendsms-params',
      15,
      () => {
        const params = [
          `to=${rng.pick(['abc', '', '+', '380501234567+380501234568', '1'.repeat(200), '%00', enc(rng.text(30))])}`,
          `text=${rng.pick([enc(rng.text(200)), '%E0%A4', '%FF%FE', '%ZZ', 'x'.repeat(rng.int(1, 20_000)), '%C0%AF'])}`,
          `coding=${rng.pick(['0', '1', '2', '9', '-1', 'x'])}`,
          `dlr-mask=${rng.pick(['1', '-1', '999999999999', 'abc'])}`,
          `dlr-url=${enc(rng.pick(['http://127.0.0.1:1/%d', 'file:///etc/passwd', 'gopher://x', 'http://169.254.169.254/latest', rng.text(50)]))}`,
          `udh=${rng.pick(['zz', '050003', '0500030101', enc(rng.text(10))])}`,
          `validity=${rng.pick(['-5', '99999999999', 'x'])}`,
          `deferred=${rng.pick(['-5', '99999999999', 'x'])}`,
          `charset=${rng.pick(['utf-8', 'foo', 'utf-7', ''])}`,
          `from=${enc(rng.pick(['Petrel', '', 'x'.repeat(50), "'; DROP TABLE messages; --"]))}`,
        ];
        const chosen = params.filter(() => rng.chance(0.6)).join('&');
        const who = rng.chance(0.6) ? auth : `username=${enc(rng.text(20))}&password=${enc(rng.text(20))}`;
        const query = `${who}&${chosen}`;
        return rng.chance(0.5)
          ? request('GET', `/sendsms?${query}`, { host })
          : request('POST', '/sendsms', { host, 'content-type': rng.pick(['application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'text/plain', 'application/json']), 'content-length': String(Buffer.byteLength(query)) }, query);
      },
    ],
    ['traversal', 10, () => request(rng.pick(['GET', 'HEAD']), rng.pick(TRAVERSALS), { host })],
    ['bad-encoding', 8, () => request('GET', rng.pick(['/sendsms?text=%', '/api/admin/clients/%ZZ', '/%FF%FE', '/api/v1/messages/%00', '/api/admin/clients?search=%E0%A4%A', `/${rng.bytes(20).toString('latin1').replace(/[\r\n ]/g, '')}`]), { host })],
    [
      'header-abuse',
      12,
      () =>
        rng.pick<() => Buffer>([
          () => request('GET', '/healthz', Array.from({ length: rng.int(100, 2000) }, (_, i): [string, string] => [`x-h${i}`, 'v'])),
          () => request('GET', '/healthz', { host, 'x-big': 'a'.repeat(rng.int(8_000, 70_000)) }),
          () => request('POST', '/api/admin/login', [['host', host], ['content-length', '5'], ['content-length', '50'], ['content-type', 'application/json']], '{"a":1}'),
          () => request('POST', '/api/admin/login', { host, 'content-length': '4', 'transfer-encoding': 'chunked', 'content-type': 'application/json' }, `0${crlf}${crlf}GET /admin HTTP/1.1${crlf}${crlf}`),
          () => request('POST', '/api/admin/login', { host, 'transfer-encoding': 'chunked', 'content-type': 'application/json' }, `zz${crlf}{}${crlf}0${crlf}${crlf}`),
          () => request('GET', '/healthz', { host, 'bad header': 'x', 'x-ctl': 'a\u0001b' }),
          () => request('GET', '/healthz', { host, authorization: rng.pick(['Bearer ', 'Bearer ' + 'x'.repeat(5000), 'Basic !!!', 'Basic ' + Buffer.from(':').toString('base64'), 'Digest x']) }),
          () => request('GET', '/api/admin/me', { host, cookie: `petrel_session=${'z'.repeat(rng.int(1, 4000))}; ${rng.text(30)}` }),
          () => request('GET', '/api/v1/balance', { host, authorization: `Basic ${Buffer.from(`${c.login}:${rng.text(20)}`).toString('base64')}` }),
          () => request(rng.pick(['FOO', 'G ET', 'CONNECT', 'TRACE', 'PROPFIND', 'get']), '/healthz', { host }),
          () => request('GET', '/healthz', { host }, undefined, rng.pick(['HTTP/9.9', 'HTTP/1', 'FOO/1.1', 'HTTP/0.9'])),
          () => request('GET', 'http://evil.example/healthz', { host: 'evil.example' }),
          () => request('GET', `/sendsms?${'a='.repeat(rng.int(1000, 20_000))}`, { host }),
          () => request('GET', '/healthz', {}),
          () => Buffer.from(`GET /healthz HTTP/1.1${crlf}host: ${host}${crlf}x: a${crlf} folded${crlf}${crlf}`),
          () => Buffer.from(`GET /healthz HTTP/1.1\nhost: ${host}\n\n`),
        ])(),
    ],
    [
      'wrong-method-or-query',
      6,
      () =>
        request(rng.pick(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']), rng.pick(GET_PATHS) + rng.pick(['', '?page=-1', '?pageSize=999999', '?search=%00', '?id[]=1&id[]=2', `?${auth}`, '?__proto__[x]=1']), {
          host,
          authorization: rng.pick(['Bearer nope', `Basic ${Buffer.from(`${c.login}:${c.apiPassword}`).toString('base64')}`, 'Basic', '']),
        }),
    ],
    ['garbage', 4, () => rng.bytes(rng.int(1, 2000))],
    ['half-request', 5, () => request('POST', rng.pick(JSON_PATHS), { host, 'content-type': 'application/json', 'content-length': '100' }, '{"login":').subarray(0, rng.int(5, 80))],
  ];
  const total = cases.reduce((s, [, w]) => s + w, 0);
  let roll = rng.next() * total;
  for (const [kind, weight, make] of cases) {
    roll -= weight;
    if (roll < 0) return { kind, bytes: make() };
  }
  return { kind: 'garbage', bytes: rng.bytes(16) };
}
