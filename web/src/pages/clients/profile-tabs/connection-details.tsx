import { Card, Descriptions, Tag, Tooltip, Typography } from 'antd';
import type { ClientAccess } from '../../../api/client-access.ts';
import type { Client } from '../../../api/types.ts';

/**
 * The SMPP port Petrel listens on by default (PETREL_SMPP_PORT). No admin endpoint tells the
 * panel the port actually configured, so the default is shown and labelled as such.
 */
const DEFAULT_SMPP_PORT = 2775;

/** What to send the client so it can connect: host, ports, its system_id and the API addresses. */
export function ConnectionDetails({ client, access }: { readonly client: Client; readonly access: ClientAccess | undefined }) {
  const host = window.location.hostname;
  const origin = window.location.origin;
  const systemId = access?.smppSystemId ?? null;
  const text = [
    `SMPP host: ${host}`,
    `SMPP port: ${DEFAULT_SMPP_PORT}`,
    `system_id: ${systemId ?? '(not set)'}`,
    'password: the SMPP password we sent you separately',
    `HTTP API: ${origin}/sendsms (username ${client.login})`,
    `REST API: ${origin}/api/v1 (API key, or Basic with ${client.login} and the API password)`,
    `API reference: ${origin}/api/docs`,
  ].join('\n');

  const copyable = (value: string) => (
    <Typography.Text copyable code>
      {value}
    </Typography.Text>
  );

  return (
    <Card title="Connection details for the client" size="small" extra={<Typography.Text copyable={{ text, tooltips: ['Copy all', 'Copied'] }}>Copy all</Typography.Text>} data-testid="connection-details">
      <Descriptions
        size="small"
        column={1}
        items={[
          { key: 'host', label: 'SMPP host', children: copyable(host) },
          {
            key: 'port',
            label: 'SMPP port',
            children: (
              <>
                {copyable(String(DEFAULT_SMPP_PORT))}{' '}
                <Tooltip title="The platform's default (PETREL_SMPP_PORT); check the start-up log if this installation uses another port.">
                  <Tag>default</Tag>
                </Tooltip>
              </>
            ),
          },
          { key: 'systemId', label: 'system_id', children: systemId ? copyable(systemId) : <Typography.Text type="secondary">not set</Typography.Text> },
          { key: 'tls', label: 'Binds', children: 'transmitter, receiver or transceiver; SMPP 3.4' },
          { key: 'http', label: 'HTTP API', children: copyable(`${origin}/sendsms`) },
          { key: 'rest', label: 'REST API', children: copyable(`${origin}/api/v1`) },
          { key: 'docs', label: 'API reference', children: copyable(`${origin}/api/docs`) },
          { key: 'login', label: 'API username', children: copyable(client.login) },
        ]}
      />
    </Card>
  );
}
