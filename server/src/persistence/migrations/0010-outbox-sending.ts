import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The outbox is sent to SMTP: a mail is leased while it is being sent (`next_attempt_at` in the near future,
 * so another process leaves it alone), tried again later when the server refused it, with the last problem
 * kept for the administrator.
 */
export class OutboxSending1732300000010 implements MigrationInterface {
  readonly name = 'OutboxSending1732300000010';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE outbox ADD COLUMN attempts integer NOT NULL DEFAULT 0, ADD COLUMN next_attempt_at timestamptz, ADD COLUMN last_error text');
    await queryRunner.query('CREATE INDEX outbox_unsent ON outbox (created_at, id) WHERE sent_at IS NULL');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX outbox_unsent');
    await queryRunner.query('ALTER TABLE outbox DROP COLUMN attempts, DROP COLUMN next_attempt_at, DROP COLUMN last_error');
  }
}
