/**
 * A pure function of a text, remembered per text. Model texts repeat endlessly (the same cells, every case) and
 * are few; the bound only keeps a stream of ever-new texts from growing memory without end.
 */
export function memoByText<T>(compute: (text: string) => T, bound = 10_000): (text: string) => T {
  const remembered = new Map<string, T>();
  return (text) => {
    if (remembered.has(text)) return remembered.get(text)!;
    const value = compute(text);
    if (remembered.size >= bound) remembered.clear();
    remembered.set(text, value);
    return value;
  };
}
