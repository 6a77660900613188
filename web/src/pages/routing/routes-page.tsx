import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Breadcrumb, Button, Card, Flex, Form, Popconfirm, Result, Segmented, Space, Switch, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useEffect, useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import { clients } from '../../api/admin.ts';
import { pools as poolsApi, routes, type Route } from '../../api/routing.ts';
import { ClientSelect } from '../../components/client-select.tsx';
import { DestinationSelect } from '../../components/destination-select.tsx';
import { FormModal } from '../../components/form-modal.tsx';
import { LoadError } from '../../components/load-error.tsx';
import { PageTitle } from '../../components/page-title.tsx';
import { useDestinations } from '../../lib/use-destination-names.ts';
import { useLoad } from '../../lib/use-load.ts';
import { useSession } from '../../session/session.tsx';
import { routeColumns } from './route-columns.tsx';
import { NEW_ROUTE, RouteFields, routeBody, routeValues, type RouteValues } from './route-fields.tsx';

/** Routing → Routes: general routes and every client's personal ones, each to a pool. */
export function RoutesPage() {
  const { isAdmin } = useSession();
  if (!isAdmin) return <Result status="403" title="Only admins manage routes" subTitle="A client's routes are on its profile page." />;
  return <RouteList />;
}

/** Logins of the clients that own personal routes, read once each. */
function useClientLogins(ids: readonly (number | null)[]): ReadonlyMap<number, string> {
  const [logins, setLogins] = useState<ReadonlyMap<number, string>>(new Map());
  const key = [...new Set(ids.filter((id): id is number => id !== null))].sort().join(',');
  useEffect(() => {
    if (!key) return;
    void Promise.all(key.split(',').map((id) => clients.get(Number(id)).then(({ client }) => [client.id, client.login] as const, () => undefined))).then((pairs) =>
      setLogins(new Map(pairs.filter((p): p is readonly [number, string] => p !== undefined))),
    );
  }, [key]);
  return logins;
}

function RouteList() {
  const { message } = App.useApp();
  const [kind, setKind] = useState<'all' | 'general'>('all');
  const [destinationId, setDestinationId] = useState<number | null>(null);
  const query = { clientId: kind === 'general' ? 'null' : undefined, destinationId: destinationId ?? undefined };
  const list = useLoad(() => routes.list(query), query);
  const pools = useLoad(() => poolsApi.list());
  const items = list.data?.items ?? [];
  const destinations = useDestinations(items.map((r) => r.destinationId));
  const logins = useClientLogins(items.map((r) => r.clientId));
  const [editing, setEditing] = useState<Route | 'new'>();
  const initial = useMemo(() => (editing === 'new' ? { ...NEW_ROUTE, clientId: null } : editing ? routeValues(editing) : undefined), [editing]);
  const poolNames = new Map((pools.data?.items ?? []).map((p) => [p.id, p.name]));

  const save = async (v: RouteValues) => {
    const body = { ...routeBody(v), clientId: v.clientId ?? null };
    if (editing === 'new') await routes.create(body);
    else if (editing) await routes.update(editing.id, body);
    void message.success(body.clientId === null ? 'The general route is saved.' : 'The personal route is saved.');
    list.reload();
  };

  const patch = async (r: Route, change: Partial<Route> | 'delete') => {
    try {
      if (change === 'delete') await routes.remove(r.id);
      else await routes.update(r.id, change);
      void message.success(change === 'delete' ? 'The route is deleted.' : 'The route is saved.');
      list.reload();
    } catch (err) {
      void message.error(err instanceof Error ? err.message : String(err));
    }
  };

  const columns: ColumnsType<Route> = [
    {
      title: 'For',
      dataIndex: 'clientId',
      render: (id: number | null) => (id === null ? <Tag>general</Tag> : <Link to={`/clients/${id}?tab=routes`}>{logins.get(id) ?? `client #${id}`}</Link>),
    },
    ...routeColumns({ pools: poolNames, destinations }, { state: false }),
    { title: 'Enabled', dataIndex: 'enabled', width: 90, render: (on: boolean, r) => <Switch size="small" checked={on} onChange={(v) => void patch(r, { enabled: v })} aria-label={`Enable route ${r.id}`} /> },
    {
      title: 'Actions',
      key: 'actions',
      width: 100,
      render: (_: unknown, r) => (
        <Space size={0}>
          <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setEditing(r)} aria-label={`Edit route ${r.id}`} />
          <Popconfirm title="Delete this route?" okText="Delete" okButtonProps={{ danger: true }} onConfirm={() => patch(r, 'delete')}>
            <Button type="link" size="small" danger icon={<DeleteOutlined />} aria-label={`Delete route ${r.id}`} />
          </Popconfirm>
        </Space>
      ),
    },
  ];

  return (
    <>
      <Breadcrumb style={{ marginBottom: 8 }} items={[{ title: 'Routing' }, { title: 'Routes' }]} />
      <PageTitle
        title="Routes"
        subTitle="A message takes the first matching route, lowest priority first; the next ones are its failover."
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="add-route">
            Add a route
          </Button>
        }
      />
      <LoadError error={list.error} retry={list.reload} />
      <Card>
        <Flex gap={8} wrap style={{ marginBottom: 16 }}>
          <Segmented
            value={kind}
            onChange={(v) => setKind(v as 'all' | 'general')}
            options={[
              { value: 'all', label: 'All routes' },
              { value: 'general', label: 'General only' },
            ]}
          />
          <DestinationSelect allowClear value={destinationId} onChange={setDestinationId} placeholder="Any destination" style={{ minWidth: 320 }} />
        </Flex>
        <Table<Route> rowKey="id" size="small" columns={columns} dataSource={items} loading={list.loading} pagination={{ pageSize: 50, hideOnSinglePage: true }} data-testid="routes-table" />
      </Card>
      <FormModal<RouteValues> open={editing !== undefined} name="route" width={820} title={editing === 'new' ? 'Add a route' : 'Edit the route'} initialValues={initial} onSubmit={save} onClose={() => setEditing(undefined)}>
        <RouteFields
          pools={pools.data?.items ?? []}
          client={
            <Form.Item name="clientId" label="Client" extra="Empty: a general route, for every client.">
              <ClientSelect placeholder="General (every client)" />
            </Form.Item>
          }
        />
      </FormModal>
    </>
  );
}
