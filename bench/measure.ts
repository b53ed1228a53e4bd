import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** What one workload measured: throughput and latency of its operation. */
export interface Measurement {
  /** Operations finished in the measured window (warm-up excluded). */
  count: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
}

export interface MeasureOptions {
  /** How many loops run the operation at the same time. */
  concurrency: number;
  warmupMs: number;
  durationMs: number;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/**
 * Runs `operation` in `concurrency` loops: first for the warm-up (not counted), then for a fixed duration.
 * Latency is per operation; throughput is finished operations over the measured window.
 */
export async function measure(operation: (loop: number) => unknown, options: MeasureOptions): Promise<Measurement> {
  const latencies: number[] = [];
  const warmupEnd = performance.now() + options.warmupMs;
  const end = warmupEnd + options.durationMs;
  let measuredFrom = 0;
  const loop = async (index: number) => {
    for (;;) {
      const started = performance.now();
      if (started >= end) return;
      await operation(index);
      const finished = performance.now();
      if (started >= warmupEnd && finished <= end) latencies.push(finished - started);
      if (measuredFrom === 0 && finished >= warmupEnd) measuredFrom = warmupEnd;
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, (_, i) => loop(i)));
  latencies.sort((a, b) => a - b);
  const seconds = options.durationMs / 1000;
  return { count: latencies.length, perSecond: latencies.length / seconds, p50Ms: percentile(latencies, 50), p99Ms: percentile(latencies, 99) };
}

// A full collection on demand, also when node was started without --expose-gc (under mocha, say).
setFlagsFromString('--expose-gc');
const collect = ((globalThis as { gc?: () => void }).gc ?? runInNewContext('gc')) as () => void;

/** The heap after full collections: what live objects hold, without garbage not yet collected. */
export function settledHeap(): number {
  collect();
  collect();
  return process.memoryUsage().heapUsed;
}
