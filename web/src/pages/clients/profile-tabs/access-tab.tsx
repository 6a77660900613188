import { Col, Row } from 'antd';
import { clientAccess } from '../../../api/client-access.ts';
import type { Client } from '../../../api/types.ts';
import { useLoad } from '../../../lib/use-load.ts';
import { ApiKeysCard } from './api-keys-card.tsx';
import { ConnectionDetails } from './connection-details.tsx';
import { SmppAccessCard } from './smpp-access-card.tsx';
import { WebhookCard } from './webhook-card.tsx';

/** SMPP & API: credentials and limits, what to tell the client, API keys and the webhook. */
export function AccessTab({ client }: { readonly client: Client }) {
  const access = useLoad(() => clientAccess.get(client.id), client.id);
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={14}>
        <SmppAccessCard client={client} access={access} />
      </Col>
      <Col xs={24} xl={10}>
        <ConnectionDetails client={client} access={access.data?.access} />
      </Col>
      <Col xs={24}>
        <ApiKeysCard client={client} />
      </Col>
      <Col xs={24}>
        <WebhookCard client={client} />
      </Col>
    </Row>
  );
}
