import { Alert, App, Button, Card, Col, Flex, Form, Result, Row, Skeleton, type FormRule } from 'antd';
import { useMemo, useState, type KeyboardEvent } from 'react';
import { clients } from '../../../api/admin.ts';
import { ApiError } from '../../../api/http.ts';
import type { Client } from '../../../api/types.ts';
import { useSession } from '../../../session/session.tsx';
import { checkClientForm } from './check-client-form.ts';
import { ClientField, type FieldContext, type NamePath } from './client-field.tsx';
import { clientFieldByKey, clientFields, type ClientFieldGroup, type ClientFieldKey, type ClientFieldMeta } from './client-rules.ts';
import { CLIENT_SECTIONS, sectionOf } from './client-sections.ts';
import { changedFields, createDefaults, namePathOf, toBody, toFormValues, type FormMode, type FormValues } from './client-values.ts';
import { useClientLists } from './use-client-lists.ts';

/** Inputs that take a whole row (dispatch windows) or half of one (text areas), after the others. */
const rowShare = (meta: ClientFieldMeta): 'full' | 'half' | 'cell' => (meta.input === 'dispatchWindows' ? 'full' : meta.input === 'textarea' ? 'half' : 'cell');

interface Props {
  readonly mode: FormMode;
  readonly client?: Client;
  readonly onSaved: (client: Client) => void;
  readonly onCancel: () => void;
}

