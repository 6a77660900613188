import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Breadcrumb, Button, Card, Form, Input, Popconfirm, Space, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { businessTypes, categoryTypes, history, type nameList } from '../../api/admin.ts';
import type { NamedItem } from '../../api/types.ts';
import { FormModal } from '../../components/form-modal.tsx';
import { HistoryTable } from '../../components/history-table.tsx';
import { LoadError } from '../../components/load-error.tsx';
import { PageTitle } from '../../components/page-title.tsx';
import { listItemSchema } from '../../lib/list-rules.ts';
import { schemaRule } from '../../lib/schema-rule.ts';
import { useLoad } from '../../lib/use-load.ts';
import { useSession } from '../../session/session.tsx';

interface Props {
  readonly title: string;
  readonly noun: string;
  readonly description: string;
  readonly api: ReturnType<typeof nameList>;
  readonly entity: string;
  readonly testId: string;
}

/** An operator-managed list of names (business types, category types): add, rename, delete. */
function NameListPage({ title, noun, description, api, entity, testId }: Props) {
  const { message } = App.useApp();
  const { isAdmin } = useSession();
  const list = useLoad(() => api.list());
  const changes = useLoad(() => history.list(entity).catch(() => ({ items: [] })), list.data);
  const [editing, setEditing] = useState<NamedItem | 'new'>();
  const names = new Map((list.data?.items ?? []).map((i) => [i.id, i.name]));

  const remove = async (item: NamedItem) => {
    try {
      await api.remove(item.id);
      void message.success(`“${item.name}” is deleted.`);
      list.reload();
    } catch (err) {
      void message.error(err instanceof Error ? err.message : String(err));
    }
  };

  const columns: ColumnsType<NamedItem> = [
    { title: 'Name', dataIndex: 'name', sorter: (a, b) => a.name.localeCompare(b.name) },
    {
      title: 'Actions',
      key: 'actions',
      width: 120,
      render: (_: unknown, item) => (
        <Space size={0}>
          <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setEditing(item)} aria-label={`Rename ${item.name}`} />
          <Popconfirm title={`Delete “${item.name}”?`} description="Clients keep the value they have." okText="Delete" okButtonProps={{ danger: true }} onConfirm={() => remove(item)}>
            <Button type="link" size="small" danger icon={<DeleteOutlined />} aria-label={`Delete ${item.name}`} />
          </Popconfirm>
        </Space>
      ),
    },
  ];

  return (
    <>
      <Breadcrumb style={{ marginBottom: 8 }} items={[{ title: 'Settings' }, { title }]} />
      <PageTitle
        title={title}
        subTitle={description}
        extra={
          isAdmin && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid={`add-${testId}`}>
            Add a {noun}
          </Button>
          )
        }
      />
      <LoadError error={list.error} retry={list.reload} />
      <Card style={{ marginBottom: 16 }}>
        <Table<NamedItem> rowKey="id" size="small" columns={isAdmin ? columns : columns.filter((c) => c.key !== 'actions')} dataSource={list.data?.items ?? []} loading={list.loading} pagination={{ pageSize: 20, hideOnSinglePage: true }} />
      </Card>
      {isAdmin && (
        <Card title="History">
          <HistoryTable items={changes.data?.items} loading={changes.loading} entityLabel={(id) => names.get(id) ?? `#${id}`} />
        </Card>
      )}
      <FormModal<{ name: string }>
        open={editing !== undefined}
        name={testId}
        title={editing === 'new' ? `Add a ${noun}` : `Rename “${editing?.name ?? ''}”`}
        initialValues={editing && editing !== 'new' ? { name: editing.name } : undefined}
        onSubmit={async ({ name }) => {
          if (editing === 'new') await api.create(name.trim());
          else if (editing) await api.update(editing.id, name.trim());
          list.reload();
        }}
        onClose={() => setEditing(undefined)}
      >
        <Form.Item name="name" label="Name" required rules={[schemaRule(listItemSchema, (v: { name?: string }) => ({ name: v.name ?? '' }), ['name'])]}>
          <Input autoFocus />
        </Form.Item>
      </FormModal>
    </>
  );
}

export const BusinessTypesPage = () => (
  <NameListPage title="Business types" noun="business type" description="Values of a client's Business type, for filters and reports." api={businessTypes} entity="business_type" testId="business-type" />
);

export const CategoryTypesPage = () => (
  <NameListPage title="Category types" noun="category type" description="Values of a client's Category type, for filters and reports." api={categoryTypes} entity="category_type" testId="category-type" />
);
