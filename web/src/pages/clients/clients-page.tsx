import { EditOutlined, EyeOutlined, LockOutlined, PlusOutlined, UnlockOutlined } from '@ant-design/icons';
import { Breadcrumb, Button, Card, Flex, Input, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType, SorterResult } from 'antd/es/table/interface';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { clients } from '../../api/admin.ts';
import type { Client } from '../../api/types.ts';
import { LoadError } from '../../components/load-error.tsx';
import { PageTitle } from '../../components/page-title.tsx';
import { countryName, countryOptions } from '../../lib/places.ts';
import { formatAmount, formatDate } from '../../lib/format.ts';
import { useLoad } from '../../lib/use-load.ts';
import { BlockDialog } from './block-dialog.tsx';
import { clientFieldSchemas } from './client-form/client-rules.ts';
import { useClientLists } from './client-form/use-client-lists.ts';

const FILTERS = ['search', 'managerId', 'country', 'businessType', 'categoryType', 'blocked'] as const;
type Filter = (typeof FILTERS)[number];
const SORTABLE = ['login', 'company', 'createdAt'] as const;
const isCountry = (code: string) => clientFieldSchemas.country.safeParse(code).success;

/** Profiles → Clients: search, filters, sorting and paging happen on the server. */
export function ClientsPage() {
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const { lists } = useClientLists();
  const [blocking, setBlocking] = useState<Client>();

  const page = Number(params.get('page') ?? 1);
  const pageSize = Number(params.get('pageSize') ?? 20);
  const sort = params.get('sort') ?? '-createdAt';
  const query = { page, pageSize, sort, ...Object.fromEntries(FILTERS.map((f) => [f, params.get(f) ?? undefined])) };
  const { data, loading, error, reload } = useLoad(() => clients.list(query), query);

  const update = (changes: Partial<Record<Filter | 'page' | 'pageSize' | 'sort', string | number | undefined>>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (value === undefined || value === '') next.delete(key);
      else next.set(key, String(value));
    }
    if (!('page' in changes)) next.delete('page');
    setParams(next);
  };

  const sortOrder = (key: string) => (sort === key ? 'ascend' : sort === `-${key}` ? 'descend' : null);

  const columns: ColumnsType<Client> = [
    { title: 'Login', dataIndex: 'login', key: 'login', sorter: true, sortOrder: sortOrder('login'), render: (login: string, c) => <Link to={`/clients/${c.id}`}>{login}</Link> },
    { title: 'Company', dataIndex: 'company', key: 'company', sorter: true, sortOrder: sortOrder('company'), render: (v: string | null) => v ?? '—' },
    { title: 'E-mail', dataIndex: 'email', key: 'email', ellipsis: true },
    { title: 'Country', dataIndex: 'country', key: 'country', render: (v: string | null) => (v ? <Tooltip title={countryName(v)}>{v}</Tooltip> : '—') },
    { title: 'Manager', dataIndex: 'managerLogin', key: 'manager', render: (v: string | null) => v ?? '—' },
    { title: 'Balance', dataIndex: 'balance', key: 'balance', align: 'right', render: (v: string, c) => <Typography.Text type={v.startsWith('-') ? 'danger' : undefined}>{formatAmount(v, c.currency)}</Typography.Text> },
    { title: 'Status', dataIndex: 'status', key: 'status', render: (s: Client['status'], c) => <StatusTag status={s} reason={c.blockedReason} /> },
    { title: 'Registered', dataIndex: 'createdAt', key: 'createdAt', sorter: true, sortOrder: sortOrder('createdAt'), render: formatDate },
    {
      title: 'Actions',
      key: 'actions',
      fixed: 'right',
      render: (_: unknown, c) => (
        <Space size={0}>
          <Tooltip title="Edit">
            <Button type="link" size="small" icon={<EditOutlined />} onClick={() => navigate(`/clients/${c.id}/edit`)} aria-label={`Edit ${c.login}`} />
          </Tooltip>
          <Tooltip title={c.status === 'blocked' ? 'Unblock' : 'Block'}>
            <Button
              type="link"
              size="small"
              danger={c.status !== 'blocked'}
              icon={c.status === 'blocked' ? <UnlockOutlined /> : <LockOutlined />}
              onClick={() => setBlocking(c)}
              aria-label={`${c.status === 'blocked' ? 'Unblock' : 'Block'} ${c.login}`}
            />
          </Tooltip>
          <Tooltip title="Open profile">
            <Button type="link" size="small" icon={<EyeOutlined />} onClick={() => navigate(`/clients/${c.id}`)} aria-label={`Open ${c.login}`} />
          </Tooltip>
        </Space>
      ),
    },
  ];

  const selectProps = { allowClear: true, style: { minWidth: 170 }, showSearch: { optionFilterProp: 'label' } } as const;

  return (
    <>
      <Breadcrumb style={{ marginBottom: 8 }} items={[{ title: 'Profiles' }, { title: 'Clients' }]} />
      <PageTitle
        title="Clients"
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/clients/new')} data-testid="create-client">
            Create a client
          </Button>
        }
      />
      <LoadError error={error} retry={reload} />
      <Card>
        <Flex gap={8} wrap style={{ marginBottom: 16 }}>
          <Input.Search
            placeholder="Login, company or e-mail"
            allowClear
            defaultValue={params.get('search') ?? ''}
            onSearch={(v) => update({ search: v.trim() })}
            style={{ width: 280 }}
            data-testid="client-search"
          />
          <Select
            {...selectProps}
            placeholder="Manager"
            value={params.get('managerId') ? Number(params.get('managerId')) : undefined}
            onChange={(v?: number) => update({ managerId: v })}
            options={(lists?.managers ?? []).map((m) => ({ value: m.id, label: m.name || m.login }))}
          />
          <Select {...selectProps} placeholder="Country" value={params.get('country') ?? undefined} onChange={(v?: string) => update({ country: v })} options={countryOptions(isCountry)} />
          <Select
            {...selectProps}
            placeholder="Business type"
            value={params.get('businessType') ?? undefined}
            onChange={(v?: string) => update({ businessType: v })}
            options={(lists?.businessTypes ?? []).map((t) => ({ value: t.name, label: t.name }))}
          />
          <Select
            {...selectProps}
            placeholder="Category"
            value={params.get('categoryType') ?? undefined}
            onChange={(v?: string) => update({ categoryType: v })}
            options={(lists?.categoryTypes ?? []).map((t) => ({ value: t.name, label: t.name }))}
          />
          <Select
            {...selectProps}
            style={{ minWidth: 130 }}
            placeholder="Status"
            value={params.get('blocked') ?? undefined}
            onChange={(v?: string) => update({ blocked: v })}
            options={[
              { value: 'false', label: 'Active' },
              { value: 'true', label: 'Blocked' },
            ]}
          />
        </Flex>
        <Table<Client>
          rowKey="id"
          columns={columns}
          dataSource={data?.items ?? []}
          loading={loading}
          scroll={{ x: 1000 }}
          data-testid="clients-table"
          pagination={{ current: page, pageSize, total: data?.total ?? 0, showSizeChanger: true, showTotal: (t) => `${t} client${t === 1 ? '' : 's'}` }}
          onChange={(pagination, _filters, sorter) => {
            const s = (Array.isArray(sorter) ? sorter[0] : sorter) as SorterResult<Client> | undefined;
            const key = typeof s?.columnKey === 'string' && (SORTABLE as readonly string[]).includes(s.columnKey) && s.order ? (s.order === 'descend' ? `-${s.columnKey}` : s.columnKey) : undefined;
            update({ page: pagination.current, pageSize: pagination.pageSize, sort: key });
          }}
        />
      </Card>
      <BlockDialog
        client={blocking}
        onClose={() => setBlocking(undefined)}
        onDone={() => {
          setBlocking(undefined);
          reload();
        }}
      />
    </>
  );
}

export function StatusTag({ status, reason }: { readonly status: Client['status']; readonly reason?: string | null }) {
  const tag = <Tag color={status === 'blocked' ? 'red' : 'green'}>{status === 'blocked' ? 'Blocked' : 'Active'}</Tag>;
  return status === 'blocked' && reason ? <Tooltip title={reason}>{tag}</Tooltip> : tag;
}
