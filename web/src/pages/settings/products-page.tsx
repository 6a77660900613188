import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Breadcrumb, Button, Card, Col, Divider, Form, Input, Popconfirm, Row, Select, Space, Table, Tag, Typography, type FormRule } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { history, products } from '../../api/admin.ts';
import type { Product } from '../../api/types.ts';
import { FormModal } from '../../components/form-modal.tsx';
import { HistoryTable } from '../../components/history-table.tsx';
import { LoadError } from '../../components/load-error.tsx';
import { PageTitle } from '../../components/page-title.tsx';
import { PRODUCT_DEFAULT_KEYS, productDefaultsSchema } from '../../lib/list-rules.ts';
import { schemaRule } from '../../lib/schema-rule.ts';
import { useLoad } from '../../lib/use-load.ts';
import { useSession } from '../../session/session.tsx';
import { ClientField, type FieldContext, type NamePath } from '../clients/client-form/client-field.tsx';
import { clientFieldByKey, clientFields, type ClientFieldKey } from '../clients/client-form/client-rules.ts';
import { toBody, toFormValues, type FormValues } from '../clients/client-form/client-values.ts';
import { useClientLists, type ClientLists } from '../clients/client-form/use-client-lists.ts';

/** The fields a product may preset, as the API defines them, in the form's order. */
const PRESETTABLE = clientFields.filter((m) => (PRODUCT_DEFAULT_KEYS as readonly string[]).includes(m.key));

interface Values {
  name: string;
  description?: string;
  presetKeys: ClientFieldKey[];
  defaults?: FormValues;
}

const defaultsBody = (values: Values, zone: string) => {
  const chosen = Object.fromEntries((values.presetKeys ?? []).map((k) => [k, values.defaults?.[k]]));
  return toBody(chosen, 'create', zone);
};

/** Settings → Products: presets that fill a new client's form (Product type). */
export function ProductsPage() {
  const { message } = App.useApp();
  const { isAdmin } = useSession();
  const { lists } = useClientLists();
  const list = useLoad(() => products.list());
  const changes = useLoad(() => history.list('product').catch(() => ({ items: [] })), list.data);
  const [editing, setEditing] = useState<Product | 'new'>();
  const names = new Map((list.data?.items ?? []).map((p) => [p.id, p.name]));
  const zone = lists?.defaults?.timezone ?? 'UTC';

  const save = async (values: Values) => {
    const body = { name: values.name.trim(), description: values.description?.trim() || null, defaults: defaultsBody(values, zone) };
    if (editing === 'new') await products.create(body);
    else if (editing) await products.update(editing.id, body);
    list.reload();
  };

  const remove = async (p: Product) => {
    try {
      await products.remove(p.id);
      void message.success(`${p.name} is deleted.`);
      list.reload();
    } catch (err) {
      void message.error(err instanceof Error ? err.message : String(err));
    }
  };

  const columns: ColumnsType<Product> = [
    { title: 'Name', dataIndex: 'name', width: 200, sorter: (a, b) => a.name.localeCompare(b.name) },
    { title: 'Description', dataIndex: 'description', render: (v: string | null) => v || '—' },
    {
      title: 'Presets',
      dataIndex: 'defaults',
      render: (d: Product['defaults']) =>
        Object.keys(d ?? {}).length ? Object.keys(d).map((k) => <Tag key={k}>{clientFieldByKey[k as ClientFieldKey]?.label ?? k}</Tag>) : <Typography.Text type="secondary">none</Typography.Text>,
    },
    {
      title: 'Actions',
      key: 'actions',
      width: 110,
      render: (_: unknown, p) => (
        <Space size={0}>
          <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setEditing(p)} aria-label={`Edit ${p.name}`} />
          <Popconfirm title={`Delete ${p.name}?`} description="Clients keep their own values." okText="Delete" okButtonProps={{ danger: true }} onConfirm={() => remove(p)}>
            <Button type="link" size="small" danger icon={<DeleteOutlined />} aria-label={`Delete ${p.name}`} />
          </Popconfirm>
        </Space>
      ),
    },
  ];

  const initial: Partial<Values> | undefined =
    editing && editing !== 'new'
      ? { name: editing.name, description: editing.description ?? '', presetKeys: Object.keys(editing.defaults ?? {}) as ClientFieldKey[], defaults: toFormValues(editing.defaults ?? {}, zone) }
      : { presetKeys: [] };

  return (
    <>
      <Breadcrumb style={{ marginBottom: 8 }} items={[{ title: 'Settings' }, { title: 'Products' }]} />
      <PageTitle
        title="Products"
        subTitle="A product is a preset: choosing it as a client's Product type fills the form with these values."
        extra={
          isAdmin && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="add-product">
            Add a product
          </Button>
          )
        }
      />
      <LoadError error={list.error} retry={list.reload} />
      <Card style={{ marginBottom: 16 }}>
        <Table<Product> rowKey="id" size="small" columns={isAdmin ? columns : columns.filter((c) => c.key !== 'actions')} dataSource={list.data?.items ?? []} loading={list.loading} pagination={{ pageSize: 20, hideOnSinglePage: true }} />
      </Card>
      {isAdmin && (
        <Card title="History">
          <HistoryTable items={changes.data?.items} loading={changes.loading} entityLabel={(id) => names.get(id) ?? `#${id}`} />
        </Card>
      )}
      <FormModal<Values>
        open={editing !== undefined}
        name="product"
        width={860}
        title={editing === 'new' ? 'Add a product' : `Edit ${editing?.name ?? ''}`}
        initialValues={initial}
        onSubmit={save}
        onClose={() => setEditing(undefined)}
      >
        <Row gutter={16}>
          <Col xs={24} md={10}>
            <Form.Item name="name" label="Name" rules={[{ required: true, whitespace: true, message: 'required' }, { max: 100, message: 'at most 100 characters' }]}>
              <Input />
            </Form.Item>
          </Col>
          <Col xs={24} md={14}>
            <Form.Item name="description" label="Description">
              <Input />
            </Form.Item>
          </Col>
        </Row>
        {lists && <PresetFields lists={lists} zone={zone} />}
      </FormModal>
    </>
  );
}

