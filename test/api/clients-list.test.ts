import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, createManager, requiredFields } from '../support/clients.ts';
import { type ApiClient, startTestPlatform } from '../support/platform.ts';

let p: Awaited<ReturnType<typeof startTestPlatform>>;
let admin: ApiClient;
beforeAll(async () => {
  p = await startTestPlatform();
  admin = await p.api.signIn();
});
afterAll(async () => {
  await p?.stop();
});

describe('the list of clients', () => {
  let listed: ApiClient;
  beforeAll(async () => {
    listed = admin;
    const mgr = await createManager(admin, 'mgr_list');
    const make = (login: string, extra: Record<string, unknown>) => createClient(admin, { ...requiredFields(login), ...extra });
    await make('Lst_alpha', { company: 'Zeta Foods', country: 'UA', businessType: 'Retail', categoryType: 'Marketing', managerId: mgr.id });
    await make('Lst_bravo', { company: 'alpha Bank', country: 'DE', businessType: 'Banking & Finance', categoryType: 'Transactional' });
    await make('Lst_charlie', { company: null, country: 'UA', businessType: 'Retail', email: 'owner@lst-mail.example', managerId: mgr.id });
    const delta = await make('Lst_delta', { company: 'Delta 100%_off', country: 'PL' });
    await admin.post(`/api/admin/clients/${delta.id}/block`, { reason: 'fraud' });
  });
  const logins = async (query: string) => {
    const res = await listed.get(`/api/admin/clients?${query}`);
    expect(res.status).toBe(200);
    return (res.body.items as { login: string }[]).map((c) => c.login);
  };

  it('searches login, company and e-mail, letter case aside, taking % and _ literally', async () => {
    expect(await logins('search=LST_A')).toEqual(['Lst_alpha']);
    expect((await logins('search=alpha&sort=login')).sort()).toEqual(['Lst_alpha', 'Lst_bravo']);
    expect(await logins('search=LST-MAIL')).toEqual(['Lst_charlie']);
    expect(await logins('search=100%25_')).toEqual(['Lst_delta']);
    expect(await logins('search=nothing-like-this')).toEqual([]);
  });

  it('filters by manager, country, business type, category type and blocked', async () => {
    const mgrId = (await admin.get('/api/admin/managers')).body.items.find((m: { login: string }) => m.login === 'mgr_list').id;
    expect(await logins(`search=lst_&managerId=${mgrId}&sort=login`)).toEqual(['Lst_alpha', 'Lst_charlie']);
    expect(await logins('search=lst_&country=UA&sort=login')).toEqual(['Lst_alpha', 'Lst_charlie']);
    expect(await logins('search=lst_&businessType=retail&sort=login')).toEqual(['Lst_alpha', 'Lst_charlie']);
    expect(await logins('search=lst_&categoryType=Transactional')).toEqual(['Lst_bravo']);
    expect(await logins('search=lst_&blocked=true')).toEqual(['Lst_delta']);
    expect(await logins('search=lst_&blocked=false&sort=-login')).toEqual(['Lst_charlie', 'Lst_bravo', 'Lst_alpha']);
  });

  it('sorts by login, company (empty last) and creation, either way', async () => {
    expect(await logins('search=lst_&sort=login')).toEqual(['Lst_alpha', 'Lst_bravo', 'Lst_charlie', 'Lst_delta']);
    expect(await logins('search=lst_&sort=-login')).toEqual(['Lst_delta', 'Lst_charlie', 'Lst_bravo', 'Lst_alpha']);
    expect(await logins('search=lst_&sort=company')).toEqual(['Lst_bravo', 'Lst_delta', 'Lst_alpha', 'Lst_charlie']);
    expect(await logins('search=lst_&sort=-company')).toEqual(['Lst_alpha', 'Lst_delta', 'Lst_bravo', 'Lst_charlie']);
    expect(await logins('search=lst_&sort=createdAt')).toEqual(['Lst_alpha', 'Lst_bravo', 'Lst_charlie', 'Lst_delta']);
    expect(await logins('search=lst_')).toEqual(['Lst_delta', 'Lst_charlie', 'Lst_bravo', 'Lst_alpha']);
  });

  it('pages with the total of all matches', async () => {
    const first = await listed.get('/api/admin/clients?search=lst_&sort=login&page=1&pageSize=3');
    expect(first.body).toMatchObject({ total: 4, page: 1, pageSize: 3 });
    expect(first.body.items.map((c: { login: string }) => c.login)).toEqual(['Lst_alpha', 'Lst_bravo', 'Lst_charlie']);
    const second = await listed.get('/api/admin/clients?search=lst_&sort=login&page=2&pageSize=3');
    expect(second.body).toMatchObject({ total: 4, page: 2, pageSize: 3 });
    expect(second.body.items.map((c: { login: string }) => c.login)).toEqual(['Lst_delta']);
  });

  it('ignores empty parameters and refuses wrong ones with 422', async () => {
    const res = await listed.get('/api/admin/clients?search=&page=&pageSize=&managerId=&sort=login');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ page: 1, pageSize: 25 });
    const bad = await listed.get('/api/admin/clients?page=0&pageSize=1000&sort=balance&blocked=maybe&country=Ukraine&color=red');
    expect(bad.status).toBe(422);
    expect(Object.keys(bad.body.error.fields).sort()).toEqual(['blocked', 'color', 'country', 'page', 'pageSize', 'sort']);
  });
});
