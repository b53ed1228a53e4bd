import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The job runner takes the first due timer by (due_at, id). With only due_at indexed, timers due at the same
 * moment (10,000 at midnight) were sorted by id again for every one taken; with both, the first is read off
 * the index.
 */
export class DueTimersInOrder1732300000004 implements MigrationInterface {
  readonly name = 'DueTimersInOrder1732300000004';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX jobs_due_order ON jobs (due_at, id) WHERE kind = 'timer' AND closed_at IS NULL`);
    await queryRunner.query('DROP INDEX jobs_due');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX jobs_due ON jobs (due_at) WHERE kind = 'timer' AND closed_at IS NULL`);
    await queryRunner.query('DROP INDEX jobs_due_order');
  }
}