/** The preset's fields: the operator picks which ones, then sets them with the client form's own widgets. */
function PresetFields({ lists, zone }: { readonly lists: ClientLists; readonly zone: string }) {
  const form = Form.useFormInstance<Values>();
  const { isAdmin } = useSession();
  const keys = (Form.useWatch('presetKeys', form) ?? []) as ClientFieldKey[];
  const currency = Form.useWatch(['defaults', 'currency'], form) as string | undefined;

  // The defaults object is checked by the API's schema; a path inside it drops the 'defaults' prefix.
  const rulesFor = (path: NamePath): FormRule[] => [schemaRule(productDefaultsSchema, (v: Values) => defaultsBody(v, zone), path.slice(1))];
  const ctx: FieldContext = { mode: 'create', lists, currency, rulesFor, isAdmin, prefix: ['defaults'] };

  return (
    <>
      <Divider titlePlacement="start">Preset values</Divider>
      <Form.Item name="presetKeys" label="Fields this product sets" extra="Fields left out keep the platform default or what the operator types.">
        <Select
          mode="multiple"
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder="Choose fields"
          options={PRESETTABLE.map((m) => ({ value: m.key, label: m.label }))}
          onSelect={(key: ClientFieldKey) => {
            const meta = clientFieldByKey[key];
            if (meta.input === 'boolean' && form.getFieldValue(['defaults', key]) === undefined) form.setFieldValue(['defaults', key], meta.defaultValue ?? false);
          }}
        />
      </Form.Item>
      <Row gutter={16}>
        {PRESETTABLE.filter((m) => keys.includes(m.key)).map((meta) => (
          <Col key={meta.key} xs={24} md={meta.input === 'dispatchWindows' ? 24 : 12}>
            <ClientField meta={meta} ctx={ctx} />
          </Col>
        ))}
      </Row>
    </>
  );
}
