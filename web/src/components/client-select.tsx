import { Select } from 'antd';
import { type CSSProperties, useEffect, useRef, useState } from 'react';
import { clients } from '../api/admin.ts';

interface Props {
  readonly id?: string;
  readonly value?: number | null;
  readonly onChange?: (value: number | null) => void;
  readonly placeholder?: string;
  readonly style?: CSSProperties;
}

type Option = { value: number; label: string };

/** A client, searched on the server by login, company or e-mail. */
export function ClientSelect({ id, value, onChange, placeholder = 'Search a client', style }: Props) {
  const [options, setOptions] = useState<Option[]>([]);
  const [loading, setLoading] = useState(false);
  const latest = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);

  const search = (text: string) => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      const n = ++latest.current;
      setLoading(true);
      clients.list({ search: text.trim() || undefined, pageSize: 30, sort: 'login' }).then(
        (page) => n === latest.current && (setOptions(page.items.map((c) => ({ value: c.id, label: c.company ? `${c.login} (${c.company})` : c.login }))), setLoading(false)),
        () => n === latest.current && setLoading(false),
      );
    }, 250);
  };

  useEffect(() => () => clearTimeout(timer.current), []);
  useEffect(() => {
    if (value && !options.some((o) => o.value === value)) {
      clients.get(value).then(({ client }) => setOptions((list) => (list.some((o) => o.value === client.id) ? list : [{ value: client.id, label: client.login }, ...list])), () => undefined);
    }
  }, [value, options]);

  return (
    <Select<number | null>
      id={id}
      style={style}
      value={value ?? undefined}
      onChange={(v) => onChange?.(v ?? null)}
      allowClear
      placeholder={placeholder}
      loading={loading}
      showSearch={{ filterOption: false, onSearch: search }}
      onOpenChange={(open) => open && search('')}
      notFoundContent={loading ? 'Searching…' : 'No client matches'}
      options={options}
    />
  );
}
