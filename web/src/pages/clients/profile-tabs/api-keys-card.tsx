import { PlusOutlined, StopOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Form, Input, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { apiKeys, type ApiKey } from '../../../api/client-access.ts';
import type { Client } from '../../../api/types.ts';
import { LoadError } from '../../../components/load-error.tsx';
import { SecretModal } from '../../../components/secret-modal.tsx';
import { formatDateTime } from '../../../lib/format.ts';
import { useFormSubmit } from '../../../lib/use-form-submit.ts';
import { useLoad } from '../../../lib/use-load.ts';

/** REST API keys: made with a name (the key is shown once), listed by prefix, revoked at once. */
export function ApiKeysCard({ client }: { readonly client: Client }) {
  const { message } = App.useApp();
  const list = useLoad(() => apiKeys.list(client.id), client.id);
  const [form] = Form.useForm<{ name: string }>();
  const [made, setMade] = useState<{ key: string; name: string }>();
  const { busy, error, submit } = useFormSubmit(form, async ({ name }: { name: string }) => {
    const res = await apiKeys.create(client.id, name.trim());
    setMade({ key: res.key, name: res.apiKey.name });
    form.resetFields();
    list.reload();
  });

  const revoke = async (k: ApiKey) => {
    try {
      await apiKeys.revoke(client.id, k.id);
      void message.success(`The key ${k.name} is revoked; it stops working at once.`);
      list.reload();
    } catch (err) {
      void message.error(err instanceof Error ? err.message : String(err));
    }
  };

  const columns: ColumnsType<ApiKey> = [
    { title: 'Name', dataIndex: 'name' },
    { title: 'Key', dataIndex: 'prefix', render: (p: string) => <Typography.Text code>{p}…</Typography.Text> },
    { title: 'Created', dataIndex: 'createdAt', render: (at: string, k) => `${formatDateTime(at)} by ${k.createdBy}` },
    { title: 'Last used', dataIndex: 'lastUsedAt', render: (at: string | null) => (at ? formatDateTime(at) : <Typography.Text type="secondary">never</Typography.Text>) },
    { title: 'Rate', dataIndex: 'ratePerSecond', render: (r: number | null) => (r ? `${r} req/s` : 'platform default') },
    {
      title: 'State',
      dataIndex: 'revokedAt',
      render: (at: string | null) => (at ? <Tag color="red">revoked {formatDateTime(at)}</Tag> : <Tag color="green">active</Tag>),
    },
    {
      title: 'Actions',
      key: 'actions',
      width: 110,
      render: (_: unknown, k) =>
        !k.revokedAt && (
          <Popconfirm title={`Revoke ${k.name}?`} description="Requests with this key are refused from now on." okText="Revoke" okButtonProps={{ danger: true }} onConfirm={() => revoke(k)}>
            <Button type="link" size="small" danger icon={<StopOutlined />}>
              Revoke
            </Button>
          </Popconfirm>
        ),
    },
  ];

  return (
    <Card title="REST API keys" size="small" data-testid="api-keys">
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form form={form} name="apiKey" layout="inline" onFinish={(v) => void submit(v)} style={{ marginBottom: 12 }}>
        <Form.Item name="name" rules={[{ required: true, whitespace: true, message: 'name the key, e.g. after the system that uses it' }, { max: 100, message: 'at most 100 characters' }]}>
          <Input placeholder="Key name, e.g. CRM production" style={{ width: 280 }} autoComplete="off" />
        </Form.Item>
        <Button type="primary" htmlType="submit" icon={<PlusOutlined />} loading={busy} data-testid="create-api-key">
          Create a key
        </Button>
      </Form>
      <LoadError error={list.error} retry={list.reload} />
      <Table<ApiKey>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={list.data?.items ?? []}
        loading={list.loading}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        locale={{ emptyText: 'No keys: the client can still use Basic auth with its login and API password.' }}
        data-testid="api-keys-table"
      />
      <SecretModal
        secret={made?.key}
        title={`API key ${made?.name ?? ''}`}
        description={
          <Space orientation="vertical" size={2}>
            <span>Copy the key now and give it to the client: Petrel keeps only its hash and will never show it again.</span>
            <span>
              The client sends it as <Typography.Text code>Authorization: Bearer &lt;key&gt;</Typography.Text>
            </span>
          </Space>
        }
        onClose={() => setMade(undefined)}
      />
    </Card>
  );
}
