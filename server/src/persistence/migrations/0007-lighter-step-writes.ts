import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Two costs of every step that pg_stat_statements showed during `npm run bench` (W2, PostgreSQL):
 * - Closing a task changes its state, so the row gets a new version in every index, the two GIN indexes of
 *   the inbox included (0.2 ms of a 0.68 ms step). Only open tasks are looked up by candidate, so only open
 *   tasks are in those indexes, and a closed task leaves them alone.
 * - Each history row checked its case with a foreign key (20 rows per case of the bench process, one
 *   trigger and one lookup each). History is append-only and written only by a step of that very case, in
 *   the same statement that writes the case; without the key it can also be kept apart from the running
 *   cases (archived, partitioned by month), as history tables usually are. Its rows are only ever read by
 *   case, in order, so the key is (case, id) and that one index replaces the two (40 of a case's 64 index
 *   entries were history's).
 * And perf showed a sixth of PostgreSQL's time spent planning the statements inside loket_write_step again on
 * every call: PL/pgSQL plans them with the step's values (a custom plan) as long as it guesses that pays, and
 * for lookups by key and plain inserts it never does, so the function keeps one plan per statement.
 */
export class LighterStepWrites1732300000007 implements MigrationInterface {
  readonly name = 'LighterStepWrites1732300000007';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX tasks_candidate_groups');
    await queryRunner.query('DROP INDEX tasks_candidate_users');
    await queryRunner.query(`CREATE INDEX tasks_open_by_group ON tasks USING gin (candidate_groups) WHERE state = 'open'`);
    await queryRunner.query(`CREATE INDEX tasks_open_by_user ON tasks USING gin (candidate_users) WHERE state = 'open'`);
    await queryRunner.query('ALTER TABLE history_events DROP CONSTRAINT history_events_process_instance_id_fkey');
    await queryRunner.query('ALTER TABLE history_events DROP CONSTRAINT history_events_pkey, ADD PRIMARY KEY (process_instance_id, id)');
    await queryRunner.query('DROP INDEX history_events_instance');
    await queryRunner.query('ALTER FUNCTION loket_write_step(jsonb) SET plan_cache_mode = force_generic_plan');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER FUNCTION loket_write_step(jsonb) RESET plan_cache_mode');
    await queryRunner.query('CREATE INDEX history_events_instance ON history_events (process_instance_id, id)');
    await queryRunner.query('ALTER TABLE history_events DROP CONSTRAINT history_events_pkey, ADD PRIMARY KEY (id)');
    await queryRunner.query('ALTER TABLE history_events ADD CONSTRAINT history_events_process_instance_id_fkey FOREIGN KEY (process_instance_id) REFERENCES process_instances(id)');
    await queryRunner.query('DROP INDEX tasks_open_by_user');
    await queryRunner.query('DROP INDEX tasks_open_by_group');
    await queryRunner.query('CREATE INDEX tasks_candidate_users ON tasks USING gin (candidate_users)');
    await queryRunner.query('CREATE INDEX tasks_candidate_groups ON tasks USING gin (candidate_groups)');
  }
}
