/** One line of the benchmark table: a figure of Loket's, and where the workload has one, what it is compared with. */
export interface Row {
  workload: string;
  metric: string;
  loket: number;
  /** The figure compared against (bpmn-engine, the database's own ceiling, W2), if any. */
  comparison?: number;
  comparisonLabel?: string;
  /** loket / comparison, or comparison / loket where less is better (heap). */
  ratio?: number;
  /** The target for this figure, in words, and whether this run met it. */
  target?: string;
  met?: boolean;
  p50Ms?: number;
  p99Ms?: number;
}

function format(value: number | undefined): string {
  if (value === undefined || Number.isNaN(value)) return '';
  if (Math.abs(value) >= 100) return Math.round(value).toLocaleString('en-US');
  return value.toPrecision(3);
}

/** The rows as an aligned text table. */
export function table(rows: Row[]): string {
  const header = ['workload', 'metric', 'Loket', 'compared with', '', 'ratio', 'p50 ms', 'p99 ms', 'target', 'met'];
  const lines = rows.map((r) => [
    r.workload,
    r.metric,
    format(r.loket),
    format(r.comparison),
    r.comparisonLabel ?? '',
    r.ratio === undefined ? '' : `${format(r.ratio)}×`,
    format(r.p50Ms),
    format(r.p99Ms),
    r.target ?? '',
    r.met === undefined ? '' : r.met ? 'yes' : 'NO',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const render = (cells: string[]) => cells.map((c, i) => (i >= 2 && i <= 7 && i !== 4 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ').trimEnd();
  return [render(header), render(widths.map((w) => '-'.repeat(w))), ...lines.map(render)].join('\n');
}
