import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Breadcrumb, Button, Card, Col, Form, Input, Popconfirm, Row, Select, Space, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { history, legalEntities } from '../../api/admin.ts';
import type { LegalEntity } from '../../api/types.ts';
import { FormModal } from '../../components/form-modal.tsx';
import { HistoryTable } from '../../components/history-table.tsx';
import { LoadError } from '../../components/load-error.tsx';
import { PageTitle } from '../../components/page-title.tsx';
import { countryName, countryOptions } from '../../lib/places.ts';
import { legalEntityCreateSchema, legalEntityUpdateSchema } from '../../lib/list-rules.ts';
import { schemaRule } from '../../lib/schema-rule.ts';
import { useLoad } from '../../lib/use-load.ts';
import { useSession } from '../../session/session.tsx';
import { clientFieldSchemas } from '../clients/client-form/client-rules.ts';

const FIELDS = [
  { key: 'name', label: 'Name', required: true },
  { key: 'address', label: 'Address', wide: true },
  { key: 'country', label: 'Country' },
  { key: 'taxNumber', label: 'Tax number' },
  { key: 'vatNumber', label: 'VAT number' },
  { key: 'registrationNumber', label: 'Registration number' },
  { key: 'bankName', label: 'Bank' },
  { key: 'bankAccount', label: 'Bank account (IBAN)' },
  { key: 'swift', label: 'SWIFT / BIC' },
  { key: 'invoicePrefix', label: 'Invoice number prefix' },
  { key: 'email', label: 'E-mail' },
  { key: 'phone', label: 'Phone' },
] as const;

type Values = Partial<Record<(typeof FIELDS)[number]['key'], string>>;
const isCountry = (code: string) => clientFieldSchemas.country.safeParse(code).success;

/** The request body: blank fields are left out of a new entity and cleared (null) on an existing one. */
function entityBody(values: Values, isNew: boolean): Record<string, string | null> {
  const body: Record<string, string | null> = {};
  for (const { key } of FIELDS) {
    const v = values[key]?.trim() ?? '';
    if (key === 'name' || key === 'invoicePrefix') body[key] = v;
    else if (v) body[key] = v;
    else if (!isNew) body[key] = null;
  }
  return body;
}

/** Settings → Legal entities: the operator's own companies that issue invoices (a client's Enterprise). */
export function LegalEntitiesPage() {
  const { message } = App.useApp();
  const { isAdmin } = useSession();
  const list = useLoad(() => legalEntities.list());
  const changes = useLoad(() => history.list('legal_entity').catch(() => ({ items: [] })), list.data);
  const [editing, setEditing] = useState<LegalEntity | 'new'>();
  const names = new Map((list.data?.items ?? []).map((e) => [e.id, e.name]));

  const isNew = editing === 'new';
  const schema = isNew ? legalEntityCreateSchema : legalEntityUpdateSchema;
  const save = async (values: Values) => {
    const body = entityBody(values, isNew);
    if (editing === 'new') await legalEntities.create(body);
    else if (editing) await legalEntities.update(editing.id, body);
    list.reload();
  };

  const remove = async (e: LegalEntity) => {
    try {
      await legalEntities.remove(e.id);
      void message.success(`${e.name} is deleted.`);
      list.reload();
    } catch (err) {
      void message.error(err instanceof Error ? err.message : String(err));
    }
  };

  const columns: ColumnsType<LegalEntity> = [
    { title: 'Name', dataIndex: 'name', sorter: (a, b) => a.name.localeCompare(b.name) },
    { title: 'Country', dataIndex: 'country', render: (c: string | null) => (c ? countryName(c) : '—') },
    { title: 'Tax number', dataIndex: 'taxNumber', render: (v: string | null) => v ?? '—' },
    { title: 'VAT number', dataIndex: 'vatNumber', render: (v: string | null) => v ?? '—' },
    { title: 'Invoice prefix', dataIndex: 'invoicePrefix', render: (v: string | null) => v ?? '—' },
    { title: 'E-mail', dataIndex: 'email', render: (v: string | null) => v ?? '—' },
    {
      title: 'Actions',
      key: 'actions',
      width: 110,
      render: (_: unknown, e) => (
        <Space size={0}>
          <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setEditing(e)} aria-label={`Edit ${e.name}`} />
          <Popconfirm title={`Delete ${e.name}?`} okText="Delete" okButtonProps={{ danger: true }} onConfirm={() => remove(e)}>
            <Button type="link" size="small" danger icon={<DeleteOutlined />} aria-label={`Delete ${e.name}`} />
          </Popconfirm>
        </Space>
      ),
    },
  ];

  const initial: Values | undefined = editing && editing !== 'new' ? Object.fromEntries(FIELDS.map(({ key }) => [key, editing[key] ?? undefined])) : undefined;

  return (
    <>
      <Breadcrumb style={{ marginBottom: 8 }} items={[{ title: 'Settings' }, { title: 'Legal entities' }]} />
      <PageTitle
        title="Legal entities"
        subTitle="Your companies that issue invoices: header, bank details and numbering series. A client's Enterprise is one of them."
        extra={
          isAdmin && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="add-legal-entity">
            Add a legal entity
          </Button>
          )
        }
      />
      <LoadError error={list.error} retry={list.reload} />
      <Card style={{ marginBottom: 16 }}>
        <Table<LegalEntity> rowKey="id" size="small" columns={isAdmin ? columns : columns.filter((c) => c.key !== 'actions')} dataSource={list.data?.items ?? []} loading={list.loading} pagination={{ pageSize: 20, hideOnSinglePage: true }} />
      </Card>
      {isAdmin && (
        <Card title="History">
          <HistoryTable items={changes.data?.items} loading={changes.loading} entityLabel={(id) => names.get(id) ?? `#${id}`} />
        </Card>
      )}
      <FormModal<Values>
        open={editing !== undefined}
        name="legalEntity"
        width={760}
        title={editing === 'new' ? 'Add a legal entity' : `Edit ${editing?.name ?? ''}`}
        initialValues={initial}
        onSubmit={save}
        onClose={() => setEditing(undefined)}
      >
        <Row gutter={16}>
          {FIELDS.map((f) => (
            <Col key={f.key} xs={24} md={'wide' in f ? 24 : 12}>
              <Form.Item name={f.key} label={f.label} required={'required' in f} rules={[schemaRule(schema, (v: Values) => entityBody(v, isNew), [f.key])]}>
                {f.key === 'country' ? (
                  <Select allowClear showSearch={{ optionFilterProp: 'label' }} placeholder="None" options={countryOptions(isCountry)} />
                ) : f.key === 'address' ? (
                  <Input.TextArea autoSize={{ minRows: 2, maxRows: 4 }} />
                ) : (
                  <Input autoComplete="off" />
                )}
              </Form.Item>
            </Col>
          ))}
        </Row>
      </FormModal>
    </>
  );
}
