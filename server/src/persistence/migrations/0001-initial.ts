import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The whole first schema. Plain SQL so it reads the same as what runs, on PGlite and on PostgreSQL alike.
 * Ids are text: engine ids come in from outside (uuids today) and the API promises only "strings".
 */
const UP = [
  `CREATE TABLE users (
     id            text PRIMARY KEY,
     username      text NOT NULL UNIQUE,
     display_name  text NOT NULL,
     password_hash text NOT NULL,
     roles         jsonb NOT NULL DEFAULT '[]'::jsonb,
     groups        jsonb NOT NULL DEFAULT '[]'::jsonb,
     created_at    timestamptz NOT NULL DEFAULT now()
   )`,
  `CREATE TABLE sessions (
     token_hash text PRIMARY KEY,
     user_id    text NOT NULL REFERENCES users(id) ON DELETE CASCADE,
     expires_at timestamptz NOT NULL,
     created_at timestamptz NOT NULL DEFAULT now()
   )`,
  `CREATE INDEX sessions_user_id ON sessions (user_id)`,
  `CREATE INDEX sessions_expires_at ON sessions (expires_at)`,

  `CREATE TABLE deployments (
     id         text PRIMARY KEY,
     name       text NOT NULL,
     created_at timestamptz NOT NULL DEFAULT now(),
     created_by text NOT NULL
   )`,
  `CREATE TABLE deployment_resources (
     id            text PRIMARY KEY,
     deployment_id text NOT NULL REFERENCES deployments(id),
     name          text NOT NULL,
     content       text NOT NULL,
     kind          text NOT NULL CHECK (kind IN ('bpmn', 'dmn', 'form')),
     UNIQUE (deployment_id, name)
   )`,
  `CREATE TABLE process_definitions (
     id            text PRIMARY KEY,
     key           text NOT NULL,
     version       integer NOT NULL,
     name          text NOT NULL,
     deployment_id text NOT NULL REFERENCES deployments(id),
     xml           text NOT NULL,
     content_hash  text NOT NULL,
     created_at    timestamptz NOT NULL DEFAULT now(),
     UNIQUE (key, version)
   )`,
  `CREATE TABLE decision_definitions (
     id              text PRIMARY KEY,
     key             text NOT NULL,
     version         integer NOT NULL,
     name            text NOT NULL,
     deployment_id   text NOT NULL REFERENCES deployments(id),
     dmn_resource_id text NOT NULL REFERENCES deployment_resources(id),
     content_hash    text NOT NULL,
     created_at      timestamptz NOT NULL DEFAULT now(),
     UNIQUE (key, version)
   )`,
  `CREATE TABLE form_definitions (
     id            text PRIMARY KEY,
     key           text NOT NULL,
     version       integer NOT NULL,
     schema        jsonb NOT NULL,
     deployment_id text NOT NULL REFERENCES deployments(id),
     content_hash  text NOT NULL,
     created_at    timestamptz NOT NULL DEFAULT now(),
     UNIQUE (key, version)
   )`,

  `CREATE TABLE process_instances (
     id              text PRIMARY KEY,
     definition_id   text NOT NULL REFERENCES process_definitions(id),
     process_key     text NOT NULL,
     process_version integer NOT NULL,
     business_key    text,
     tracking_code   text NOT NULL UNIQUE,
     status          text NOT NULL CHECK (status IN ('active', 'completed', 'terminated', 'incident')),
     state           jsonb NOT NULL,
     variables       jsonb NOT NULL DEFAULT '{}'::jsonb,
     row_version     integer NOT NULL DEFAULT 1,
     created_at      timestamptz NOT NULL DEFAULT now(),
     ended_at        timestamptz
   )`,
  `CREATE INDEX process_instances_key_status ON process_instances (process_key, status)`,
  `CREATE INDEX process_instances_status ON process_instances (status)`,
  `CREATE INDEX process_instances_business_key ON process_instances (business_key) WHERE business_key IS NOT NULL`,
  `CREATE INDEX process_instances_created_at ON process_instances (created_at DESC, id)`,

  `CREATE TABLE tasks (
     id                  text PRIMARY KEY,
     process_instance_id text NOT NULL REFERENCES process_instances(id),
     process_key         text NOT NULL,
     element_id          text NOT NULL,
     name                text NOT NULL,
     candidate_groups    jsonb NOT NULL DEFAULT '[]'::jsonb,
     candidate_users     jsonb NOT NULL DEFAULT '[]'::jsonb,
     assignee            text,
     due_date            timestamptz,
     form_key            text,
     state               text NOT NULL CHECK (state IN ('open', 'completed', 'terminated')),
     created_at          timestamptz NOT NULL DEFAULT now(),
     completed_at        timestamptz,
     completed_by        text
   )`,
  `CREATE INDEX tasks_state_created ON tasks (state, created_at, id)`,
  `CREATE INDEX tasks_process_instance ON tasks (process_instance_id)`,
  `CREATE INDEX tasks_assignee ON tasks (assignee) WHERE assignee IS NOT NULL`,
  // GIN on the candidate arrays serves the inbox query `candidate_groups ?| $groups`.
  `CREATE INDEX tasks_candidate_groups ON tasks USING gin (candidate_groups)`,
  `CREATE INDEX tasks_candidate_users ON tasks USING gin (candidate_users)`,

  `CREATE TABLE history_events (
     id                  bigserial PRIMARY KEY,
     process_instance_id text NOT NULL REFERENCES process_instances(id),
     type                text NOT NULL,
     element_id          text,
     element_type        text,
     at                  timestamptz NOT NULL,
     user_name           text,
     data                jsonb
   )`,
  `CREATE INDEX history_events_instance ON history_events (process_instance_id, id)`,
  // History is the record of what happened to a case: written once, never changed.
  `CREATE FUNCTION history_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     RAISE EXCEPTION 'history_events is append-only: % is not allowed', TG_OP;
   END
   $$`,
  `CREATE TRIGGER history_events_append_only
     BEFORE UPDATE OR DELETE ON history_events
     FOR EACH ROW EXECUTE FUNCTION history_events_append_only()`,
  // Row triggers do not fire on TRUNCATE; a statement trigger closes that door too.
  `CREATE TRIGGER history_events_no_truncate
     BEFORE TRUNCATE ON history_events
     FOR EACH STATEMENT EXECUTE FUNCTION history_events_append_only()`,

  `CREATE TABLE incidents (
     id                  text PRIMARY KEY,
     process_instance_id text NOT NULL REFERENCES process_instances(id),
     element_id          text NOT NULL,
     message             text NOT NULL,
     created_at          timestamptz NOT NULL,
     resolved_at         timestamptz
   )`,
  `CREATE INDEX incidents_process_instance ON incidents (process_instance_id)`,
  `CREATE INDEX incidents_open ON incidents (created_at) WHERE resolved_at IS NULL`,
];

const DOWN = [
  'DROP TABLE incidents',
  'DROP TABLE history_events',
  'DROP FUNCTION history_events_append_only()',
  'DROP TABLE tasks',
  'DROP TABLE process_instances',
  'DROP TABLE form_definitions',
  'DROP TABLE decision_definitions',
  'DROP TABLE process_definitions',
  'DROP TABLE deployment_resources',
  'DROP TABLE deployments',
  'DROP TABLE sessions',
  'DROP TABLE users',
];

// typeorm orders migrations by the 13-digit timestamp at the end of the name.
export class Initial1732300000001 implements MigrationInterface {
  readonly name = 'Initial1732300000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const statement of UP) await queryRunner.query(statement);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const statement of DOWN) await queryRunner.query(statement);
  }
}
