import { DeleteOutlined, EditOutlined, GlobalOutlined, ImportOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Breadcrumb, Button, Card, Col, Flex, Form, Input, Popconfirm, Row, Select, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo, useState } from 'react';
import { destinations, type Destination } from '../../api/routing.ts';
import { FormModal } from '../../components/form-modal.tsx';
import { LoadError } from '../../components/load-error.tsx';
import { PageTitle } from '../../components/page-title.tsx';
import { TextImportModal } from '../../components/text-import-modal.tsx';
import { countryName, countryOptions } from '../../lib/places.ts';
import { useLoad } from '../../lib/use-load.ts';
import { useSession } from '../../session/session.tsx';
import { clientFieldSchemas } from '../clients/client-form/client-rules.ts';

const isCountry = (code: string) => clientFieldSchemas.country.safeParse(code).success;

type Values = { country?: string; name?: string; network?: string; mcc?: string; mnc?: string; prefixes?: string[] };

/** Blank text is left out of a new destination and cleared (null) on an existing one. */
function destinationBody(v: Values, isNew: boolean): Record<string, unknown> {
  const text = (s: string | undefined) => (s?.trim() ? s.trim() : isNew ? undefined : null);
  const body: Record<string, unknown> = { country: v.country, name: text(v.name), network: text(v.network), mcc: text(v.mcc), mnc: text(v.mnc), prefixes: v.prefixes ?? [] };
  return Object.fromEntries(Object.entries(body).filter(([, x]) => x !== undefined));
}

const toValues = (d: Destination): Values => ({ country: d.country, name: d.name, network: d.network ?? '', mcc: d.mcc ?? '', mnc: d.mnc ?? '', prefixes: d.prefixes });

