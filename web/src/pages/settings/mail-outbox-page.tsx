import { ReloadOutlined } from '@ant-design/icons';
import { Alert, Breadcrumb, Button, Card, Flex, Select, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { mailOutbox, type OutboxMail } from '../../api/admin.ts';
import { ClientSelect } from '../../components/client-select.tsx';
import { LoadError } from '../../components/load-error.tsx';
import { PageTitle } from '../../components/page-title.tsx';
import { useLoad } from '../../lib/use-load.ts';

const KINDS: Readonly<Record<OutboxMail['kind'], string>> = { price_update: 'Price update', low_balance: 'Low balance', daily_stats: 'Daily statistics' };
const STATUS_COLORS: Readonly<Record<OutboxMail['status'], string>> = { pending: 'gold', sent: 'green', failed: 'red' };
const PAGE_SIZE = 50;

const time = (at: string) => <Tooltip title={dayjs(at).format('YYYY-MM-DD HH:mm:ss Z')}>{dayjs(at).format('YYYY-MM-DD HH:mm')}</Tooltip>;

/**
 * Settings → E-mail outbox: every mail Petrel writes to clients (price changes, low balance, daily statistics), newest
 * first, with its state and tries. Without PETREL_SMTP_URL mail waits here (interfaces.md).
 */
export function MailOutboxPage() {
  const [clientId, setClientId] = useState<number | null>(null);
  const [status, setStatus] = useState<OutboxMail['status'] | null>(null);
  const [page, setPage] = useState(1);
  const list = useLoad(() => mailOutbox.list({ clientId: clientId ?? undefined, status: status ?? undefined, page, pageSize: PAGE_SIZE }), `${clientId}:${status}:${page}`);

  const columns: ColumnsType<OutboxMail> = [
    { title: 'Written', dataIndex: 'createdAt', width: 150, render: time },
    { title: 'Client', dataIndex: 'clientLogin', width: 150, render: (login: string | null, m) => (m.clientId ? <Link to={`/clients/${m.clientId}`}>{login ?? `#${m.clientId}`}</Link> : '—') },
    { title: 'Kind', dataIndex: 'kind', width: 120, render: (k: OutboxMail['kind']) => KINDS[k] ?? k },
    { title: 'To', dataIndex: 'to', width: 240, ellipsis: { showTitle: true } },
    { title: 'Subject', dataIndex: 'subject', ellipsis: { showTitle: true } },
    {
      title: 'State',
      dataIndex: 'status',
      width: 210,
      render: (s: OutboxMail['status'], m) => (
        <Flex vertical gap={2}>
          <span>
            <Tag color={STATUS_COLORS[s]}>{s}</Tag>
            {m.attempts > 0 && <Typography.Text type="secondary">{m.attempts} tr{m.attempts === 1 ? 'y' : 'ies'}</Typography.Text>}
          </span>
          {s === 'sent' && m.sentAt && <Typography.Text type="secondary">sent {dayjs(m.sentAt).format('YYYY-MM-DD HH:mm')}</Typography.Text>}
          {s === 'pending' && m.attempts > 0 && m.nextAttemptAt && <Typography.Text type="secondary">next try {dayjs(m.nextAttemptAt).format('HH:mm')}</Typography.Text>}
        </Flex>
      ),
    },
  ];

  return (
    <>
      <Breadcrumb style={{ marginBottom: 8 }} items={[{ title: 'Settings' }, { title: 'E-mail outbox' }]} />
      <PageTitle
        title="E-mail outbox"
        subTitle="Every e-mail to clients — price changes, low balance, daily statistics — newest first. A mail the server refuses is tried again after 1, 5, 15, 30 and 60 minutes."
        extra={
          <Button icon={<ReloadOutlined />} onClick={list.reload} loading={list.loading} data-testid="mail-reload">
            Refresh
          </Button>
        }
      />
      {list.data && !list.data.sending && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title="No mail server is configured"
          description="Set PETREL_SMTP_URL (e.g. smtp://user:password@mail.example.com:587) and restart: until then mail waits here and nothing is sent."
          data-testid="mail-not-sending"
        />
      )}
      <LoadError error={list.error} retry={list.reload} />
      <Card>
        <Flex wrap gap={12} style={{ marginBottom: 16 }}>
          <ClientSelect
            value={clientId}
            onChange={(v) => {
              setClientId(v);
              setPage(1);
            }}
            placeholder="Every client"
            id="mail_client"
            style={{ width: 240 }}
          />
          <Select<OutboxMail['status'] | null>
            id="mail_status"
            allowClear
            placeholder="Every state"
            style={{ width: 160 }}
            value={status ?? undefined}
            onChange={(v) => {
              setStatus(v ?? null);
              setPage(1);
            }}
            options={(['pending', 'sent', 'failed'] as const).map((s) => ({ value: s, label: s }))}
          />
          <Typography.Text type="secondary" style={{ alignSelf: 'center' }} data-testid="mail-count">
            {(list.data?.total ?? 0).toLocaleString('en')} mail(s)
          </Typography.Text>
        </Flex>
        <Table<OutboxMail>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.loading}
          expandable={{
            expandedRowRender: (m) => (
              <Flex vertical gap={8} data-testid="mail-body">
                <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', fontFamily: 'monospace', margin: 0 }}>{m.body}</Typography.Paragraph>
                {m.lastError && <Typography.Text type={m.status === 'sent' ? 'secondary' : 'danger'}>{m.status === 'sent' ? 'An earlier try failed: ' : 'Last try: '}{m.lastError}</Typography.Text>}
              </Flex>
            ),
          }}
          pagination={{ current: page, pageSize: PAGE_SIZE, total: list.data?.total ?? 0, onChange: setPage, hideOnSinglePage: true, showSizeChanger: false }}
          locale={{ emptyText: 'No mail yet.' }}
          data-testid="mail-table"
        />
      </Card>
    </>
  );
}
