import { DeleteOutlined, EditOutlined, MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Breadcrumb, Button, Card, Col, Form, Input, InputNumber, Popconfirm, Result, Row, Select, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo, useState } from 'react';
import { pools, vendors, type Pool, type PoolMember } from '../../api/routing.ts';
import { FormModal } from '../../components/form-modal.tsx';
import { LoadError } from '../../components/load-error.tsx';
import { PageTitle } from '../../components/page-title.tsx';
import { useLoad } from '../../lib/use-load.ts';
import { useSession } from '../../session/session.tsx';

type Values = { name: string; members: { vendorId?: number; weight?: number }[] };

/** Routing → Pools: vendors sharing a route's traffic by percentage weights summing to 100. */
export function PoolsPage() {
  const { isAdmin } = useSession();
  if (!isAdmin) return <Result status="403" title="Only admins manage pools" />;
  return <PoolList />;
}

function PoolList() {
  const { message } = App.useApp();
  const list = useLoad(() => pools.list());
  const vendorList = useLoad(() => vendors.list());
  const [editing, setEditing] = useState<Pool | 'new'>();
  const initial = useMemo<Partial<Values> | undefined>(
    () => (editing === 'new' ? { members: [{ weight: 100 }] } : editing ? { name: editing.name, members: editing.members.map((m) => ({ vendorId: m.vendorId, weight: m.weight })) } : undefined),
    [editing],
  );

  const save = async (v: Values) => {
    const body = { name: v.name.trim(), members: v.members.map((m) => ({ vendorId: m.vendorId ?? 0, weight: m.weight ?? 0 })) };
    if (editing === 'new') await pools.create(body);
    else if (editing) await pools.update(editing.id, body);
    void message.success(`${body.name} is saved.`);
    list.reload();
  };

  const remove = async (p: Pool) => {
    try {
      await pools.remove(p.id);
      void message.success(`${p.name} is deleted.`);
      list.reload();
    } catch (err) {
      void message.error(err instanceof Error ? err.message : String(err));
    }
  };

  const columns: ColumnsType<Pool> = [
    { title: 'Name', dataIndex: 'name', width: 240, sorter: (a, b) => a.name.localeCompare(b.name), render: (n: string) => <Typography.Text strong>{n}</Typography.Text> },
    {
      title: 'Vendors and weights',
      dataIndex: 'members',
      render: (members: PoolMember[]) => (
        <Space size={[4, 4]} wrap>
          {members.map((m) => (
            <Tag key={m.vendorId} color="blue">
              {m.vendorName ?? `#${m.vendorId}`} {m.weight}%
            </Tag>
          ))}
        </Space>
      ),
    },
    {
      title: 'Actions',
      key: 'actions',
      width: 100,
      render: (_: unknown, p) => (
        <Space size={0}>
          <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setEditing(p)} aria-label={`Edit ${p.name}`} />
          <Popconfirm title={`Delete ${p.name}?`} description="Refused while routes use it." okText="Delete" okButtonProps={{ danger: true }} onConfirm={() => remove(p)}>
            <Button type="link" size="small" danger icon={<DeleteOutlined />} aria-label={`Delete ${p.name}`} />
          </Popconfirm>
        </Space>
      ),
    },
  ];

  return (
    <>
      <Breadcrumb style={{ marginBottom: 8 }} items={[{ title: 'Routing' }, { title: 'Pools' }]} />
      <PageTitle
        title="Pools"
        subTitle="A route sends to a pool; the pool shares the traffic among its vendors by weight."
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="add-pool">
            Add a pool
          </Button>
        }
      />
      <LoadError error={list.error} retry={list.reload} />
      <Card>
        <Table<Pool> rowKey="id" size="small" columns={columns} dataSource={list.data?.items ?? []} loading={list.loading} pagination={{ pageSize: 20, hideOnSinglePage: true }} />
      </Card>
      <FormModal<Values> open={editing !== undefined} name="pool" width={640} title={editing === 'new' ? 'Add a pool' : `Edit ${editing?.name ?? ''}`} initialValues={initial} onSubmit={save} onClose={() => setEditing(undefined)}>
        <Form.Item name="name" label="Name" rules={[{ required: true, whitespace: true, message: 'required' }, { max: 100, message: 'at most 100 characters' }]}>
          <Input autoComplete="off" />
        </Form.Item>
        <PoolMembers vendors={(vendorList.data?.items ?? []).map((v) => ({ value: v.id, label: v.name }))} />
      </FormModal>
    </>
  );
}

/** The vendors of a pool with their weights; the total must be 100 %. */
function PoolMembers({ vendors: options }: { readonly vendors: { value: number; label: string }[] }) {
  const form = Form.useFormInstance<Values>();
  const members = (Form.useWatch('members', form) ?? []) as Values['members'];
  const total = members.reduce((s, m) => s + (m?.weight ?? 0), 0);
  return (
    <Form.List
      name="members"
      rules={[
        {
          validator: async (_, list: Values['members'] | undefined) => {
            if (!list?.length) throw new Error('at least one vendor');
            if (list.reduce((s, m) => s + (m?.weight ?? 0), 0) !== 100) throw new Error('the weights must sum to 100');
          },
        },
      ]}
    >
      {(fields, { add, remove }, { errors }) => (
        <>
          <Typography.Text strong>Vendors</Typography.Text>
          {fields.map((field) => (
            <Row key={field.key} gutter={8} style={{ marginTop: 8 }} align="top">
              <Col flex="auto">
                <Form.Item name={[field.name, 'vendorId']} rules={[{ required: true, message: 'choose a vendor' }]} style={{ marginBottom: 0 }}>
                  <Select showSearch={{ optionFilterProp: 'label' }} placeholder="Vendor" options={options} />
                </Form.Item>
              </Col>
              <Col flex="130px">
                <Form.Item name={[field.name, 'weight']} rules={[{ required: true, message: 'a weight' }]} style={{ marginBottom: 0 }}>
                  <InputNumber precision={0} min={0} max={100} suffix="%" style={{ width: '100%' }} />
                </Form.Item>
              </Col>
              <Col flex="32px">
                <Button type="text" icon={<MinusCircleOutlined />} onClick={() => remove(field.name)} aria-label="Remove this vendor" />
              </Col>
            </Row>
          ))}
          <Space style={{ marginTop: 8 }}>
            <Button icon={<PlusOutlined />} onClick={() => add({ weight: Math.max(0, 100 - total) })}>
              Add a vendor
            </Button>
            <Typography.Text type={total === 100 ? 'success' : 'warning'}>Total {total}%</Typography.Text>
          </Space>
          <Form.ErrorList errors={errors} />
        </>
      )}
    </Form.List>
  );
}
