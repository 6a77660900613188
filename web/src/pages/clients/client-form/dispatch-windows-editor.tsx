import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Checkbox, Flex, Form, TimePicker, Typography, type FormRule } from 'antd';
import { WEEKDAYS } from '../../../lib/format.ts';
import type { NamePath } from './client-field.tsx';
import { clientFieldSchemas } from './client-rules.ts';
import { windowsBody, type WindowValue } from './client-values.ts';

interface Props {
  readonly name: NamePath;
  readonly label: string;
  readonly help: string;
  readonly rulesFor: (path: NamePath) => FormRule[];
}

/** Checks of the list as a whole (e.g. how many windows); each window's fields check themselves. */
const listRule = {
  validator: async (_: unknown, value: WindowValue[] | undefined) => {
    if (!value?.length) return;
    const result = clientFieldSchemas.dispatchWindows.safeParse(windowsBody(value));
    const issue = result.error?.issues.find((i) => i.path.length === 0);
    if (issue) throw new Error(issue.message);
  },
};

const weekdayOptions = WEEKDAYS.map((d) => ({ value: d.value, label: d.label }));

/** Time of dispatch: windows from–to in the client's Local time, each on chosen weekdays or every day. */
export function DispatchWindowsEditor({ name, label, help, rulesFor }: Props) {
  return (
    <Form.Item label={label} tooltip={help} data-testid="dispatch-windows">
      <Form.List name={name} rules={[listRule]}>
        {(fields, { add, remove }, { errors }) => (
          <Flex vertical gap={8}>
            {fields.map((field, index) => (
              <Flex key={field.key} gap={12} align="start" wrap data-testid={`dispatch-window-${index}`}>
                <Form.Item name={[field.name, 'from']} rules={rulesFor([...name, index, 'from'])} style={{ marginBottom: 0 }}>
                  <TimePicker format="HH:mm" placeholder="From" needConfirm={false} minuteStep={5} />
                </Form.Item>
                <Typography.Text style={{ lineHeight: '32px' }}>–</Typography.Text>
                <Form.Item name={[field.name, 'to']} rules={rulesFor([...name, index, 'to'])} dependencies={[[...name, field.name, 'from']]} style={{ marginBottom: 0 }}>
                  <TimePicker format="HH:mm" placeholder="To" needConfirm={false} minuteStep={5} />
                </Form.Item>
                <Form.Item name={[field.name, 'days']} rules={rulesFor([...name, index, 'days'])} style={{ marginBottom: 0 }}>
                  <Checkbox.Group options={weekdayOptions} style={{ lineHeight: '32px' }} />
                </Form.Item>
                <Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(field.name)} aria-label={`Remove window ${index + 1}`} data-testid={`remove-window-${index}`} />
              </Flex>
            ))}
            <Typography.Text type="secondary">{fields.length === 0 ? 'Any time: no windows.' : 'Times are the Local time; a window with no weekday ticked applies every day, and may pass midnight (22:00–06:00).'}</Typography.Text>
            <Form.ErrorList errors={errors} />
            <div>
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ from: null, to: null, days: [] })} data-testid="add-window">
                Add a window
              </Button>
            </div>
          </Flex>
        )}
      </Form.List>
    </Form.Item>
  );
}
