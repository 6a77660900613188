import type { FastifyInstance } from 'fastify';
import { type Kysely, sql } from 'kysely';
import { z } from 'zod';
import type { OperatorAuth } from '../../accounts/operator-auth.ts';
import { clientScopeOf } from '../../accounts/operator-scope.ts';
import type { Database } from '../../database.ts';
import { parseWith } from '../../http/validate.ts';
import type { Clock } from '../../platform/clock.ts';
import { STATS_GROUPS, type StatsGroup, type StatsRow, queryStats } from './stats-query.store.ts';

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD');
const statsParams = z
  .object({
    from: date.optional(),
    to: date.optional(),
    clientId: z.coerce.number().int().positive('not a valid id').optional(),
    groupBy: z
      .string()
      .optional()
      .transform((v, ctx) => {
        const parts = (v ?? 'day,state').split(',').map((p) => p.trim()).filter(Boolean);
        const bad = parts.filter((p) => !(STATS_GROUPS as readonly string[]).includes(p));
        if (bad.length) ctx.addIssue({ code: 'custom', message: `unknown group ${bad.join(', ')}; use ${STATS_GROUPS.join(', ')}` });
        return parts as StatsGroup[];
      }),
  })
  .refine((p) => !p.from || !p.to || p.from <= p.to, { message: 'must not be after to', path: ['from'] });

interface Deps {
  readonly db: Kysely<Database>;
  readonly auth: OperatorAuth;
  readonly clock: Clock;
}

/**
 * `GET /api/admin/stats?from=&to=&clientId=&groupBy=day,client,vendor,country,network,state,test`:
 * message counts, segments and amounts from the counters kept as messages change state (the
 * messages table is never scanned), with the client's login and the vendor's name where grouped by
 * them. Days are the clients' local days; managers see their clients.
 */
export function registerStatsRoutes(app: FastifyInstance, deps: Deps): void {
  app.get(
    '/api/admin/stats',
    {
      schema: {
        tags: ['statistics'],
        summary: 'Message statistics by day, client, vendor, country, network, state, test flag',
        querystring: {
          type: 'object',
          properties: {
            from: { type: 'string', format: 'date' },
            to: { type: 'string', format: 'date' },
            clientId: { type: 'integer' },
            groupBy: { type: 'string', description: `comma-separated: ${STATS_GROUPS.join(', ')} (default day,state)` },
          },
        },
      },
      preHandler: deps.auth.guard(),
    },
    async (request) => {
      const p = parseWith(statsParams, request.query, 'query');
      const today = deps.clock.now().toISOString().slice(0, 10);
      const to = p.to ?? today;
      const from = p.from ?? new Date(Date.parse(`${to}T00:00:00Z`) - 30 * 86_400_000).toISOString().slice(0, 10);
      const clientIds = await clientScopeOf(deps.db, request);
      const rows = await queryStats(deps.db, { from, to, groupBy: p.groupBy, ...(p.clientId ? { clientId: p.clientId } : {}), ...(clientIds ? { clientIds } : {}) });
      return { from, to, groupBy: p.groupBy, rows: await withNames(deps.db, rows) };
    },
  );
}

/**
 * Each row grouped by client gets the client's login, by vendor the vendor's name (null: no vendor
 * yet), by network the network's name from the destinations ('mcc-mnc' as intake keys it; null
 * for a country-level destination or one no longer listed).
 */
async function withNames(db: Kysely<Database>, rows: readonly StatsRow[]): Promise<StatsRow[]> {
  const clientIds = [...new Set(rows.flatMap((r) => (r.clientId === undefined ? [] : [r.clientId])))];
  const vendorIds = [...new Set(rows.flatMap((r) => (r.vendorId ? [r.vendorId] : [])))];
  const networks = [...new Set(rows.flatMap((r) => (r.network ? [r.network] : [])))];
  const logins = new Map(clientIds.length ? (await db.selectFrom('clients').select(['id', 'login']).where('id', 'in', clientIds).execute()).map((c) => [Number(c.id), c.login]) : []);
  const vendors = new Map(vendorIds.length ? (await db.selectFrom('vendors').select(['id', 'name']).where('id', 'in', vendorIds).execute()).map((v) => [Number(v.id), v.name]) : []);
  const networkNames = new Map(
    networks.length
      ? (await sql<{ code: string; name: string }>`SELECT DISTINCT ON (code) coalesce(mcc, '') || '-' || mnc AS code, coalesce(network, name) AS name FROM destinations WHERE mnc IS NOT NULL AND coalesce(mcc, '') || '-' || mnc IN (${sql.join(networks)}) ORDER BY code, id`.execute(db)).rows.map((n) => [n.code, n.name])
      : [],
  );
  return rows.map((r) => ({
    ...r,
    ...(r.clientId !== undefined ? { clientLogin: logins.get(r.clientId) ?? null } : {}),
    ...(r.vendorId !== undefined ? { vendorName: vendors.get(r.vendorId) ?? null } : {}),
    ...(r.network !== undefined ? { networkName: r.network ? (networkNames.get(r.network) ?? null) : null } : {}),
  }));
}

