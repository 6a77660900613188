import { DeleteOutlined, ImportOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Breadcrumb, Button, Card, Flex, Form, Input, Popconfirm, Space, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { blacklist, type BlacklistEntry } from '../../api/policy.ts';
import { FormModal } from '../../components/form-modal.tsx';
import { LoadError } from '../../components/load-error.tsx';
import { PageTitle } from '../../components/page-title.tsx';
import { TextImportModal } from '../../components/text-import-modal.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { normalizeMsisdn } from '../../lib/message-path-rules.ts';
import { useLoad } from '../../lib/use-load.ts';
import { useSession } from '../../session/session.tsx';

const NUMBER_MESSAGE = 'an international number, e.g. +380501234567 (7–15 digits)';

/** Moderation → Blacklist: numbers that receive nothing, unless a client has Disable Black List. */
export function BlacklistPage() {
  const { message } = App.useApp();
  const { isAdmin } = useSession();
  const [query, setQuery] = useState<{ search?: string; page: number; pageSize: number }>({ page: 1, pageSize: 50 });
  const list = useLoad(() => blacklist.list(query), query);
  const [adding, setAdding] = useState(false);
  const [importing, setImporting] = useState(false);

  const remove = async (e: BlacklistEntry) => {
    try {
      await blacklist.remove(e.number);
      void message.success(`+${e.number} is off the blacklist.`);
      list.reload();
    } catch (err) {
      void message.error(err instanceof Error ? err.message : String(err));
    }
  };

  const columns: ColumnsType<BlacklistEntry> = [
    { title: 'Number', dataIndex: 'number', width: 200, render: (n: string) => `+${n}` },
    { title: 'Reason', dataIndex: 'reason', render: (r: string) => r || '—' },
    { title: 'Added', dataIndex: 'createdAt', width: 170, render: formatDateTime },
    ...(isAdmin
      ? [
          {
            title: 'Actions',
            key: 'actions',
            width: 90,
            render: (_: unknown, e: BlacklistEntry) => (
              <Popconfirm title={`Take +${e.number} off the blacklist?`} okText="Remove" okButtonProps={{ danger: true }} onConfirm={() => remove(e)}>
                <Button type="link" size="small" danger icon={<DeleteOutlined />} aria-label={`Remove +${e.number}`} />
              </Popconfirm>
            ),
          },
        ]
      : []),
  ];

  return (
    <>
      <Breadcrumb style={{ marginBottom: 8 }} items={[{ title: 'Moderation' }, { title: 'Blacklist' }]} />
      <PageTitle
        title="Blacklist"
        subTitle="Messages to these numbers are refused at intake and not charged."
        extra={
          isAdmin && (
            <Space>
              <Button icon={<ImportOutlined />} onClick={() => setImporting(true)}>
                Import
              </Button>
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="add-blacklist">
                Add a number
              </Button>
            </Space>
          )
        }
      />
      <LoadError error={list.error} retry={list.reload} />
      <Card>
        <Flex style={{ marginBottom: 16 }}>
          <Input.Search placeholder="Digits of the number" allowClear inputMode="tel" onSearch={(v) => setQuery({ ...query, search: v.trim() || undefined, page: 1 })} style={{ width: 280 }} />
        </Flex>
        <Table<BlacklistEntry>
          rowKey="number"
          size="small"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.loading}
          data-testid="blacklist-table"
          pagination={{
            current: query.page,
            pageSize: query.pageSize,
            total: list.data?.total ?? 0,
            showSizeChanger: true,
            hideOnSinglePage: true,
            showTotal: (t) => `${t.toLocaleString('en')} numbers`,
            onChange: (page, pageSize) => setQuery({ ...query, page: pageSize === query.pageSize ? page : 1, pageSize }),
          }}
        />
      </Card>
      <FormModal<{ number: string; reason?: string }>
        open={adding}
        name="blacklist"
        title="Blacklist a number"
        okText="Add"
        onSubmit={async (v) => {
          await blacklist.add(v.number.trim(), v.reason?.trim() ?? '');
          void message.success(`${v.number.trim()} is blacklisted.`);
          list.reload();
        }}
        onClose={() => setAdding(false)}
      >
        <Form.Item
          name="number"
          label="Number"
          rules={[
            { required: true, message: 'required' },
            { validator: async (_, v: string | undefined) => { if (v && !normalizeMsisdn(v)) throw new Error(NUMBER_MESSAGE); } },
          ]}
        >
          <Input inputMode="tel" placeholder="+380501234567" autoComplete="off" />
        </Form.Item>
        <Form.Item name="reason" label="Reason" rules={[{ max: 500, message: 'at most 500 characters' }]}>
          <Input placeholder="e.g. the subscriber asked to stop" />
        </Form.Item>
      </FormModal>
      <TextImportModal
        open={importing}
        title="Import numbers to the blacklist"
        accept=".csv,.txt,text/csv,text/plain"
        placeholder={'+380501234567\n+380671234567'}
        help="One number a line (commas and semicolons work too); # starts a comment. Numbers listed already are kept."
        extra={
          <Form.Item name="reason" label="Reason for all of them" rules={[{ max: 500, message: 'at most 500 characters' }]}>
            <Input placeholder="import" />
          </Form.Item>
        }
        onImport={async (text, values) => {
          const r = await blacklist.import(text, values.reason?.trim() || undefined);
          list.reload();
          return { summary: `${r.accepted} numbers read: ${r.added} added, ${r.alreadyListed} listed already; ${r.refused.length} refused.`, refused: r.refused };
        }}
        onClose={() => setImporting(false)}
      />
    </>
  );
}