/** Routing → Destinations: countries and networks with their MCC/MNC and number prefixes. */
export function DestinationsPage() {
  const { message } = App.useApp();
  const { isAdmin } = useSession();
  const [query, setQuery] = useState<{ search?: string; country?: string; page: number; pageSize: number }>({ page: 1, pageSize: 50 });
  const list = useLoad(() => destinations.list(query), query);
  const [editing, setEditing] = useState<Destination | 'new'>();
  const [importing, setImporting] = useState(false);
  const [seeding, setSeeding] = useState(false);
  const initial = useMemo(() => (editing && editing !== 'new' ? toValues(editing) : undefined), [editing]);
  const isNew = editing === 'new';

  const save = async (v: Values) => {
    if (editing === 'new') await destinations.create(destinationBody(v, true));
    else if (editing) await destinations.update(editing.id, destinationBody(v, false));
    list.reload();
  };

  const remove = async (d: Destination) => {
    try {
      await destinations.remove(d.id);
      void message.success(`${d.name} is deleted.`);
      list.reload();
    } catch (err) {
      void message.error(err instanceof Error ? err.message : String(err));
    }
  };

  const seed = async () => {
    setSeeding(true);
    try {
      const r = await destinations.seedWorld();
      void message.success(`World table: ${r.created} added, ${r.existing} there already.`);
      list.reload();
    } catch (err) {
      void message.error(err instanceof Error ? err.message : String(err));
    } finally {
      setSeeding(false);
    }
  };

  const columns: ColumnsType<Destination> = [
    { title: 'Country', dataIndex: 'country', width: 190, render: (c: string) => `${countryName(c)} (${c})` },
    { title: 'Name', dataIndex: 'name' },
    { title: 'Network', dataIndex: 'network', render: (n: string | null) => n ?? <Typography.Text type="secondary">whole country</Typography.Text> },
    { title: 'MCC', dataIndex: 'mcc', width: 70, render: (v: string | null) => v ?? '—' },
    { title: 'MNC', dataIndex: 'mnc', width: 70, render: (v: string | null) => v ?? '—' },
    {
      title: 'Prefixes',
      dataIndex: 'prefixes',
      render: (p: string[]) =>
        p.length ? (
          <Space size={[4, 4]} wrap>
            {p.slice(0, 6).map((x) => (
              <Tag key={x}>{x}</Tag>
            ))}
            {p.length > 6 && <Typography.Text type="secondary">+{p.length - 6} more</Typography.Text>}
          </Space>
        ) : (
          '—'
        ),
    },
    ...(isAdmin
      ? [
          {
            title: 'Actions',
            key: 'actions',
            width: 100,
            render: (_: unknown, d: Destination) => (
              <Space size={0}>
                <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setEditing(d)} aria-label={`Edit ${d.name}`} />
                <Popconfirm title={`Delete ${d.name}?`} description="Its prices and routes go with it." okText="Delete" okButtonProps={{ danger: true }} onConfirm={() => remove(d)}>
                  <Button type="link" size="small" danger icon={<DeleteOutlined />} aria-label={`Delete ${d.name}`} />
                </Popconfirm>
              </Space>
            ),
          },
        ]
      : []),
  ];

  return (
    <>
      <Breadcrumb style={{ marginBottom: 8 }} items={[{ title: 'Routing' }, { title: 'Destinations' }]} />
      <PageTitle
        title="Destinations"
        subTitle="A number is resolved to the longest matching prefix; prices and routes are set per destination."
        extra={
          isAdmin && (
            <Space wrap>
              <Popconfirm title="Add the world table?" description="One row per country (calling code) and per network (MCC/MNC). Rows there already are kept." okText="Add" onConfirm={seed}>
                <Button icon={<GlobalOutlined />} loading={seeding} data-testid="seed-world">
                  Add the world table
                </Button>
              </Popconfirm>
              <Button icon={<ImportOutlined />} onClick={() => setImporting(true)} data-testid="import-destinations">
                Import CSV
              </Button>
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="add-destination">
                Add a destination
              </Button>
            </Space>
          )
        }
      />
      <LoadError error={list.error} retry={list.reload} />
      <Card>
        <Flex gap={8} wrap style={{ marginBottom: 16 }}>
          <Input.Search placeholder="Name, network, MCC-MNC or prefix" allowClear onSearch={(v) => setQuery({ ...query, search: v.trim() || undefined, page: 1 })} style={{ width: 320 }} data-testid="destination-search" />
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder="Country"
            style={{ minWidth: 220 }}
            value={query.country}
            onChange={(country?: string) => setQuery({ ...query, country, page: 1 })}
            options={countryOptions(isCountry)}
          />
        </Flex>
        <Table<Destination>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.loading}
          data-testid="destinations-table"
          locale={{ emptyText: isAdmin ? 'No destinations: add the world table, import a CSV or add one.' : 'No destinations.' }}
          pagination={{
            current: query.page,
            pageSize: query.pageSize,
            total: list.data?.total ?? 0,
            showSizeChanger: true,
            showTotal: (t) => `${t.toLocaleString('en')} destinations`,
            onChange: (page, pageSize) => setQuery({ ...query, page: pageSize === query.pageSize ? page : 1, pageSize }),
          }}
        />
      </Card>
      <FormModal<Values> open={editing !== undefined} name="destination" width={680} title={isNew ? 'Add a destination' : `Edit ${editing?.name ?? ''}`} initialValues={initial} onSubmit={save} onClose={() => setEditing(undefined)}>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="country" label="Country" rules={[{ required: true, message: 'required' }]}>
              <Select showSearch={{ optionFilterProp: 'label' }} options={countryOptions(isCountry)} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="name" label="Name" extra="Empty: the country, or “Country — Network”.">
              <Input autoComplete="off" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="network" label="Network" extra="Empty: the whole country.">
              <Input autoComplete="off" />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="mcc" label="MCC" rules={[{ pattern: /^\d{3}$/, message: 'three digits, e.g. "255"' }]}>
              <Input autoComplete="off" maxLength={3} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="mnc" label="MNC" dependencies={['mcc']} rules={[{ pattern: /^\d{2,3}$/, message: 'two or three digits, e.g. "03"' }]}>
              <Input autoComplete="off" maxLength={3} />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item
              name="prefixes"
              label="Number prefixes"
              extra="E.164 digits, e.g. 38067; a number goes to the destination with its longest matching prefix."
              rules={[
                {
                  validator: async (_, list: string[] | undefined) => {
                    const bad = (list ?? []).find((p) => !/^\+?\d{1,15}$/.test(p));
                    if (bad !== undefined) throw new Error(`${bad}: E.164 digits, 1–15, e.g. "38067"`);
                  },
                },
              ]}
            >
              <Select mode="tags" open={false} tokenSeparators={[',', ' ']} placeholder="e.g. 38067 38068" />
            </Form.Item>
          </Col>
        </Row>
      </FormModal>
      <TextImportModal
        open={importing}
        title="Import destinations"
        accept=".csv,text/csv,text/plain"
        placeholder={'country,name,network,mcc,mnc,prefixes\nUA,Ukraine — Kyivstar,Kyivstar,255,03,38067 38068 38096 38097 38098'}
        help="One destination a line: country,name,network,mcc,mnc,prefixes (space-separated). Rows with the same country, MCC and MNC are updated."
        onImport={async (text) => {
          const r = await destinations.importCsv(text);
          list.reload();
          return { summary: `${r.accepted} accepted: ${r.created} added, ${r.updated} updated; ${r.refused.length} refused.`, refused: r.refused };
        }}
        onClose={() => setImporting(false)}
      />
    </>
  );
}
