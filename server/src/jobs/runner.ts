import type { Services } from '../services/index.js';

/** At most this many timers and jobs per round, so one busy round cannot starve the next poll's caller. */
const PER_ROUND = 200;
/**
 * Due timers are fired by this many loops at once, each leasing its own batch, so a thousand timers due at
 * midnight do not wait for each other's round trips. (On PGlite, with its one connection, they simply take turns.)
 */
const TIMER_LOOPS = 4;

/**
 * Fires due timers, runs the built-in workers' jobs and sends the outbox: once at start (timers that came due while no
 * server ran), then every `intervalMs`. Safe with several server processes: each timer and job is taken
 * with FOR UPDATE SKIP LOCKED and fired once (see TimerService). Nothing is kept in memory between rounds.
 */
export function startJobRunner(services: Pick<Services, 'timers' | 'jobs' | 'outbox'>, options: { intervalMs: number; log?: (message: string, err: unknown) => void }): { stop(): Promise<void>; round(): Promise<number> } {
  let stopped = false;
  let running: Promise<number> | undefined;
  let timer: NodeJS.Timeout | undefined;
  const log = options.log ?? ((message, err) => console.error(message, err));

  const round = async (): Promise<number> => {
    let done = 0;
    const fireTimers = async () => {
      while (!stopped && done < PER_ROUND) {
        const fired = await services.timers.fireDue();
        if (fired === 0) return;
        done += fired;
      }
    };
    await Promise.all(Array.from({ length: TIMER_LOOPS }, fireTimers));
    while (!stopped && done < PER_ROUND && (await services.jobs.runOneBuiltIn())) done++;
    if (!stopped) done += await services.outbox.sendDue();
    return done;
  };
  const tick = () => {
    running ??= round()
      .catch((err) => {
        log('De takenverwerker liep vast; de volgende ronde probeert het opnieuw.', err);
        return 0;
      })
      .finally(() => {
        running = undefined;
        if (!stopped && options.intervalMs > 0) timer = setTimeout(tick, options.intervalMs);
      });
    return running;
  };
  void tick();
  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
    /** One round now (tests); waits for a round in progress instead of running two at once. */
    async round() {
      if (running) await running;
      return round();
    },
  };
}
