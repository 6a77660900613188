import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Breadcrumb, Button, Card, Popconfirm, Result, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo, useState } from 'react';
import { vendors, type Vendor } from '../../api/routing.ts';
import { FormModal } from '../../components/form-modal.tsx';
import { LoadError } from '../../components/load-error.tsx';
import { PageTitle } from '../../components/page-title.tsx';
import { useLoad } from '../../lib/use-load.ts';
import { useSession } from '../../session/session.tsx';
import { VendorBinds } from './vendor-binds.tsx';
import { NEW_VENDOR, VendorFields, vendorBody, vendorValues, type VendorValues } from './vendor-fields.tsx';

/** Routing → Vendors: the upstream SMSCs, how Petrel binds to them, and their binds right now. */
export function VendorsPage() {
  const { isAdmin } = useSession();
  if (!isAdmin) return <Result status="403" title="Only admins manage vendors" />;
  return <VendorList />;
}

function VendorList() {
  const { message } = App.useApp();
  const list = useLoad(() => vendors.list());
  const [editing, setEditing] = useState<Vendor | 'new'>();
  const initial = useMemo(() => (editing === 'new' ? NEW_VENDOR : editing ? vendorValues(editing) : undefined), [editing]);
  const isNew = editing === 'new';

  const save = async (v: VendorValues) => {
    if (editing === 'new') await vendors.create(vendorBody(v, true));
    else if (editing) await vendors.update(editing.id, vendorBody(v, false));
    void message.success(`${v.name} is saved; the dispatcher binds with the new settings.`);
    list.reload();
  };

  const remove = async (v: Vendor) => {
    try {
      await vendors.remove(v.id);
      void message.success(`${v.name} is deleted.`);
      list.reload();
    } catch (err) {
      void message.error(err instanceof Error ? err.message : String(err));
    }
  };

  const columns: ColumnsType<Vendor> = [
    { title: 'Name', dataIndex: 'name', sorter: (a, b) => a.name.localeCompare(b.name), render: (n: string) => <Typography.Text strong>{n}</Typography.Text> },
    {
      title: 'Address',
      key: 'address',
      render: (_: unknown, v) => (
        <Space size={4}>
          <Typography.Text code>
            {v.host}:{v.port}
          </Typography.Text>
          {v.tls && <Tag color="blue">TLS</Tag>}
        </Space>
      ),
    },
    { title: 'system_id', dataIndex: 'systemId' },
    { title: 'Bind', key: 'bind', render: (_: unknown, v) => `${v.bindType} × ${v.sessions}` },
    { title: 'TPS', dataIndex: 'tps', align: 'right' },
    { title: 'Daily limit', dataIndex: 'dailyLimit', align: 'right', render: (l: number | null) => (l === null ? '—' : l.toLocaleString('en')) },
    {
      title: 'State',
      key: 'state',
      render: (_: unknown, v) => (!v.enabled ? <Tag>disabled</Tag> : v.blocked ? <Tag color="orange">soft-blocked</Tag> : <Tag color="green">enabled</Tag>),
    },
    { title: 'Binds now', key: 'binds', render: (_: unknown, v) => <VendorBinds vendorId={v.id} /> },
    {
      title: 'Actions',
      key: 'actions',
      width: 100,
      render: (_: unknown, v) => (
        <Space size={0}>
          <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setEditing(v)} aria-label={`Edit ${v.name}`} />
          <Popconfirm title={`Delete ${v.name}?`} description="Refused while pools or messages refer to it; disable it instead." okText="Delete" okButtonProps={{ danger: true }} onConfirm={() => remove(v)}>
            <Button type="link" size="small" danger icon={<DeleteOutlined />} aria-label={`Delete ${v.name}`} />
          </Popconfirm>
        </Space>
      ),
    },
  ];

  return (
    <>
      <Breadcrumb style={{ marginBottom: 8 }} items={[{ title: 'Routing' }, { title: 'Vendors' }]} />
      <PageTitle
        title="Vendors"
        subTitle="Upstream SMSCs: Petrel keeps their binds up and sends within their TPS and window."
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="add-vendor">
            Add a vendor
          </Button>
        }
      />
      <LoadError error={list.error} retry={list.reload} />
      <Card>
        <Table<Vendor> rowKey="id" size="small" columns={columns} dataSource={list.data?.items ?? []} loading={list.loading} pagination={{ pageSize: 20, hideOnSinglePage: true }} scroll={{ x: 1100 }} data-testid="vendors-table" />
      </Card>
      <FormModal<VendorValues>
        open={editing !== undefined}
        name="vendor"
        width={920}
        title={isNew ? 'Add a vendor' : `Edit ${editing?.name ?? ''}`}
        initialValues={initial}
        onSubmit={save}
        onClose={() => setEditing(undefined)}
      >
        <VendorFields isNew={isNew} passwordSet={editing !== 'new' && (editing?.passwordSet ?? false)} />
      </FormModal>
    </>
  );
}
