import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What makes a case move on its own or from outside: jobs (timers and service-task work, one table so one
 * runner picks both with FOR UPDATE SKIP LOCKED), message and signal subscriptions, the mail outbox, and the
 * link from a called process to the call activity that started it.
 */
const UP = [
  `ALTER TABLE deployment_resources DROP CONSTRAINT deployment_resources_kind_check`,
  `ALTER TABLE deployment_resources ADD CONSTRAINT deployment_resources_kind_check CHECK (kind IN ('bpmn', 'dmn', 'form', 'template'))`,

  `ALTER TABLE process_instances ADD COLUMN parent_instance_id text REFERENCES process_instances(id)`,
  `ALTER TABLE process_instances ADD COLUMN parent_token_id text`,
  `CREATE INDEX process_instances_parent ON process_instances (parent_instance_id) WHERE parent_instance_id IS NOT NULL`,

  `CREATE TABLE jobs (
     id                  text PRIMARY KEY,
     kind                text NOT NULL CHECK (kind IN ('timer', 'work')),
     process_instance_id text REFERENCES process_instances(id),
     definition_id       text REFERENCES process_definitions(id),
     element_id          text NOT NULL,
     subscription_id     text,
     type                text,
     headers             jsonb NOT NULL DEFAULT '{}'::jsonb,
     retries             integer NOT NULL DEFAULT 3,
     due_at              timestamptz NOT NULL,
     worker              text,
     locked_until        timestamptz,
     error_message       text,
     created_at          timestamptz NOT NULL,
     -- A finished or cancelled job stays, so a second completion can be told apart from an unknown job.
     closed_at           timestamptz,
     CHECK (process_instance_id IS NOT NULL OR definition_id IS NOT NULL)
   )`,
  `CREATE INDEX jobs_due ON jobs (due_at) WHERE kind = 'timer' AND closed_at IS NULL`,
  `CREATE INDEX jobs_work ON jobs (type, due_at) WHERE kind = 'work' AND closed_at IS NULL`,
  `CREATE INDEX jobs_instance ON jobs (process_instance_id)`,

  `CREATE TABLE event_subscriptions (
     id                  text PRIMARY KEY,
     kind                text NOT NULL CHECK (kind IN ('message', 'signal')),
     name                text NOT NULL,
     correlation_key     text,
     process_instance_id text REFERENCES process_instances(id),
     definition_id       text REFERENCES process_definitions(id),
     element_id          text NOT NULL,
     created_at          timestamptz NOT NULL,
     CHECK (process_instance_id IS NOT NULL OR definition_id IS NOT NULL)
   )`,
  `CREATE INDEX event_subscriptions_name ON event_subscriptions (kind, name, correlation_key)`,
  `CREATE INDEX event_subscriptions_instance ON event_subscriptions (process_instance_id)`,

  `CREATE TABLE outbox (
     id                  text PRIMARY KEY,
     process_instance_id text NOT NULL REFERENCES process_instances(id),
     job_id              text NOT NULL UNIQUE,
     recipient           text NOT NULL,
     subject             text NOT NULL,
     body                text NOT NULL,
     created_at          timestamptz NOT NULL,
     sent_at             timestamptz
   )`,
  `CREATE INDEX outbox_instance ON outbox (process_instance_id)`,
];

const DOWN = [
  'DROP TABLE outbox',
  'DROP TABLE event_subscriptions',
  'DROP TABLE jobs',
  'ALTER TABLE process_instances DROP COLUMN parent_token_id',
  'ALTER TABLE process_instances DROP COLUMN parent_instance_id',
  `ALTER TABLE deployment_resources DROP CONSTRAINT deployment_resources_kind_check`,
  `ALTER TABLE deployment_resources ADD CONSTRAINT deployment_resources_kind_check CHECK (kind IN ('bpmn', 'dmn', 'form'))`,
];

export class JobsAndSubscriptions1732300000002 implements MigrationInterface {
  readonly name = 'JobsAndSubscriptions1732300000002';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const statement of UP) await queryRunner.query(statement);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const statement of DOWN) await queryRunner.query(statement);
  }
}
