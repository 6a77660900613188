import { Breadcrumb, Card, Flex, Segmented, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { Link, useSearchParams } from 'react-router-dom';
import { senders, type Sender, type SenderStatus } from '../../api/policy.ts';
import { LoadError } from '../../components/load-error.tsx';
import { PageTitle } from '../../components/page-title.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { useLoad } from '../../lib/use-load.ts';
import { SenderStatusTag, useSenderDecisions } from './sender-decisions.tsx';

const STATES = ['pending', 'approved', 'denied', 'all'] as const;
type State = (typeof STATES)[number];

/** Moderation → Sender queue: names waiting for a decision, across the clients this operator sees. */
export function SenderQueuePage() {
  const [params, setParams] = useSearchParams();
  const state = ((STATES as readonly string[]).includes(params.get('status') ?? '') ? params.get('status') : 'pending') as State;
  const list = useLoad(() => senders.list(state === 'all' ? {} : { status: state as SenderStatus }), state);
  const { actions, dialog } = useSenderDecisions(list.reload);

  const columns: ColumnsType<Sender> = [
    { title: 'Requested', dataIndex: 'createdAt', width: 160, render: formatDateTime, sorter: (a, b) => a.createdAt.localeCompare(b.createdAt), defaultSortOrder: 'ascend' },
    { title: 'Client', dataIndex: 'clientLogin', render: (login: string, s) => <Link to={`/clients/${s.clientId}?tab=senders`}>{login}</Link> },
    { title: 'Sender name', dataIndex: 'name', render: (n: string) => <Typography.Text strong>{n}</Typography.Text> },
    { title: 'Status', dataIndex: 'status', render: (_: unknown, s) => <SenderStatusTag sender={s} /> },
    { title: 'Reason', dataIndex: 'reason', render: (r: string) => r || '—' },
    { title: 'Actions', key: 'actions', width: 200, render: (_: unknown, s) => actions(s) },
  ];

  return (
    <>
      <Breadcrumb style={{ marginBottom: 8 }} items={[{ title: 'Moderation' }, { title: 'Sender queue' }]} />
      <PageTitle title="Sender queue" subTitle="Messages from a pending name are refused until it is approved (unless the client has Dynamic Sender)." />
      <LoadError error={list.error} retry={list.reload} />
      <Card>
        <Flex style={{ marginBottom: 16 }}>
          <Segmented
            value={state}
            onChange={(v) => setParams(v === 'pending' ? {} : { status: String(v) })}
            options={STATES.map((s) => ({ value: s, label: s === 'all' ? 'All' : s.charAt(0).toUpperCase() + s.slice(1) }))}
          />
        </Flex>
        <Table<Sender>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.loading}
          pagination={{ pageSize: 50, hideOnSinglePage: true }}
          locale={{ emptyText: state === 'pending' ? 'Nothing waits for a decision.' : 'No sender names.' }}
          data-testid="sender-queue"
        />
      </Card>
      {dialog}
    </>
  );
}
