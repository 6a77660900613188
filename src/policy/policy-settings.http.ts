import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { actorOf } from '../accounts/operator.ts';
import { operatorOf } from '../accounts/operator-auth.ts';
import { jsonSchema, parseWith } from '../http/validate.ts';
import { type MessagePathDeps, transact } from '../routing/message-path-deps.ts';
import { PolicySettingsStore } from './policy-settings.store.ts';

const putBody = z.strictObject({
  testDailyQuota: z.number({ error: 'a whole number of test messages per client and day' }).int('a whole number').min(0, 'at least 0').max(1_000_000, 'at most 1000000'),
});

/** The platform's policy settings: the daily quota of free test messages. */
export function registerPolicySettingsRoutes(app: FastifyInstance, deps: MessagePathDeps): void {
  const { auth, history } = deps;
  const store = new PolicySettingsStore(deps.db);
  const tags = ['policy'];

  app.get('/api/admin/settings/policy', { schema: { tags, summary: 'Policy settings (test message quota)' }, preHandler: auth.guard() }, async () => ({ settings: await store.get() }));

  app.put('/api/admin/settings/policy', { schema: { tags, summary: 'Change the policy settings (admin)', body: jsonSchema(putBody) }, preHandler: auth.guard('admin') }, async (request) => {
    const body = parseWith(putBody, request.body);
    const before = await store.get();
    await transact(deps.db, async (trx) => {
      await store.update(trx, body);
      await history.record(trx, 'policy_settings', 1, 'update', actorOf(operatorOf(request)), [{ field: 'testDailyQuota', before: before.testDailyQuota, after: body.testDailyQuota }]);
    });
    return { settings: await store.get() };
  });
}
