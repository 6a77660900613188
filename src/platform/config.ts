import { resolve } from 'node:path';
import { z } from 'zod';

/** The platform's configuration: parsed from the environment once, here and nowhere else. */
export interface Config {
  readonly databaseUrl: string | undefined;
  readonly dataDir: string;
  readonly host: string;
  readonly httpPort: number;
  readonly smppPort: number;
  readonly adminPassword: string | undefined;
  readonly smtpUrl: string | undefined;
  /** The From of client mail (PETREL_MAIL_FROM). */
  readonly mailFrom: string;
  readonly allowPrivateCallbacks: boolean;
  readonly demo: boolean;
  readonly logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  readonly webDist: string;
  /** The name this node claims work under (see platform/node-identity.ts); derived when absent. */
  readonly nodeId: string | undefined;
  /** PETREL_METRICS_TOKEN: the bearer token GET /metrics asks for; none = metrics off. */
  readonly metricsToken: string | undefined;
  /** PGOPTIONS, when set: the operator's own session settings, which then replace Petrel's (platform/db.ts). */
  readonly pgOptions: string | undefined;
}

const port = z.coerce.number().int().min(0).max(65535);
const flag = z.enum(['0', '1', 'true', 'false', '']).transform((v) => v === '1' || v === 'true');

const envSchema = z.object({
  DATABASE_URL: z.string().url().optional(),
  PETREL_DATA_DIR: z.string().min(1).default('./data'),
  PETREL_HOST: z.string().min(1).default('127.0.0.1'),
  PETREL_HTTP_PORT: port.default(8080),
  PETREL_SMPP_PORT: port.default(2775),
  PETREL_ADMIN_PASSWORD: z.string().min(8, 'must be at least 8 characters').optional(),
  PETREL_SMTP_URL: z.string().regex(/^smtps?:\/\/[^\s]+$/, 'an smtp:// or smtps:// URL, e.g. smtp://user:password@mail.example.com:587').optional(),
  PETREL_MAIL_FROM: z.string().min(3).max(200).default('Petrel <petrel@localhost>'),
  PETREL_ALLOW_PRIVATE_CALLBACKS: flag.default(false),
  PETREL_DEMO: flag.default(false),
  PETREL_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  PETREL_WEB_DIST: z.string().optional(),
  PETREL_NODE_ID: z.string().min(1).max(100, 'at most 100 characters').optional(),
  PETREL_METRICS_TOKEN: z.string().min(16, 'at least 16 characters').max(200).regex(/^[\x21-\x7e]+$/, 'printable characters without spaces').optional(),
  PGOPTIONS: z.string().optional(),
});

export class ConfigError extends Error {}

/** Reads the environment; unknown variables are ignored, bad values are reported all at once. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`invalid configuration:\n  ${lines.join('\n  ')}`);
  }
  const e = parsed.data;
  return {
    databaseUrl: e.DATABASE_URL,
    dataDir: resolve(e.PETREL_DATA_DIR),
    host: e.PETREL_HOST,
    httpPort: e.PETREL_HTTP_PORT,
    smppPort: e.PETREL_SMPP_PORT,
    adminPassword: e.PETREL_ADMIN_PASSWORD,
    smtpUrl: e.PETREL_SMTP_URL,
    mailFrom: e.PETREL_MAIL_FROM,
    allowPrivateCallbacks: e.PETREL_ALLOW_PRIVATE_CALLBACKS,
    demo: e.PETREL_DEMO,
    logLevel: e.PETREL_LOG_LEVEL,
    webDist: resolve(e.PETREL_WEB_DIST ?? new URL('../../web/dist', import.meta.url).pathname),
    nodeId: e.PETREL_NODE_ID,
    metricsToken: e.PETREL_METRICS_TOKEN,
    pgOptions: e.PGOPTIONS,
    ...overrides,
  };
}
