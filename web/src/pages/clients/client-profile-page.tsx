import { EditOutlined, LockOutlined, UnlockOutlined } from '@ant-design/icons';
import { Alert, Breadcrumb, Button, Card, Col, Descriptions, Flex, Result, Row, Skeleton, Space, Statistic, Tabs, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { clients } from '../../api/admin.ts';
import type { Client } from '../../api/types.ts';
import { HistoryTable } from '../../components/history-table.tsx';
import { formatAmount, formatDateTime, localTimeIn } from '../../lib/format.ts';
import { useLoad } from '../../lib/use-load.ts';
import { MessageLog } from '../traffic/messages-page.tsx';
import { TrafficStatistics } from '../traffic/statistics-page.tsx';
import { BlockDialog } from './block-dialog.tsx';
import { clientFieldByKey, clientFields, type ClientFieldKey } from './client-form/client-rules.ts';
import { CLIENT_SECTIONS, sectionOf } from './client-form/client-sections.ts';
import { ClientValue, formatOverdraw } from './client-value.tsx';
import { StatusTag } from './clients-page.tsx';
import { AccessTab } from './profile-tabs/access-tab.tsx';
import { PaymentsTab } from './profile-tabs/payments-tab.tsx';
import { PricesTab } from './profile-tabs/prices-tab.tsx';
import { RoutesTab } from './profile-tabs/routes-tab.tsx';
import { SendersTab } from './profile-tabs/senders-tab.tsx';

const OTHER_LABELS: Record<string, string> = {
  status: 'Status',
  blockedReason: 'Block reason',
  balance: 'Balance',
  smppSystemId: 'SMPP system_id',
  smppSystemIdIsDefault: 'SMPP system_id is the login',
  smppPassword: 'SMPP password',
  apiPassword: 'HTTP API password',
  allowedIps: 'Allowed IP ranges',
  maxBinds: 'Max binds',
  throughput: 'Throughput limit',
};
const label = (field: string) =>
  clientFieldByKey[field as ClientFieldKey]?.label ?? OTHER_LABELS[field] ?? (field.startsWith('price:') ? `Price (destination #${field.slice(6)})` : field);

const TABS = ['profile', 'payments', 'prices', 'routes', 'access', 'senders', 'messages', 'statistics', 'history'] as const;
type Tab = (typeof TABS)[number];

/** The client's profile page: who it is, what it may do, and who changed what. */
export function ClientProfilePage() {
  const id = Number(useParams().id);
  const navigate = useNavigate();
  const { data, error, reload } = useLoad(() => clients.get(id), id);
  const [blocking, setBlocking] = useState(false);
  // The open tab is in the address, so a reload or a shared link lands on it.
  const [params, setParams] = useSearchParams();
  const tab: Tab = (TABS as readonly string[]).includes(params.get('tab') ?? '') ? (params.get('tab') as Tab) : 'profile';
  const setTab = (key: string) => setParams(key === 'profile' ? {} : { tab: key }, { replace: true });
  const historyKey = `${id}:${tab === 'history' ? 'open' : 'closed'}:${data?.client.status ?? ''}`;
  const history = useLoad(() => (tab === 'history' ? clients.history(id) : Promise.resolve({ items: [] })), historyKey);

  if (error) return <Result status={error.message.includes('not found') ? '404' : 'error'} title="Cannot open this client" subTitle={error.message} />;
  if (!data) return <Skeleton active paragraph={{ rows: 10 }} />;
  const { client } = data;

  return (
    <>
      <Breadcrumb style={{ marginBottom: 8 }} items={[{ title: 'Profiles' }, { title: <Link to="/clients">Clients</Link> }, { title: client.login }]} />
      <Card style={{ marginBottom: 16 }} data-testid="client-header">
        <Flex justify="space-between" align="start" wrap gap={12}>
          <Space align="center" size="middle">
            <Typography.Title level={3} style={{ margin: 0 }} data-testid="client-login">
              {client.login}
            </Typography.Title>
            <StatusTag status={client.status} reason={client.blockedReason} />
            {client.company && <Typography.Text type="secondary">{client.company}</Typography.Text>}
          </Space>
          <Space>
            <Button icon={<EditOutlined />} onClick={() => navigate(`/clients/${id}/edit`)} data-testid="edit-client">
              Edit
            </Button>
            <Button danger={client.status !== 'blocked'} icon={client.status === 'blocked' ? <UnlockOutlined /> : <LockOutlined />} onClick={() => setBlocking(true)} data-testid="block-client">
              {client.status === 'blocked' ? 'Unblock' : 'Block'}
            </Button>
          </Space>
        </Flex>
        {client.status === 'blocked' && <Alert type="warning" showIcon style={{ marginTop: 12 }} title={`Blocked: ${client.blockedReason ?? 'no reason given'}`} />}
        <Row gutter={[24, 16]} style={{ marginTop: 16 }}>
          <Col xs={12} md={8} xl={4}>
            <Statistic title="Balance" value={formatAmount(client.balance, client.currency)} data-testid="header-balance" />
          </Col>
          <Col xs={12} md={8} xl={4}>
            <Statistic title="Credit" value={formatAmount(client.creditLimit, client.currency)} data-testid="header-credit" />
          </Col>
          <Col xs={12} md={8} xl={6}>
            <Statistic title="Overdraw" value={formatOverdraw(client.overdraw, client.currency, client.timezone)} styles={{ content: { fontSize: 17 } }} data-testid="header-overdraw" />
          </Col>
          <Col xs={12} md={12} xl={6}>
            <LocalTime timezone={client.timezone} />
          </Col>
          <Col xs={12} md={12} xl={4}>
            <Statistic title="Registered" value={formatDateTime(client.createdAt)} styles={{ content: { fontSize: 17 } }} data-testid="header-registered" />
          </Col>
        </Row>
      </Card>
      <Card>
        <Tabs
          activeKey={tab}
          onChange={setTab}
          items={[
            { key: 'profile', label: 'Profile', children: <ProfileTab client={client} /> },
            { key: 'payments', label: 'Payments', children: <PaymentsTab client={client} onChanged={reload} /> },
            { key: 'prices', label: 'Prices', children: <PricesTab client={client} /> },
            { key: 'routes', label: 'Routes', children: <RoutesTab client={client} /> },
            { key: 'access', label: 'SMPP & API', children: <AccessTab client={client} /> },
            { key: 'senders', label: 'Senders', children: <SendersTab client={client} /> },
            { key: 'messages', label: 'Messages', children: <MessageLog clientId={client.id} /> },
            { key: 'statistics', label: 'Statistics', children: <TrafficStatistics clientId={client.id} /> },
            {
              key: 'history',
              label: 'History',
              // Until the first answer, a skeleton rather than an empty table that reads as "no history".
              children: history.loading && !history.data?.items.length ? <Skeleton active /> : <HistoryTable items={history.data?.items} loading={history.loading} fieldLabel={label} pageSize={20} />,
            },
          ]}
        />
      </Card>
      <BlockDialog
        client={blocking ? client : undefined}
        onClose={() => setBlocking(false)}
        onDone={() => {
          setBlocking(false);
          reload();
        }}
      />
    </>
  );
}

function LocalTime({ timezone }: { readonly timezone: string }) {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const t = setInterval(() => setNow(new Date()), 30_000);
    return () => clearInterval(t);
  }, []);
  return <Statistic title="Local time" value={localTimeIn(timezone, now)} styles={{ content: { fontSize: 17 } }} data-testid="header-local-time" />;
}

function ProfileTab({ client }: { readonly client: Client }) {
  return (
    <Flex vertical gap={16}>
      {CLIENT_SECTIONS.map(({ group, title }) => (
        <Descriptions
          key={group}
          title={title}
          bordered
          size="small"
          column={{ xs: 1, md: 2, xl: 3 }}
          items={clientFields
            .filter((m) => sectionOf(m) === group && m.input !== 'password')
            .map((meta) => ({ key: meta.key, label: meta.label, children: <ClientValue meta={meta} client={client} /> }))}
        />
      ))}
    </Flex>
  );
}
