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

/** Runs `operation` in `concurrency` loops for the warm-up, then for the duration; the latencies of the measured window. */
async function latenciesOf(operation: (loop: number) => unknown, options: MeasureOptions): Promise<number[]> {
  const latencies: number[] = [];
  const warmupEnd = performance.now() + options.warmupMs;
  const end = warmupEnd + options.durationMs;
  const loop = async (index: number) => {
    for (;;) {
      const started = performance.now();
      if (started >= end) return;
      await operation(index);
      const finished = performance.now();
      if (started >= warmupEnd && finished <= end) latencies.push(finished - started);
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, (_, i) => loop(i)));
  return latencies;
}

function summary(latencies: number[], seconds: number): Measurement {
  latencies.sort((a, b) => a - b);
  return { count: latencies.length, perSecond: latencies.length / seconds, p50Ms: percentile(latencies, 50), p99Ms: percentile(latencies, 99) };
}

/**
 * Runs `operation` in `concurrency` loops: first for the warm-up (not counted), then for a fixed duration.
 * Latency is per operation; throughput is finished operations over the measured window.
 */
export async function measure(operation: (loop: number) => unknown, options: MeasureOptions): Promise<Measurement> {
  return summary(await latenciesOf(operation, options), options.durationMs / 1000);
}

/** How many turns each operation gets in `measureInTurns`. */
export const TURNS = 5;

/**
 * Measures operations that are to be compared in turns (a, b, a, b, …), each turn after a short warm-up,
 * so that a machine that runs faster or slower meanwhile (a shared host does, by a factor of two within a
 * minute) weighs on each of them alike and their ratio holds. Each gets the duration in all.
 */
export async function measureInTurns(operations: ((loop: number) => unknown)[], options: MeasureOptions): Promise<Measurement[]> {
  const latencies = operations.map(() => [] as number[]);
  for (const operation of operations) await latenciesOf(operation, { ...options, durationMs: 0 });
  const turn = { ...options, warmupMs: Math.min(options.warmupMs, 300), durationMs: options.durationMs / TURNS };
  for (let t = 0; t < TURNS; t++) {
    for (const [i, operation] of operations.entries()) latencies[i]!.push(...(await latenciesOf(operation, turn)));
  }
  return latencies.map((measured) => summary(measured, options.durationMs / 1000));
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
