import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Breadcrumb, Button, Card, Form, Input, Popconfirm, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { senderDenylist } from '../../api/policy.ts';
import { FormModal } from '../../components/form-modal.tsx';
import { LoadError } from '../../components/load-error.tsx';
import { PageTitle } from '../../components/page-title.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { useLoad } from '../../lib/use-load.ts';
import { useSession } from '../../session/session.tsx';

type Entry = { pattern: string; createdAt: string };

/** Moderation → Sender deny-list: names (or patterns with *) automatic moderation never approves. */
export function SenderDenylistPage() {
  const { message } = App.useApp();
  const { isAdmin } = useSession();
  const list = useLoad(() => senderDenylist.list());
  const [adding, setAdding] = useState(false);
  const [filter, setFilter] = useState('');

  const remove = async (e: Entry) => {
    try {
      await senderDenylist.remove(e.pattern);
      void message.success(`${e.pattern} is off the deny-list.`);
      list.reload();
    } catch (err) {
      void message.error(err instanceof Error ? err.message : String(err));
    }
  };

  const columns: ColumnsType<Entry> = [
    { title: 'Name or pattern', dataIndex: 'pattern', render: (p: string) => <Typography.Text code>{p}</Typography.Text>, sorter: (a, b) => a.pattern.localeCompare(b.pattern) },
    { title: 'Added', dataIndex: 'createdAt', width: 170, render: formatDateTime },
    ...(isAdmin
      ? [
          {
            title: 'Actions',
            key: 'actions',
            width: 90,
            render: (_: unknown, e: Entry) => (
              <Popconfirm title={`Remove ${e.pattern}?`} okText="Remove" okButtonProps={{ danger: true }} onConfirm={() => remove(e)}>
                <Button type="link" size="small" danger icon={<DeleteOutlined />} aria-label={`Remove ${e.pattern}`} />
              </Popconfirm>
            ),
          },
        ]
      : []),
  ];
  const q = filter.trim().toLowerCase();

  return (
    <>
      <Breadcrumb style={{ marginBottom: 8 }} items={[{ title: 'Moderation' }, { title: 'Sender deny-list' }]} />
      <PageTitle
        title="Sender deny-list"
        subTitle="A new name matching an entry (letter case aside; * for any characters, e.g. *BANK*) waits for an operator even under automatic moderation."
        extra={
          isAdmin && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="add-denylist">
              Add a name or pattern
            </Button>
          )
        }
      />
      <LoadError error={list.error} retry={list.reload} />
      <Card>
        <Input.Search placeholder="Filter" allowClear onChange={(e) => setFilter(e.target.value)} style={{ width: 260, marginBottom: 16 }} />
        <Table<Entry>
          rowKey="pattern"
          size="small"
          columns={columns}
          dataSource={(list.data?.items ?? []).filter((e) => !q || e.pattern.toLowerCase().includes(q))}
          loading={list.loading}
          pagination={{ pageSize: 50, hideOnSinglePage: true }}
        />
      </Card>
      <FormModal<{ pattern: string }>
        open={adding}
        name="denylist"
        title="Add to the sender deny-list"
        okText="Add"
        onSubmit={async (v) => {
          await senderDenylist.add(v.pattern.trim());
          list.reload();
        }}
        onClose={() => setAdding(false)}
      >
        <Form.Item name="pattern" label="Name or pattern" extra="e.g. PayPal, or *BANK* for every name containing BANK." rules={[{ required: true, whitespace: true, message: 'required' }, { max: 50, message: 'at most 50 characters' }]}>
          <Input autoComplete="off" />
        </Form.Item>
      </FormModal>
    </>
  );
}
