import { describe, expect, it } from 'vitest';
import { type BindAccess, decideBind } from './decide-bind.ts';

const access = (more: Partial<BindAccess> = {}): BindAccess => ({
  clientId: 1, systemId: 'shop', passwordHash: 'h', allowedIps: [], maxBinds: 2, throughput: null, blocked: false, canSendSmpp: true, ...more,
});

describe('decideBind', () => {
  const cases: [name: string, input: Parameters<typeof decideBind>[0], status: string][] = [
    ['all good', { access: access(), passwordOk: true, ip: '127.0.0.1', liveBinds: 0 }, 'ESME_ROK'],
    ['unknown system_id', { access: undefined, passwordOk: false, ip: '127.0.0.1', liveBinds: 0 }, 'ESME_RINVSYSID'],
    ['wrong password', { access: access(), passwordOk: false, ip: '127.0.0.1', liveBinds: 0 }, 'ESME_RINVPASWD'],
    ['outside the allowed ranges', { access: access({ allowedIps: ['10.0.0.0/8'] }), passwordOk: true, ip: '192.168.1.5', liveBinds: 0 }, 'ESME_RBINDFAIL'],
    ['inside the allowed ranges (IPv4-mapped)', { access: access({ allowedIps: ['10.0.0.0/8'] }), passwordOk: true, ip: '::ffff:10.1.2.3', liveBinds: 0 }, 'ESME_ROK'],
    ['blocked', { access: access({ blocked: true }), passwordOk: true, ip: '127.0.0.1', liveBinds: 0 }, 'ESME_RBINDFAIL'],
    ['Can Send via SMPP off', { access: access({ canSendSmpp: false }), passwordOk: true, ip: '127.0.0.1', liveBinds: 0 }, 'ESME_RBINDFAIL'],
    ['max binds reached', { access: access(), passwordOk: true, ip: '127.0.0.1', liveBinds: 2 }, 'ESME_RBINDFAIL'],
    ['a wrong password is said before a closed right', { access: access({ canSendSmpp: false }), passwordOk: false, ip: '127.0.0.1', liveBinds: 0 }, 'ESME_RINVPASWD'],
  ];
  it.each(cases)('%s', (_name, input, status) => {
    expect(decideBind(input).status).toBe(status);
  });
});
