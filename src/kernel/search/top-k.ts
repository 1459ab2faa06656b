/**
 * The first k items of `items` in the order given by `before`, skipping those for which `keep`
 * returns false: a bounded binary heap, O(n log k), so a page of 20 out of a million costs one pass.
 */
export function topK(
  items: ArrayLike<number>,
  k: number,
  before: (a: number, b: number) => boolean,
  keep?: (item: number) => boolean,
): number[] {
  if (k <= 0) return [];
  // Max-heap on "worst first": the root is the item that comes last among those kept.
  const heap: number[] = [];
  const worse = (a: number, b: number) => before(b, a);
  const up = (i: number) => {
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!worse(heap[i]!, heap[p]!)) break;
      [heap[i], heap[p]] = [heap[p]!, heap[i]!];
      i = p;
    }
  };
  const down = (i: number) => {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < heap.length && worse(heap[l]!, heap[m]!)) m = l;
      if (r < heap.length && worse(heap[r]!, heap[m]!)) m = r;
      if (m === i) return;
      [heap[i], heap[m]] = [heap[m]!, heap[i]!];
      i = m;
    }
  };
  for (let i = 0; i < items.length; i++) {
    const item = items[i]!;
    if (keep && !keep(item)) continue;
    if (heap.length < k) {
      heap.push(item);
      up(heap.length - 1);
    } else if (before(item, heap[0]!)) {
      heap[0] = item;
      down(0);
    }
  }
  return heap.sort((a, b) => (before(a, b) ? -1 : before(b, a) ? 1 : 0));
}
