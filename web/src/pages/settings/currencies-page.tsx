import { App, Breadcrumb, Card, Input, Switch, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { currencies, history } from '../../api/admin.ts';
import type { Currency } from '../../api/types.ts';
import { HistoryTable } from '../../components/history-table.tsx';
import { LoadError } from '../../components/load-error.tsx';
import { PageTitle } from '../../components/page-title.tsx';
import { useLoad } from '../../lib/use-load.ts';
import { useSession } from '../../session/session.tsx';

/** Settings → Currencies: the ones enabled here are offered for new clients. */
export function CurrenciesPage() {
  const { message } = App.useApp();
  const { isAdmin } = useSession();
  const list = useLoad(() => currencies.list());
  const changes = useLoad(() => history.list('currency').catch(() => ({ items: [] })), list.data);
  const [filter, setFilter] = useState('');
  const [busy, setBusy] = useState<string>();

  const toggle = async (c: Currency, enabled: boolean) => {
    setBusy(c.code);
    try {
      await currencies.setEnabled(c.code, enabled);
      void message.success(`${c.code} is ${enabled ? 'enabled' : 'disabled'} for new clients.`);
      list.reload();
    } catch (err) {
      void message.error(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(undefined);
    }
  };

  const q = filter.trim().toLowerCase();
  // Enabled first: they are the ones in use.
  const rows = (list.data?.items ?? [])
    .filter((c) => !q || c.code.toLowerCase().includes(q) || c.name.toLowerCase().includes(q))
    .sort((a, b) => Number(b.enabled) - Number(a.enabled) || a.code.localeCompare(b.code));
  const codes = new Map((list.data?.items ?? []).map((c) => [c.id, c.code]));
  const columns: ColumnsType<Currency> = [
    { title: 'Code', dataIndex: 'code', width: 100, sorter: (a, b) => a.code.localeCompare(b.code) },
    { title: 'Name', dataIndex: 'name', sorter: (a, b) => a.name.localeCompare(b.name) },
    {
      title: 'Enabled',
      dataIndex: 'enabled',
      width: 120,
      filters: [
        { text: 'Enabled', value: true },
        { text: 'Disabled', value: false },
      ],
      onFilter: (v, c) => c.enabled === v,
      render: (enabled: boolean, c) => <Switch checked={enabled} disabled={!isAdmin} loading={busy === c.code} onChange={(on) => void toggle(c, on)} aria-label={`Enable ${c.code}`} data-testid={`currency-${c.code}`} />,
    },
  ];

  const enabled = (list.data?.items ?? []).filter((c) => c.enabled);
  return (
    <>
      <Breadcrumb style={{ marginBottom: 8 }} items={[{ title: 'Settings' }, { title: 'Currencies' }]} />
      <PageTitle
        title="Currencies"
        subTitle={
          <>
            Enabled currencies are offered when creating a client; a client's currency never changes.{' '}
            {enabled.map((c) => (
              <Tag key={c.code} color="blue">
                {c.code}
              </Tag>
            ))}
          </>
        }
      />
      <LoadError error={list.error} retry={list.reload} />
      <Card style={{ marginBottom: 16 }}>
        <Input.Search placeholder="Code or name" allowClear onChange={(e) => setFilter(e.target.value)} style={{ width: 260, marginBottom: 16 }} />
        <Table<Currency> rowKey="code" size="small" columns={columns} dataSource={rows} loading={list.loading} pagination={{ pageSize: 20, showSizeChanger: false }} />
      </Card>
      {isAdmin && (
        <Card title="History">
          <HistoryTable items={changes.data?.items} loading={changes.loading} entityLabel={(id) => codes.get(id) ?? `#${id}`} />
        </Card>
      )}
    </>
  );
}
