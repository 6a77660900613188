import { Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { HistoryItem } from '../api/types.ts';
import { formatDateTime } from '../lib/format.ts';

interface Props {
  readonly items: HistoryItem[] | undefined;
  readonly loading?: boolean;
  /** A field's label in the panel, for a key such as "creditLimit". */
  readonly fieldLabel?: (field: string) => string;
  /** Shows which record changed, for the history of a whole list. */
  readonly entityLabel?: (entityId: number) => string;
  readonly pageSize?: number;
}

type Row = HistoryItem & { readonly children?: HistoryItem[] };

const actionColor: Record<string, string> = { create: 'green', update: 'blue', delete: 'red', block: 'volcano', unblock: 'cyan' };

function show(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

/**
 * A creation records every field at once; it is shown as one row that opens to its fields, so
 * the later changes stay readable.
 */
function groupCreations(items: readonly HistoryItem[]): Row[] {
  const rows: Row[] = [];
  for (const item of items) {
    const last = rows[rows.length - 1];
    const same = last && item.action === 'create' && last.action === 'create' && last.actor === item.actor && last.at === item.at && last.entityId === item.entityId;
    if (same) {
      const children = last.children ?? [last];
      rows[rows.length - 1] = { ...last, id: -Math.abs(last.id), field: null, children: [...children, item] };
    } else {
      rows.push(item);
    }
  }
  return rows;
}

/** Who changed what and when: one row per changed field. */
export function HistoryTable({ items, loading, fieldLabel = (f) => f, entityLabel, pageSize = 10 }: Props) {
  const columns: ColumnsType<Row> = [
    { title: 'When', dataIndex: 'at', width: 170, render: (at: string) => formatDateTime(at) },
    { title: 'Who', dataIndex: 'actor', width: 120 },
    ...(entityLabel ? [{ title: 'Record', dataIndex: 'entityId', width: 180, render: (id: number) => entityLabel(id) }] : []),
    { title: 'Action', dataIndex: 'action', width: 100, render: (a: string) => <Tag color={actionColor[a] ?? 'default'}>{a}</Tag> },
    {
      title: 'Field',
      dataIndex: 'field',
      width: 240,
      render: (f: string | null, row) => (row.children ? <Typography.Text type="secondary">{row.children.length} fields</Typography.Text> : f ? fieldLabel(f) : '—'),
    },
    {
      title: 'Before → After',
      key: 'change',
      render: (_: unknown, row) =>
        row.field && !row.children ? (
          <Typography.Text>
            <Typography.Text type="secondary" delete={row.before !== null && row.before !== undefined}>
              {show(row.before)}
            </Typography.Text>
            {' → '}
            <Typography.Text strong>{show(row.after)}</Typography.Text>
          </Typography.Text>
        ) : (
          ''
        ),
    },
  ];
  return (
    <Table<Row>
      rowKey="id"
      size="small"
      columns={columns}
      dataSource={groupCreations(items ?? [])}
      loading={loading}
      pagination={{ pageSize, hideOnSinglePage: true }}
      data-testid="history-table"
    />
  );
}
