import { DatePicker, Flex, Form, Input, type FormRule } from 'antd';
import type { NamePath } from './client-field.tsx';

interface Props {
  readonly name: NamePath;
  readonly label: string;
  readonly help: string;
  readonly currency: string | undefined;
  readonly rulesFor: (path: NamePath) => FormRule[];
}

/** Allow overdraw: an amount and the date it ends (end of that day, client's Local time). */
export function OverdrawInput({ name, label, help, currency, rulesFor }: Props) {
  const amount = [...name, 'amount'];
  const until = [...name, 'until'];
  return (
    <Form.Item label={label} tooltip={help} style={{ marginBottom: 0 }}>
      <Flex gap={8} wrap>
        <Form.Item name={amount} rules={rulesFor(amount)} dependencies={[until]} style={{ flex: '1 1 140px' }}>
          <Input inputMode="decimal" placeholder="Amount" suffix={currency ?? ''} autoComplete="off" />
        </Form.Item>
        <Form.Item name={until} rules={rulesFor(until)} dependencies={[amount]} style={{ flex: '1 1 160px' }}>
          <DatePicker placeholder="Until (end date)" style={{ width: '100%' }} />
        </Form.Item>
      </Flex>
    </Form.Item>
  );
}
