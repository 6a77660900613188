import { App, Breadcrumb, Button, Card, Form, InputNumber, Result, Select, Skeleton } from 'antd';
import { useState } from 'react';
import { history, platformDefaults } from '../../api/admin.ts';
import { ApiError } from '../../api/http.ts';
import type { PlatformDefaults } from '../../api/types.ts';
import { HistoryTable } from '../../components/history-table.tsx';
import { PageTitle } from '../../components/page-title.tsx';
import { timeZoneOptions } from '../../lib/places.ts';
import { useLoad } from '../../lib/use-load.ts';
import { useSession } from '../../session/session.tsx';
import { platformDefaultsSchema } from '../../lib/list-rules.ts';
import { schemaRule } from '../../lib/schema-rule.ts';
import { clientFieldByKey, EXPIRED_DLR_STATUSES, MODERATION_MODES, type ClientFieldKey } from '../clients/client-form/client-rules.ts';

type DefaultKey = 'moderation' | 'timezone' | 'priority' | 'dlrWaitDays' | 'expiredDlrStatus';

/** The API's own check: a default must be a value a client could have. */
const rule = (key: DefaultKey) => schemaRule(platformDefaultsSchema, (v: Partial<PlatformDefaults>) => Object.fromEntries(Object.entries(v).filter(([, x]) => x !== null)), [key]);

/** Settings → Platform defaults: what a client gets when its form leaves these fields empty. */
export function PlatformDefaultsPage() {
  const { message } = App.useApp();
  const { isAdmin } = useSession();
  const [form] = Form.useForm<PlatformDefaults>();
  const [saving, setSaving] = useState(false);
  const loaded = useLoad(() => platformDefaults.get());
  const changes = useLoad(() => history.list('platform_defaults').catch(() => ({ items: [] })), loaded.data);

  if (loaded.error) return <Result status="error" title="Cannot load the platform defaults" subTitle={loaded.error.message} />;
  if (!loaded.data) return <Skeleton active />;

  const save = async (values: PlatformDefaults) => {
    setSaving(true);
    try {
      await platformDefaults.save(values);
      void message.success('Platform defaults saved; they apply to clients that have no value of their own.');
      loaded.reload();
    } catch (err) {
      if (err instanceof ApiError) form.setFields(Object.entries(err.fields).map(([k, t]) => ({ name: k as keyof PlatformDefaults, errors: [t] })));
      void message.error(err instanceof Error ? err.message : String(err));
    } finally {
      setSaving(false);
    }
  };

  const item = (key: DefaultKey) => ({ name: key, label: clientFieldByKey[key].label, tooltip: clientFieldByKey[key].help, rules: [rule(key)], required: true });

  return (
    <>
      <Breadcrumb style={{ marginBottom: 8 }} items={[{ title: 'Settings' }, { title: 'Platform defaults' }]} />
      <PageTitle title="Platform defaults" subTitle="Used for every client whose form leaves these fields empty." />
      <Card style={{ marginBottom: 16 }}>
        <Form<PlatformDefaults> form={form} name="defaults" layout="vertical" initialValues={loaded.data} onFinish={save} disabled={!isAdmin} style={{ maxWidth: 560 }}>
          <Form.Item {...item('moderation')}>
            <Select options={MODERATION_MODES.map((m) => ({ value: m, label: m === 'manual' ? 'Manual' : 'Automatic' }))} />
          </Form.Item>
          <Form.Item {...item('timezone')}>
            <Select showSearch={{ optionFilterProp: 'label' }} options={timeZoneOptions()} />
          </Form.Item>
          <Form.Item {...item('priority')}>
            <InputNumber precision={0} style={{ width: 200 }} />
          </Form.Item>
          <Form.Item {...item('dlrWaitDays')}>
            <InputNumber precision={0} style={{ width: 200 }} />
          </Form.Item>
          <Form.Item {...item('expiredDlrStatus')}>
            <Select options={EXPIRED_DLR_STATUSES.map((s) => ({ value: s, label: s }))} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={saving} data-testid="save-defaults">
            Save
          </Button>
        </Form>
      </Card>
      {isAdmin && (
        <Card title="History">
          <HistoryTable items={changes.data?.items} loading={changes.loading} fieldLabel={(f) => clientFieldByKey[f as ClientFieldKey]?.label ?? f} />
        </Card>
      )}
    </>
  );
}
