import { query } from '../../server/src/persistence/prepared.js';
import type { Services } from '../../server/src/services/index.js';
import type { Actor } from '../../server/src/services/tasks.js';
import type { Measurement } from '../measure.js';
import type { Row } from '../report.js';

export const BENCH_ACTOR: Actor = { username: 'bench', roles: ['staff'], groups: ['burgerzaken'] };

/**
 * One case through the service layer as a client does it: start, complete the task the start opened, then the
 * one that completion opened, and look at the case.
 */
export async function caseThroughServices(services: Services): Promise<void> {
  const started = await services.instances.start({ processKey: 'bench', variables: { afdeling: 'burgerzaken' } }, BENCH_ACTOR);
  const [intake] = started.openedTasks;
  const { openedTasks: [decide] } = await services.tasks.complete(BENCH_ACTOR, intake!.id, { volledig: true });
  await services.tasks.complete(BENCH_ACTOR, decide!.id, {});
  const ended = await services.instances.get(started.id);
  if (ended.state !== 'completed') throw new Error(`bench case ended ${ended.state}`);
}

/**
 * What the database itself can do with transactions shaped like a step: one update of a versioned row and two
 * inserts, through the same connection pool and as prepared statements, as Loket's own statements run. Each
 * loop updates its own row, as each case has its own. `drop` removes its tables.
 */
export async function databaseCeiling(services: Services, concurrency: number): Promise<{ transaction: (loop: number) => Promise<void>; drop: () => Promise<void> }> {
  const { dataSource } = services;
  await dataSource.query('CREATE TABLE bench_rows (id integer PRIMARY KEY, row_version integer NOT NULL, state jsonb NOT NULL)');
  await dataSource.query('CREATE TABLE bench_events (id bigserial PRIMARY KEY, row_id integer NOT NULL, data jsonb NOT NULL)');
  for (let i = 0; i < concurrency; i++) await dataSource.query('INSERT INTO bench_rows VALUES ($1, 0, $2)', [i, '{}']);
  const versions = new Array<number>(concurrency).fill(0);
  const state = JSON.stringify({ tokens: [{ id: 't1', elementId: 'intake', state: 'waiting' }], variables: { afdeling: 'burgerzaken' } });
  return {
    async transaction(loop) {
      await dataSource.transaction(async (em) => {
        const updated = await query(em, 'UPDATE bench_rows SET row_version = row_version + 1, state = $3 WHERE id = $1 AND row_version = $2 RETURNING id', [
          loop,
          versions[loop],
          state,
        ]);
        if (updated.length !== 1) throw new Error('lost the row version');
        await query(em, 'INSERT INTO bench_events (row_id, data) VALUES ($1, $2)', [loop, '{"type":"element-completed"}']);
        await query(em, 'INSERT INTO bench_events (row_id, data) VALUES ($1, $2)', [loop, '{"type":"element-activated"}']);
      });
      versions[loop]! += 1;
    },
    async drop() {
      await dataSource.query('DROP TABLE bench_events');
      await dataSource.query('DROP TABLE bench_rows');
    },
  };
}

/** W2: cases through the service layer, beside the database's own ceiling measured in turns with them. */
export function persistedRow(cases: Measurement, ceiling: Measurement, database: string, concurrency: number): Row {
  // A case is three steps, each one transaction of the ceiling's shape.
  const ceilingCases = ceiling.perSecond / 3;
  const ratio = cases.perSecond / ceilingCases;
  const floor = database === 'postgres' ? 1000 : 300;
  return {
    workload: `W2 persisted (${database})`,
    metric: `cases/s, ${concurrency} clients`,
    loket: cases.perSecond,
    comparison: ceilingCases,
    comparisonLabel: `DB ceiling (${Math.round(ceiling.perSecond)} tx/s ÷ 3)`,
    ratio,
    p50Ms: cases.p50Ms,
    p99Ms: cases.p99Ms,
    target: database === 'postgres' ? '≥ 1,000/s and ≥ 0.5× ceiling' : '≥ 300/s',
    met: database === 'postgres' ? cases.perSecond >= floor && ratio >= 0.5 : cases.perSecond >= floor,
  };
}
