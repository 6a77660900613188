import { Form, Input, InputNumber, Select, Switch, type FormRule } from 'antd';
import { countryOptions, timeZoneOptions } from '../../../lib/places.ts';
import { clientFieldSchemas, type ClientFieldMeta } from './client-rules.ts';
import type { FormMode } from './client-values.ts';
import { DispatchWindowsEditor } from './dispatch-windows-editor.tsx';
import { OverdrawInput } from './overdraw-input.tsx';
import type { ClientLists } from './use-client-lists.ts';

export type NamePath = (string | number)[];

export interface FieldContext {
  readonly mode: FormMode;
  readonly lists: ClientLists;
  /** The client's currency, shown beside amounts. */
  readonly currency: string | undefined;
  /** The checks of a form item at this name path. */
  readonly rulesFor: (path: NamePath) => FormRule[];
  /** Admin-only fields (the manager) are read-only for managers. */
  readonly isAdmin: boolean;
  /** Prefix of every name, e.g. ['defaults'] in a product's form. */
  readonly prefix?: NamePath;
}

const isCountry = (code: string): boolean => clientFieldSchemas.country.safeParse(code).success;
const DAYS = Array.from({ length: 31 }, (_, i) => ({ value: i + 1, label: String(i + 1) }));
const optionLabels: Record<string, string> = { manual: 'Manual', automatic: 'Automatic' };

/** One client field: its label, help, required mark, widget and the server's checks. */
export function ClientField({ meta, ctx }: { readonly meta: ClientFieldMeta; readonly ctx: FieldContext }) {
  const name = [...(ctx.prefix ?? []), meta.key];
  const required = meta.required && !(ctx.mode === 'edit' && meta.input === 'password') && !ctx.prefix;
  const common = { label: meta.label, tooltip: meta.help, required };

  if (meta.input === 'dispatchWindows') return <DispatchWindowsEditor name={name} label={meta.label} help={meta.help} rulesFor={ctx.rulesFor} />;
  if (meta.input === 'overdraw') return <OverdrawInput name={name} label={meta.label} help={meta.help} currency={ctx.currency} rulesFor={ctx.rulesFor} />;
  if (meta.input === 'boolean') {
    return (
      <Form.Item {...common} name={name} valuePropName="checked" rules={ctx.rulesFor(name)}>
        <Switch data-testid={`switch-${meta.key}`} />
      </Form.Item>
    );
  }
  return (
    <Form.Item {...common} name={name} rules={ctx.rulesFor(name)} dependencies={dependenciesOf(meta, ctx.prefix)}>
      {widget(meta, ctx)}
    </Form.Item>
  );
}

/** Password checks look at the login and at each other. */
function dependenciesOf(meta: ClientFieldMeta, prefix: NamePath | undefined): NamePath[] | undefined {
  if (prefix) return undefined;
  if (meta.key === 'password') return [['login']];
  if (meta.key === 'passwordConfirm') return [['password']];
  return undefined;
}

function widget(meta: ClientFieldMeta, ctx: FieldContext) {
  const { lists } = ctx;
  const defaults = lists.defaults;
  switch (meta.input) {
    case 'text':
      return <Input autoComplete="off" />;
    case 'textarea':
      return <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} />;
    case 'password':
      return <Input.Password autoComplete="new-password" placeholder={ctx.mode === 'edit' ? 'Leave empty to keep the current password' : undefined} />;
    case 'email':
      return <Input inputMode="email" autoComplete="off" placeholder="name@example.com" />;
    case 'phone':
      return <Input inputMode="tel" autoComplete="off" placeholder="+380501234567" />;
    case 'amount':
      return <Input inputMode="decimal" placeholder="0.00" suffix={ctx.currency ?? ''} autoComplete="off" />;
    case 'currency':
      return (
        <Select
          showSearch={{ optionFilterProp: 'label' }}
          disabled={ctx.mode === 'edit' && meta.lockedAfterCreate}
          placeholder="Choose the client's currency"
          options={lists.currencies.filter((c) => c.enabled || ctx.mode === 'edit').map((c) => ({ value: c.code, label: `${c.code} — ${c.name}` }))}
        />
      );
    case 'manager':
      return (
        <Select
          allowClear
          disabled={meta.adminOnly && !ctx.isAdmin}
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={ctx.isAdmin ? 'No manager' : ctx.mode === 'create' ? 'You: a manager’s new clients are theirs' : 'No manager'}
          options={lists.managers.map((m) => ({ value: m.id, label: m.name ? `${m.name} (${m.login})` : m.login, disabled: m.disabled }))}
        />
      );
    case 'product':
      return <Select allowClear showSearch={{ optionFilterProp: 'label' }} placeholder="No product" options={lists.products.map((p) => ({ value: p.id, label: p.name }))} />;
    case 'legalEntity':
      return <Select allowClear showSearch={{ optionFilterProp: 'label' }} placeholder="None" options={lists.legalEntities.map((e) => ({ value: e.id, label: e.name }))} />;
    case 'businessType':
      return <Select allowClear showSearch={{ optionFilterProp: 'label' }} placeholder="None" options={lists.businessTypes.map((t) => ({ value: t.name, label: t.name }))} />;
    case 'categoryType':
      return <Select allowClear showSearch={{ optionFilterProp: 'label' }} placeholder="None" options={lists.categoryTypes.map((t) => ({ value: t.name, label: t.name }))} />;
    case 'country':
      return <Select allowClear showSearch={{ optionFilterProp: 'label' }} placeholder="None" options={countryOptions(isCountry)} />;
    case 'timezone':
      return (
        <Select
          allowClear={ctx.mode === 'create'}
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={defaults ? `Platform default: ${defaults.timezone}` : 'Platform default'}
          options={timeZoneOptions()}
        />
      );
    case 'select': {
      const platform = defaults?.[meta.key as 'moderation' | 'expiredDlrStatus'];
      return (
        <Select
          allowClear={ctx.mode === 'create'}
          placeholder={platform ? `Platform default: ${optionLabels[platform] ?? platform}` : 'Platform default'}
          options={(meta.options ?? []).map((o) => ({ value: o, label: optionLabels[o] ?? o }))}
        />
      );
    }
    case 'integer': {
      const platform = meta.key === 'priority' || meta.key === 'dlrWaitDays' ? defaults?.[meta.key] : undefined;
      const placeholder = meta.key === 'dailyLimit' ? 'Unlimited' : platform !== undefined ? `Platform default: ${platform}` : 'Platform default';
      return <InputNumber precision={0} style={{ width: '100%' }} placeholder={placeholder} />;
    }
    case 'invoiceDays':
      return <Select mode="multiple" allowClear placeholder="No invoices by date" options={DAYS} />;
    case 'boolean':
    case 'dispatchWindows':
    case 'overdraw':
      return null;
  }
}
