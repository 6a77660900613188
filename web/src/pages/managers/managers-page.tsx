import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Breadcrumb, Button, Card, Form, Input, Result, Select, Switch, Table, Tag, Tooltip } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { history, operators } from '../../api/admin.ts';
import type { Operator } from '../../api/types.ts';
import { FormModal } from '../../components/form-modal.tsx';
import { HistoryTable } from '../../components/history-table.tsx';
import { LoadError } from '../../components/load-error.tsx';
import { PageTitle } from '../../components/page-title.tsx';
import { formatDate } from '../../lib/format.ts';
import { useLoad } from '../../lib/use-load.ts';
import { useSession } from '../../session/session.tsx';

interface OperatorValues {
  login: string;
  password?: string;
  role: 'admin' | 'manager';
  name?: string;
  email?: string;
}

/** Profiles → Managers: the operator's staff. Admins create, edit and disable them. */
export function ManagersPage() {
  const { isAdmin, operator: me } = useSession();
  if (!isAdmin) return <Result status="403" title="Only admins manage the staff" />;
  return <ManagersList myId={me.id} />;
}

function ManagersList({ myId }: { readonly myId: number }) {
  const { message } = App.useApp();
  const list = useLoad(() => operators.list());
  const changes = useLoad(() => history.list('operator').catch(() => ({ items: [] })), list.data);
  const [editing, setEditing] = useState<Operator | 'new'>();
  const byId = new Map((list.data?.items ?? []).map((o) => [o.id, o.login]));

  const setDisabled = async (o: Operator, disabled: boolean) => {
    try {
      await operators.update(o.id, { disabled });
      void message.success(`${o.login} is ${disabled ? 'disabled' : 'enabled'}.`);
      list.reload();
    } catch (err) {
      void message.error(err instanceof Error ? err.message : String(err));
    }
  };

  const columns: ColumnsType<Operator> = [
    { title: 'Login', dataIndex: 'login' },
    { title: 'Name', dataIndex: 'name', render: (v: string) => v || '—' },
    { title: 'E-mail', dataIndex: 'email', render: (v?: string) => v || '—' },
    { title: 'Role', dataIndex: 'role', render: (r: string) => <Tag color={r === 'admin' ? 'geekblue' : 'default'}>{r}</Tag> },
    { title: 'Created', dataIndex: 'createdAt', render: formatDate },
    {
      title: 'Enabled',
      dataIndex: 'disabled',
      render: (disabled: boolean | undefined, o) => (
        <Tooltip title={o.id === myId ? 'You cannot disable yourself' : undefined}>
          <Switch checked={!disabled} disabled={o.id === myId} onChange={(on) => void setDisabled(o, !on)} aria-label={`Enable ${o.login}`} />
        </Tooltip>
      ),
    },
    { title: 'Actions', key: 'actions', render: (_: unknown, o) => <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setEditing(o)} aria-label={`Edit ${o.login}`} /> },
  ];

  const save = async (values: OperatorValues) => {
    if (editing === 'new') {
      await operators.create({ login: values.login.trim(), password: values.password, role: values.role, name: values.name?.trim() ?? '', email: values.email?.trim() ?? '' });
      void message.success(`${values.login} can now sign in.`);
    } else if (editing) {
      await operators.update(editing.id, { name: values.name?.trim() ?? '', email: values.email?.trim() ?? '', ...(values.password ? { password: values.password } : {}) });
    }
    list.reload();
  };

  const isNew = editing === 'new';
  return (
    <>
      <Breadcrumb style={{ marginBottom: 8 }} items={[{ title: 'Profiles' }, { title: 'Managers' }]} />
      <PageTitle
        title="Managers"
        subTitle="A manager sees and edits only the clients assigned to them; admins see everything."
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="create-manager">
            Add a manager
          </Button>
        }
      />
      <LoadError error={list.error} retry={list.reload} />
      <Card style={{ marginBottom: 16 }}>
        <Table<Operator> rowKey="id" columns={columns} dataSource={list.data?.items ?? []} loading={list.loading} pagination={false} />
      </Card>
      <Card title="History">
        <HistoryTable items={changes.data?.items} loading={changes.loading} entityLabel={(id) => byId.get(id) ?? `#${id}`} />
      </Card>
      <FormModal<OperatorValues>
        open={editing !== undefined}
        name="operator"
        title={isNew ? 'Add a manager' : `Edit ${editing?.login ?? ''}`}
        initialValues={isNew ? { role: 'manager' } : editing ? { login: editing.login, role: editing.role, name: editing.name, email: editing.email ?? '' } : undefined}
        onSubmit={save}
        onClose={() => setEditing(undefined)}
      >
        <Form.Item name="login" label="Login" required={isNew} rules={isNew ? [{ required: true, message: 'required' }, { pattern: /^[A-Za-z0-9_]{3,32}$/, message: 'one word of 3–32 letters, digits or _' }] : []}>
          <Input disabled={!isNew} autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="password"
          label="Password"
          required={isNew}
          extra={isNew ? undefined : 'Leave empty to keep the current password.'}
          rules={[...(isNew ? [{ required: true, message: 'required' }] : []), { min: 8, max: 128, message: '8–128 characters' }]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item name="role" label="Role">
          <Select
            disabled={!isNew}
            options={[
              { value: 'manager', label: 'Manager: only their clients' },
              { value: 'admin', label: 'Admin: everything' },
            ]}
          />
        </Form.Item>
        <Form.Item name="name" label="Name" rules={[{ max: 100, message: 'at most 100 characters' }]}>
          <Input />
        </Form.Item>
        <Form.Item name="email" label="E-mail" rules={[{ type: 'email', message: 'not a valid e-mail address' }]}>
          <Input />
        </Form.Item>
      </FormModal>
    </>
  );
}
