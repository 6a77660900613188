/** Ports and folders of one Kannel run; everything listens on 127.0.0.1 only. */
export interface KannelSetup {
  readonly dir: string;
  readonly adminPort: number;
  readonly smsboxPort: number;
  readonly sendsmsPort: number;
  readonly simulatorPort: number;
  /** submit_sm in flight per SMPP connection (max-pending-submits): the vendor window Petrel gets too. */
  readonly window: number;
  /** SMPP connections to the simulator (instances). */
  readonly sessions: number;
}

export const KANNEL_USER = { username: 'bench', password: 'bench' } as const;
export const ADMIN_PASSWORD = 'bench';

/**
 * bearerbox + smsbox for the benchmark: one SMPP transceiver smsc (window and connections as
 * Petrel's vendor gets them) pointing at the simulator, the DLR store in memory, no message store
 * file, warnings-only logs (Petrel runs with warnings only too), a sendsms user for the load.
 */
export function kannelConfig(s: KannelSetup): string {
  const groups: Record<string, string | number>[] = [
    {
      group: 'core',
      'admin-port': s.adminPort,
      'admin-interface': '127.0.0.1',
      'admin-password': ADMIN_PASSWORD,
      'status-password': ADMIN_PASSWORD,
      'admin-allow-ip': '127.0.0.1',
      'smsbox-port': s.smsboxPort,
      'smsbox-interface': '127.0.0.1',
      'box-allow-ip': '127.0.0.1',
      'dlr-storage': 'internal',
      'log-file': `${s.dir}/bearerbox.log`,
      'log-level': 2,
    },
    {
      group: 'smsc',
      smsc: 'smpp',
      'smsc-id': 'sim',
      host: '127.0.0.1',
      port: s.simulatorPort,
      'transceiver-mode': 'true',
      'smsc-username': 'kannel',
      'smsc-password': 'kannel',
      'system-type': '""',
      'interface-version': 34,
      'max-pending-submits': s.window,
      instances: s.sessions,
      'enquire-link-interval': 30,
      'reconnect-delay': 1,
    },
    {
      group: 'smsbox',
      'bearerbox-host': '127.0.0.1',
      'bearerbox-port': s.smsboxPort,
      'sendsms-port': s.sendsmsPort,
      'sendsms-interface': '127.0.0.1',
      'log-file': `${s.dir}/smsbox.log`,
      'log-level': 2,
    },
    {
      group: 'sendsms-user',
      username: KANNEL_USER.username,
      password: KANNEL_USER.password,
      'user-allow-ip': '127.0.0.1',
      'max-messages': 1,
    },
    { group: 'sms-service', keyword: 'default', text: '"no service"', 'omit-empty': 'true' },
  ];
  return groups.map((g) => Object.entries(g).map(([k, v]) => `${k} = ${v}`).join('\n')).join('\n\n') + '\n';
}
