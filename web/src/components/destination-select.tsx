import { Select } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { destinations, type Destination } from '../api/routing.ts';

interface Props {
  readonly id?: string;
  readonly value?: number | null;
  readonly onChange?: (value: number | null) => void;
  readonly placeholder?: string;
  readonly allowClear?: boolean;
  readonly style?: React.CSSProperties;
}

/** "Ukraine — Kyivstar (UA, 255-03)": enough to tell networks of one country apart. */
export function destinationLabel(d: Pick<Destination, 'name' | 'country' | 'mcc' | 'mnc'>): string {
  const code = d.mcc ? `, ${d.mcc}${d.mnc ? `-${d.mnc}` : ''}` : '';
  return `${d.name} (${d.country}${code})`;
}

/**
 * A destination, searched on the server as the operator types (name, network, MCC-MNC or number
 * prefix); the world table has thousands of rows, so only a page of matches is fetched.
 */
export function DestinationSelect({ id, value, onChange, placeholder = 'Search a country, network, MCC-MNC or prefix', allowClear, style }: Props) {
  const [options, setOptions] = useState<Destination[]>([]);
  const [loading, setLoading] = useState(false);
  const latest = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);

  const search = (text: string) => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      const n = ++latest.current;
      setLoading(true);
      destinations.list({ search: text.trim() || undefined, pageSize: 30 }).then(
        (page) => n === latest.current && (setOptions(page.items), setLoading(false)),
        () => n === latest.current && setLoading(false),
      );
    }, 250);
  };

  // The first page on open, and the label of a value set from outside (editing a route).
  useEffect(() => {
    search('');
    return () => clearTimeout(timer.current);
  }, []);
  useEffect(() => {
    if (value && !options.some((o) => o.id === value)) {
      destinations.get(value).then(({ destination }) => setOptions((list) => (list.some((o) => o.id === destination.id) ? list : [destination, ...list])), () => undefined);
    }
  }, [value, options]);

  return (
    <Select<number | null>
      id={id}
      value={value ?? undefined}
      onChange={(v) => onChange?.(v ?? null)}
      allowClear={allowClear}
      placeholder={placeholder}
      loading={loading}
      style={style}
      showSearch={{ filterOption: false, onSearch: search }}
      onOpenChange={(open) => open && search('')}
      notFoundContent={loading ? 'Searching…' : 'No destination matches'}
      options={options.map((d) => ({ value: d.id, label: destinationLabel(d) }))}
    />
  );
}
