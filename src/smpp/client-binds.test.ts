import { EventEmitter } from 'node:events';
import type { Session } from '@petrel/smpp';
import { describe, expect, it } from 'vitest';
import { ClientBinds } from './client-binds.ts';

/** What ClientBinds reads of a session: its state and its close event. */
function session(state: string): Session & EventEmitter {
  return Object.assign(new EventEmitter(), { state }) as unknown as Session & EventEmitter;
}

describe('ClientBinds', () => {
  it('knows whether a client has a receiving bind that is up, as receivers() lists them', () => {
    const binds = new ClientBinds();
    const tx = session('bound_tx');
    const rx = session('bound_rx');
    const trx = session('bound_trx');
    binds.add({ clientId: 1, session: tx, receives: false });
    expect(binds.hasReceiver(1)).toBe(false);
    expect(binds.receivingClients()).toEqual([]);
    binds.add({ clientId: 1, session: rx, receives: true });
    binds.add({ clientId: 2, session: trx, receives: true });
    expect([binds.hasReceiver(1), binds.hasReceiver(2), binds.hasReceiver(3)]).toEqual([true, true, false]);
    expect(binds.receivingClients()).toEqual([1, 2]);
    (rx as unknown as { state: string }).state = 'unbound'; // going down, not closed yet
    expect(binds.hasReceiver(1)).toBe(binds.receivers(1).length > 0);
    expect(binds.hasReceiver(1)).toBe(false);
    trx.emit('close');
    expect(binds.hasReceiver(2)).toBe(false);
    expect(binds.receivingClients()).toEqual([]);
  });
});
