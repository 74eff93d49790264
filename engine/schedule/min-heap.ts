/** Replaces the smallest value of a binary min-heap (worker free times) and restores the heap order. */
export function replaceTop(heap: number[], value: number): void {
  let index = 0;
  for (;;) {
    const left = 2 * index + 1;
    const child = left + 1 < heap.length && (heap[left + 1] ?? 0) < (heap[left] ?? 0) ? left + 1 : left;
    const childValue = heap[child];
    if (childValue === undefined || childValue >= value) break;
    heap[index] = childValue;
    index = child;
  }
  heap[index] = value;
}
