import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Popconfirm, Space, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import { pools as poolsApi, routes, type Route } from '../../../api/routing.ts';
import type { Client } from '../../../api/types.ts';
import { FormModal } from '../../../components/form-modal.tsx';
import { LoadError } from '../../../components/load-error.tsx';
import { useDestinations } from '../../../lib/use-destination-names.ts';
import { useLoad } from '../../../lib/use-load.ts';
import { useSession } from '../../../session/session.tsx';
import { routeColumns } from '../../routing/route-columns.tsx';
import { NEW_ROUTE, RouteFields, routeBody, routeValues, type RouteValues } from '../../routing/route-fields.tsx';

/** Routes: the client's personal routes and the general ones that apply, in failover order. */
export function RoutesTab({ client }: { readonly client: Client }) {
  const { message } = App.useApp();
  const { isAdmin } = useSession();
  const list = useLoad(() => routes.ofClient(client.id), client.id);
  // Pools are the admin's: a manager sees their ids only.
  const pools = useLoad(() => (isAdmin ? poolsApi.list() : Promise.resolve({ items: [] })), isAdmin);
  const destinations = useDestinations((list.data?.items ?? []).map((r) => r.destinationId));
  const [editing, setEditing] = useState<Route | 'new'>();
  const initial = useMemo(() => (editing === 'new' ? NEW_ROUTE : editing ? routeValues(editing) : undefined), [editing]);
  const poolNames = new Map((pools.data?.items ?? []).map((p) => [p.id, p.name]));

  const save = async (v: RouteValues) => {
    const body = routeBody(v);
    if (editing === 'new') await routes.create({ ...body, clientId: client.id });
    else if (editing) await routes.update(editing.id, body);
    void message.success(editing === 'new' ? 'The personal route is added.' : 'The route is saved.');
    list.reload();
  };

  const remove = async (r: Route) => {
    try {
      await routes.remove(r.id);
      void message.success('The route is deleted.');
      list.reload();
    } catch (err) {
      void message.error(err instanceof Error ? err.message : String(err));
    }
  };

  const columns: ColumnsType<Route> = [
    { title: 'Kind', dataIndex: 'kind', width: 100, render: (k: Route['kind']) => (k === 'personal' ? <Tag color="purple">personal</Tag> : <Tag>general</Tag>) },
    ...routeColumns({ pools: poolNames, destinations }),
    ...(isAdmin
      ? [
          {
            title: 'Actions',
            key: 'actions',
            width: 100,
            render: (_: unknown, r: Route) =>
              r.kind === 'personal' ? (
                <Space size={0}>
                  <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setEditing(r)} aria-label={`Edit route ${r.id}`} />
                  <Popconfirm title="Delete this personal route?" okText="Delete" okButtonProps={{ danger: true }} onConfirm={() => remove(r)}>
                    <Button type="link" size="small" danger icon={<DeleteOutlined />} aria-label={`Delete route ${r.id}`} />
                  </Popconfirm>
                </Space>
              ) : (
                <Link to="/routing/routes">on Routes</Link>
              ),
          },
        ]
      : []),
  ];

  return (
    <>
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        title="A message takes the first route that matches, lowest priority first; the next ones are its failover. A personal route beats a general one only by its priority."
      />
      <LoadError error={list.error} retry={list.reload} />
      <Card
        size="small"
        title="Routes that apply"
        extra={
          isAdmin && (
            <Button icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="add-personal-route">
              Add a personal route
            </Button>
          )
        }
      >
        <Table<Route>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.loading}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          locale={{ emptyText: 'No route applies: every message of this client would be refused at intake.' }}
          data-testid="client-routes"
        />
      </Card>
      <FormModal<RouteValues>
        open={editing !== undefined}
        name="route"
        width={820}
        title={editing === 'new' ? `Add a personal route for ${client.login}` : 'Edit the personal route'}
        initialValues={initial}
        onSubmit={save}
        onClose={() => setEditing(undefined)}
      >
        <RouteFields pools={pools.data?.items ?? []} />
      </FormModal>
    </>
  );
}
