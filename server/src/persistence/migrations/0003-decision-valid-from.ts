import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Rules pinned in time: a decision version can take effect from a date (valid_from), so an application is
 * decided by the rules in force when it was received, not by whatever was deployed last.
 */
export class DecisionValidFrom1732300000003 implements MigrationInterface {
  readonly name = 'DecisionValidFrom1732300000003';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE decision_definitions ADD COLUMN valid_from timestamptz');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE decision_definitions DROP COLUMN valid_from');
  }
}
