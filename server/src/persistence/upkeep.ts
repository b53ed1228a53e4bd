import type { DataSource } from 'typeorm';

/** The tables one round of upkeep vacuumed (and analyzed), and those it only analyzed. */
export interface UpkeepDone {
  vacuumed: string[];
  analyzed: string[];
}

interface TableActivity {
  relname: string;
  n_live_tup: string;
  n_dead_tup: string;
  n_mod_since_analyze: string;
}

function quoted(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/**
 * What autovacuum does for a PostgreSQL server, done for PGlite, which runs no background workers: tables
 * whose rows changed much since they were last looked at get their dead rows cleared (VACUUM) and their
 * statistics renewed (ANALYZE). Without statistics the planner guesses: the inbox of one department among
 * 100,000 waiting cases went from 8 ms to 55 ms (a scan of every open task instead of the inbox index in order),
 * and without VACUUM every step's update leaves a dead row behind for good.
 *
 * The thresholds are autovacuum's defaults: VACUUM when the dead rows exceed 50 + 20% of the live ones,
 * ANALYZE when the rows changed since the last ANALYZE exceed 50 + 10%.
 */
export async function upkeep(dataSource: DataSource): Promise<UpkeepDone> {
  // PostgreSQL hands a session's table counters over now and then; this asks for it at the next statement.
  await dataSource.query('SELECT pg_stat_force_next_flush()');
  const tables: TableActivity[] = await dataSource.query(
    `SELECT relname, n_live_tup, n_dead_tup, n_mod_since_analyze FROM pg_stat_user_tables WHERE schemaname = current_schema() ORDER BY relname`,
  );
  const done: UpkeepDone = { vacuumed: [], analyzed: [] };
  for (const table of tables) {
    const live = Number(table.n_live_tup);
    const vacuum = Number(table.n_dead_tup) > 50 + 0.2 * live;
    const analyze = Number(table.n_mod_since_analyze) > 50 + 0.1 * live;
    if (vacuum) {
      await dataSource.query(`VACUUM (ANALYZE) ${quoted(table.relname)}`);
      done.vacuumed.push(table.relname);
      done.analyzed.push(table.relname);
    } else if (analyze) {
      await dataSource.query(`ANALYZE ${quoted(table.relname)}`);
      done.analyzed.push(table.relname);
    }
  }
  return done;
}

/** Runs upkeep every `intervalMs`, one round after the other, until stopped. */
export function startUpkeep(dataSource: DataSource, options: { intervalMs: number; log: (message: string, err: unknown) => void }): () => Promise<void> {
  let stopped = false;
  let running: Promise<unknown> | undefined;
  let timer: NodeJS.Timeout | undefined;
  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      running = upkeep(dataSource)
        .catch((err) => options.log('Het onderhoud van de ingebouwde database mislukte; het volgende probeert het opnieuw.', err))
        .finally(schedule);
    }, options.intervalMs);
    timer.unref();
  };
  schedule();
  return async () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    await running;
  };
}
