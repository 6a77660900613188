import { Alert, App, Button, Card, Col, Form, Input, Radio, Row, Statistic, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { payments, type LedgerEntry, type LedgerKind, type PaymentInput } from '../../../api/billing.ts';
import type { Client } from '../../../api/types.ts';
import { LoadError } from '../../../components/load-error.tsx';
import { formatAmount, formatDateTime } from '../../../lib/format.ts';
import { availableOf, isPositive, isZero } from '../../../lib/funds.ts';
import { signedAmountString } from '../../../lib/message-path-rules.ts';
import { valueRule } from '../../../lib/schema-rule.ts';
import { useFormSubmit } from '../../../lib/use-form-submit.ts';
import { useLoad } from '../../../lib/use-load.ts';
import { formatOverdraw } from '../client-value.tsx';

const KINDS: Record<LedgerKind, { label: string; color: string }> = {
  topup: { label: 'Top-up', color: 'green' },
  adjustment: { label: 'Adjustment', color: 'blue' },
  charge: { label: 'Charge', color: 'default' },
  refund: { label: 'Refund', color: 'cyan' },
  postpaid_topup: { label: 'Postpaid top-up', color: 'geekblue' },
  invoice: { label: 'Invoice', color: 'purple' },
};

type Values = { kind: PaymentInput['kind']; amount: string; comment?: string };

/** Payments: what the client has and may spend, top-ups and adjustments, and the ledger. */
export function PaymentsTab({ client, onChanged }: { readonly client: Client; readonly onChanged: () => void }) {
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const ledger = useLoad(() => payments.ledger(client.id, page), { id: client.id, ...page });
  const balance = ledger.data?.balance ?? client.balance;
  const available = availableOf({ ...client, balance });
  const cur = client.currency;

  const columns: ColumnsType<LedgerEntry> = [
    { title: 'Date', dataIndex: 'createdAt', width: 160, render: formatDateTime },
    { title: 'Kind', dataIndex: 'kind', width: 140, render: (k: LedgerKind) => <Tag color={KINDS[k]?.color}>{KINDS[k]?.label ?? k}</Tag> },
    {
      title: 'Amount',
      dataIndex: 'amount',
      align: 'right',
      width: 150,
      render: (a: string) => <Typography.Text type={a.startsWith('-') ? 'danger' : 'success'}>{(a.startsWith('-') ? '' : '+') + formatAmount(a, cur)}</Typography.Text>,
    },
    { title: 'Balance after', dataIndex: 'balanceAfter', align: 'right', width: 150, render: (b: string) => formatAmount(b, cur) },
    { title: 'Messages', dataIndex: 'messages', align: 'right', width: 100, render: (n: number) => (n ? n.toLocaleString('en') : '—') },
    { title: 'Comment', dataIndex: 'comment', render: (c: string) => c || '—' },
    { title: 'By', dataIndex: 'actor', width: 120 },
  ];

  return (
    <>
      <Row gutter={[24, 16]} style={{ marginBottom: 16 }}>
        <Col xs={12} md={6}>
          <Statistic title="Balance" value={formatAmount(balance, cur)} data-testid="funds-balance" />
        </Col>
        <Col xs={12} md={6}>
          <Statistic title="Credit" value={client.creditLimit ? formatAmount(client.creditLimit, cur) : 'None'} />
        </Col>
        <Col xs={12} md={6}>
          <Statistic title="Overdraw" value={formatOverdraw(client.overdraw, cur, client.timezone)} styles={{ content: { fontSize: 17 } }} />
        </Col>
        <Col xs={12} md={6}>
          <Statistic
            title="Available to spend"
            value={formatAmount(available, cur)}
            styles={{ content: { color: available.startsWith('-') || isZero(available) ? '#cf1322' : undefined } }}
            data-testid="funds-available"
          />
        </Col>
      </Row>
      <PaymentForm client={client} onDone={() => (ledger.reload(), onChanged())} />
      <LoadError error={ledger.error} retry={ledger.reload} />
      <Card title="Ledger" size="small">
        <Table<LedgerEntry>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={ledger.data?.items ?? []}
          loading={ledger.loading}
          data-testid="ledger-table"
          pagination={{
            current: page.page,
            pageSize: page.pageSize,
            total: ledger.data?.total ?? 0,
            showSizeChanger: true,
            hideOnSinglePage: true,
            onChange: (p, s) => setPage({ page: s === page.pageSize ? p : 1, pageSize: s }),
          }}
        />
      </Card>
    </>
  );
}

/** A top-up (money in) or an adjustment (a correction either way), with a comment for the ledger. */
function PaymentForm({ client, onDone }: { readonly client: Client; readonly onDone: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const kind = Form.useWatch('kind', form) ?? 'topup';
  const { busy, error, submit } = useFormSubmit(form, async (v: Values) => {
    const res = await payments.add(client.id, { kind: v.kind, amount: v.amount.trim(), comment: v.comment?.trim() ?? '' });
    void message.success(`${v.kind === 'topup' ? 'Topped up' : 'Adjusted'}: the balance is ${formatAmount(res.balance, res.currency)}.`);
    form.resetFields(['amount', 'comment']);
    onDone();
  });

  const amountRules = [
    { required: true, whitespace: true, message: 'required' },
    valueRule(signedAmountString(), (v) => String(v).trim()),
    {
      validator: async (_: unknown, v: string | undefined) => {
        const text = v?.trim() ?? '';
        if (!signedAmountString().safeParse(text).success) return;
        if (isZero(text)) throw new Error('must not be 0');
        if (kind === 'topup' && !isPositive(text)) throw new Error('a top-up is more than 0; use an adjustment to take money off');
      },
    },
  ];

  return (
    <Card title="Add a payment" size="small" style={{ marginBottom: 16 }}>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form<Values> form={form} name="payment" layout="vertical" initialValues={{ kind: 'topup' }} onFinish={(v) => void submit(v)}>
        <Row gutter={16} align="bottom">
          <Col xs={24} md={7}>
            <Form.Item name="kind" label="Kind">
              <Radio.Group
                optionType="button"
                buttonStyle="solid"
                onChange={() => form.getFieldValue('amount') && void form.validateFields(['amount'])}
                options={[
                  { value: 'topup', label: 'Top-up' },
                  { value: 'adjustment', label: 'Adjustment' },
                ]}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={5}>
            <Form.Item name="amount" label="Amount" rules={amountRules} extra={kind === 'adjustment' ? 'Negative takes money off, e.g. -5.00' : undefined}>
              <Input inputMode="decimal" placeholder={kind === 'topup' ? '100.00' : '-5.00'} suffix={client.currency} autoComplete="off" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="comment" label="Comment" rules={[{ max: 500, message: 'at most 500 characters' }]}>
              <Input placeholder={kind === 'topup' ? 'e.g. bank transfer 2026-07-01' : 'why the balance changes'} />
            </Form.Item>
          </Col>
          <Col xs={24} md={4}>
            <Form.Item>
              <Button type="primary" htmlType="submit" loading={busy} block data-testid="add-payment">
                {kind === 'topup' ? 'Top up' : 'Adjust'}
              </Button>
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Card>
  );
}
