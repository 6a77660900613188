import { App, Breadcrumb, Button, Card, Form, InputNumber, Result, Skeleton } from 'antd';
import { useState } from 'react';
import { ApiError } from '../../api/http.ts';
import { policySettings, type PolicySettings } from '../../api/policy.ts';
import { PageTitle } from '../../components/page-title.tsx';
import { useLoad } from '../../lib/use-load.ts';
import { useSession } from '../../session/session.tsx';

/** Settings → Policy: the daily quota of free test messages per client. */
export function PolicyPage() {
  const { message } = App.useApp();
  const { isAdmin } = useSession();
  const [form] = Form.useForm<PolicySettings>();
  const [saving, setSaving] = useState(false);
  const loaded = useLoad(() => policySettings.get());

  if (loaded.error) return <Result status="error" title="Cannot load the policy settings" subTitle={loaded.error.message} />;
  if (!loaded.data) return <Skeleton active />;

  const save = async (values: PolicySettings) => {
    setSaving(true);
    try {
      await policySettings.save(values);
      void message.success('Policy settings saved.');
      loaded.reload();
    } catch (err) {
      if (err instanceof ApiError) form.setFields(Object.entries(err.fields).map(([k, t]) => ({ name: k as keyof PolicySettings, errors: [t] })));
      void message.error(err instanceof Error ? err.message : String(err));
    } finally {
      setSaving(false);
    }
  };

  return (
    <>
      <Breadcrumb style={{ marginBottom: 8 }} items={[{ title: 'Settings' }, { title: 'Policy' }]} />
      <PageTitle title="Policy" subTitle="Rules that apply to every client." />
      <Card>
        <Form<PolicySettings> form={form} name="policy" layout="vertical" initialValues={loaded.data.settings} onFinish={save} disabled={!isAdmin} style={{ maxWidth: 560 }}>
          <Form.Item
            name="testDailyQuota"
            label="Test messages per client and day"
            tooltip="Clients with Can SMS Tests send test messages free of charge, flagged as tests, up to this many a day (their local day)."
            rules={[{ required: true, message: 'required' }, { type: 'integer', min: 0, max: 1_000_000, message: 'a whole number from 0 to 1000000' }]}
          >
            <InputNumber precision={0} style={{ width: 200 }} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={saving} data-testid="save-policy">
            Save
          </Button>
        </Form>
      </Card>
    </>
  );
}
