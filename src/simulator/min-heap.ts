/**
 * A binary min-heap of items ordered by a numeric key (a due time), ties broken by insertion
 * order so equal times come out first-in first-out. Push and pop are O(log n).
 */
interface Entry<T> {
  readonly key: number;
  readonly order: number;
  readonly item: T;
}

export class MinHeap<T> {
  private readonly entries: Entry<T>[] = [];
  private inserted = 0;

  get size(): number {
    return this.entries.length;
  }

  /** The smallest key, or Infinity when empty. */
  peekKey(): number {
    return this.entries[0]?.key ?? Infinity;
  }

  push(key: number, item: T): void {
    this.entries.push({ key, order: this.inserted++, item });
    this.up(this.entries.length - 1);
  }

  pop(): T | undefined {
    const top = this.entries[0];
    const last = this.entries.pop();
    if (top === undefined || last === undefined) return undefined;
    if (this.entries.length > 0) {
      this.entries[0] = last;
      this.down(0);
    }
    return top.item;
  }

  clear(): void {
    this.entries.length = 0;
  }

  private less(a: number, b: number): boolean {
    const x = this.entries[a] as Entry<T>;
    const y = this.entries[b] as Entry<T>;
    return x.key < y.key || (x.key === y.key && x.order < y.order);
  }

  private swap(a: number, b: number): void {
    const t = this.entries[a] as Entry<T>;
    this.entries[a] = this.entries[b] as Entry<T>;
    this.entries[b] = t;
  }

  private up(i: number): void {
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.less(i, parent)) return;
      this.swap(i, parent);
      i = parent;
    }
  }

  private down(i: number): void {
    const n = this.entries.length;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let smallest = i;
      if (left < n && this.less(left, smallest)) smallest = left;
      if (right < n && this.less(right, smallest)) smallest = right;
      if (smallest === i) return;
      this.swap(i, smallest);
      i = smallest;
    }
  }
}