/** Create a client / edit a client: every field of clients.md, checked by the API's own schema. */
export function ClientForm({ mode, client, onSaved, onCancel }: Props) {
  const { lists, error: listsError } = useClientLists();
  const { isAdmin } = useSession();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const [saving, setSaving] = useState(false);
  const [serverError, setServerError] = useState<string>();
  const currency = Form.useWatch('currency', form) as string | undefined;
  const zone = (Form.useWatch('timezone', form) as string | undefined) ?? client?.timezone ?? lists?.defaults?.timezone ?? 'UTC';
  const fallbackZone = lists?.defaults?.timezone ?? 'UTC';

  const initialValues = useMemo(() => (client ? toFormValues(client as unknown as Record<string, unknown>, client.timezone) : createDefaults()), [client]);
  const originalBody = useMemo(() => (client ? toBody(initialValues, 'edit', client.timezone) : {}), [client, initialValues]);

  const rulesFor = (path: NamePath): FormRule[] => [
    ({ getFieldsValue }) => ({
      validator: async () => {
        const problem = checkClientForm(getFieldsValue(true) as FormValues, mode, fallbackZone, path);
        if (problem) throw new Error(problem);
      },
    }),
  ];

  if (listsError) return <Result status="error" title="The form's lists could not be loaded" subTitle={listsError.message} />;
  if (!lists) return <Skeleton active paragraph={{ rows: 12 }} />;

  // A client may keep a manager who has since been disabled: show them, but offer only active ones.
  const keptManager = client?.managerId && !lists.managers.some((m) => m.id === client.managerId) ? [{ id: client.managerId, login: client.managerLogin ?? `#${client.managerId}`, role: 'manager' as const, name: '', disabled: true }] : [];
  const ctx: FieldContext = { mode, lists: { ...lists, managers: [...lists.managers, ...keptManager] }, currency: currency ?? client?.currency, rulesFor, isAdmin };

  const fillFromProduct = (productId: unknown) => {
    const product = lists.products.find((p) => p.id === productId);
    if (!product) return;
    const defaults = Object.fromEntries(Object.entries(product.defaults).filter(([k]) => k !== 'productId' && !(mode === 'edit' && clientFieldByKey[k as ClientFieldKey]?.lockedAfterCreate)));
    const values = toFormValues(defaults, zone);
    form.setFieldsValue(values);
    const n = Object.keys(values).length;
    if (n > 0) void message.info(`Filled ${n} field${n === 1 ? '' : 's'} from the product “${product.name}”.`);
  };

  const showServerErrors = (err: unknown) => {
    if (!(err instanceof ApiError)) {
      setServerError(err instanceof Error ? err.message : String(err));
      return;
    }
    const fields: Record<string, string> = { ...err.fields };
    if (err.code === 'login_taken' && !fields.login) fields.login = err.message;
    if (err.code === 'currency_locked' && !fields.currency) fields.currency = err.message;
    const known = Object.entries(fields).filter(([key]) => key.split('.')[0]! in clientFieldByKey);
    const other = Object.entries(fields).filter(([key]) => !(key.split('.')[0]! in clientFieldByKey));
    form.setFields(known.map(([key, text]) => ({ name: namePathOf(key), errors: [text] })));
    if (known[0]) form.scrollToField(namePathOf(known[0][0]), { block: 'center' });
    setServerError(other.length ? other.map(([k, t]) => `${k}: ${t}`).join('; ') : known.length ? 'The client was not saved: see the fields marked in red.' : err.message);
  };

  const save = async (values: FormValues) => {
    setSaving(true);
    setServerError(undefined);
    try {
      const body = toBody(values, mode, fallbackZone);
      if (mode === 'create') {
        onSaved((await clients.create(body)).client);
      } else if (client) {
        const changes = changedFields(body, originalBody);
        if (Object.keys(changes).length === 0) {
          void message.info('Nothing changed.');
          onSaved(client);
        } else {
          onSaved((await clients.update(client.id, changes)).client);
        }
      }
    } catch (err) {
      showServerErrors(err);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Form<FormValues>
      form={form}
      name="client"
      layout="vertical"
      initialValues={initialValues}
      onFinish={save}
      onValuesChange={(changed) => 'productId' in changed && fillFromProduct(changed.productId)}
      scrollToFirstError={{ block: 'center' }}
      onKeyDown={preventEnterSubmit}
      data-testid="client-form"
    >
      {serverError && <Alert type="error" showIcon title={serverError} style={{ marginBottom: 16 }} data-testid="form-error" />}
      {CLIENT_SECTIONS.map(({ group, title }) => (
        <Section key={group} group={group} title={title} ctx={ctx} />
      ))}
      <Flex gap={8} justify="flex-end" style={{ position: 'sticky', bottom: 0, padding: '12px 0', background: '#f5f5f5', zIndex: 2 }} data-testid="form-actions">
        <Button onClick={onCancel}>Cancel</Button>
        <Button type="primary" htmlType="submit" loading={saving} data-testid="save-client">
          Save
        </Button>
      </Flex>
    </Form>
  );
}

/**
 * A long form is saved with its button, not by Enter: Enter confirms a picker or a select's
 * choice, and must not send a half-filled client.
 */
function preventEnterSubmit(e: KeyboardEvent<HTMLFormElement>) {
  if (e.key === 'Enter' && e.target instanceof HTMLInputElement) e.preventDefault();
}

function Section({ group, title, ctx }: { readonly group: ClientFieldGroup; readonly title: string; readonly ctx: FieldContext }) {
  const fields = clientFields.filter((m) => sectionOf(m) === group);
  const cells = fields.filter((m) => m.input !== 'boolean' && rowShare(m) === 'cell');
  const wide = fields.filter((m) => m.input !== 'boolean' && rowShare(m) !== 'cell');
  const switches = fields.filter((m) => m.input === 'boolean');
  // Three to a row, or four when that fills the rows exactly.
  const span = cells.length % 3 !== 0 && cells.length % 4 === 0 ? 6 : 8;
  return (
    <Card title={title} style={{ marginBottom: 16 }} data-testid={`section-${group}`}>
      <Row gutter={24}>
        {cells.map((meta) => (
          <Col key={meta.key} xs={24} md={12} xl={span}>
            <ClientField meta={meta} ctx={ctx} />
          </Col>
        ))}
        {wide.map((meta) => (
          <Col key={meta.key} xs={24} xl={rowShare(meta) === 'full' ? 24 : 12}>
            <ClientField meta={meta} ctx={ctx} />
          </Col>
        ))}
      </Row>
      {switches.length > 0 && (
        <Row gutter={24}>
          {switches.map((meta) => (
            <Col key={meta.key} xs={12} md={8} xl={6}>
              <ClientField meta={meta} ctx={ctx} />
            </Col>
          ))}
        </Row>
      )}
    </Card>
  );
}
