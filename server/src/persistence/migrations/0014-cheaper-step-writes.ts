import type { MigrationInterface, QueryRunner } from 'typeorm';
import { HISTORY_EVENTS_VIEW, WRITE_STEP as WRITE_STEP_0012 } from './0012-lighter-step-writes-again.js';
import { WRITE_STEPS as WRITE_STEPS_0013 } from './0013-steps-written-together.js';

/**
 * Two costs of every step that perf showed in PostgreSQL during W2 of `npm run bench` (PostgreSQL, 8 clients):
 *
 * - loket_write_steps called loket_write_step once per step: a set-returning function run through its own
 *   executor, and, because of its `SET plan_cache_mode` clause, with the session's settings saved and restored
 *   around every call. loket_write_steps now takes the steps itself, and loket_write_step is one step written
 *   through it (servers of an older version may still call it during a rolling upgrade). Without the clause
 *   PL/pgSQL still settles on one generic plan per statement: these are lookups by key and plain inserts.
 * - The executor reads a table's CHECK constraints back from their stored text on every statement that writes
 *   the table (ExecConstraints → stringToNode): four times a step, a tenth of the step. A domain's check is
 *   read once per session and kept (the type cache), so a case's status, a task's state and a step's history
 *   are now domains carrying the same checks as before.
 *
 * Replaying 9,600 recorded W2 steps on one connection: 212 µs of backend CPU per step before, 178 after.
 *
 * What a step writes, and its refusals (LK001, LK002), are those of migrations 0012 and 0013.
 */
const DOMAINS = [
  `CREATE DOMAIN loket_case_status AS text CHECK (VALUE IN ('active', 'completed', 'terminated', 'incident'))`,
  `CREATE DOMAIN loket_task_state AS text CHECK (VALUE IN ('open', 'completed', 'terminated'))`,
  `CREATE DOMAIN loket_history_events AS jsonb CHECK (jsonb_typeof(VALUE) = 'array')`,
  // The view reads the column whose type changes, so it goes and comes back the same.
  'DROP VIEW history_events',
  'ALTER TABLE process_instances DROP CONSTRAINT process_instances_status_check, ALTER COLUMN status TYPE loket_case_status',
  'ALTER TABLE tasks DROP CONSTRAINT tasks_state_check, ALTER COLUMN state TYPE loket_task_state',
  'ALTER TABLE history_steps DROP CONSTRAINT history_steps_events_check, ALTER COLUMN events TYPE loket_history_events',
  HISTORY_EVENTS_VIEW,
];

const CHECKS = [
  'DROP VIEW history_events',
  `ALTER TABLE process_instances ALTER COLUMN status TYPE text,
     ADD CONSTRAINT process_instances_status_check CHECK (status IN ('active', 'completed', 'terminated', 'incident'))`,
  `ALTER TABLE tasks ALTER COLUMN state TYPE text, ADD CONSTRAINT tasks_state_check CHECK (state IN ('open', 'completed', 'terminated'))`,
  `ALTER TABLE history_steps ALTER COLUMN events TYPE jsonb, ADD CONSTRAINT history_steps_events_check CHECK (jsonb_typeof(events) = 'array')`,
  HISTORY_EVENTS_VIEW,
  'DROP DOMAIN loket_case_status',
  'DROP DOMAIN loket_task_state',
  'DROP DOMAIN loket_history_events',
];

const WRITE_STEPS = `
CREATE OR REPLACE FUNCTION loket_write_steps(ps jsonb) RETURNS SETOF process_instances LANGUAGE plpgsql AS $fn$
DECLARE
  p jsonb;
  written process_instances;
  op jsonb;
  guarded text;
  guard_held boolean;
  closed_assignee text;
  at_now timestamptz;
  ended boolean;
BEGIN
  FOR p IN SELECT value FROM jsonb_array_elements(ps) LOOP
    IF p->>'onLatest' = 'true' THEN
      PERFORM loket_on_latest(p);
    END IF;
    guarded := p->'guard'->>'taskId';
    guard_held := guarded IS NULL;
    at_now := (p->>'now')::timestamptz;
    ended := p->>'status' IN ('completed', 'terminated');

    IF jsonb_typeof(p->'expectedVersion') IS DISTINCT FROM 'number' THEN
      INSERT INTO process_instances
        (id, definition_id, process_key, process_version, business_key, tracking_code, status, state, variables, row_version,
         created_at, ended_at, parent_instance_id, parent_token_id)
      VALUES (p->>'id', p->>'definitionId', p->>'processKey', (p->>'processVersion')::integer, p->>'businessKey', p->>'trackingCode',
         p->>'status', p->'state', p->'variables', 1, at_now, CASE WHEN ended THEN at_now END, p->>'parentInstanceId', p->>'parentTokenId')
      RETURNING * INTO written;
    ELSE
      UPDATE process_instances
         SET state = p->'state', variables = p->'variables', status = p->>'status', row_version = row_version + 1,
             ended_at = CASE WHEN ended THEN at_now END
       WHERE id = p->>'id' AND row_version = (p->>'expectedVersion')::integer
      RETURNING * INTO written;
      IF NOT FOUND THEN
        -- Another step of the case was written since it was read: nothing of this one is.
        RETURN NEXT NULL::process_instances;
        CONTINUE;
      END IF;
    END IF;

    FOR op IN SELECT value FROM jsonb_array_elements(coalesce(p->'ops', '[]'::jsonb)) LOOP
      CASE op->>'op'
        WHEN 'open-task' THEN
          INSERT INTO tasks (id, process_instance_id, process_key, element_id, name, candidate_groups, candidate_users, assignee, due_date,
                             form_key, state, created_at)
          VALUES (op->>'id', written.id, written.process_key, op->>'elementId', op->>'name', op->'candidateGroups', op->'candidateUsers',
                  op->>'assignee', (op->>'dueDate')::timestamptz, op->>'formKey', 'open', at_now);
        WHEN 'close-task' THEN
          -- Not "state = 'open'": the planner would take the small partial index of open tasks for it and scan it
          -- whole for the id (migration 0012).
          UPDATE tasks SET state = op->>'reason', completed_at = at_now, completed_by = op->>'user'
           WHERE id = op->>'id' AND state NOT IN ('completed', 'terminated')
          RETURNING assignee INTO closed_assignee;
          IF op->>'id' = guarded THEN
            IF NOT FOUND OR closed_assignee IS DISTINCT FROM p->'guard'->>'assignee' THEN
              RAISE EXCEPTION 'task % changed since it was read', guarded USING ERRCODE = 'LK001';
            END IF;
            guard_held := true;
          END IF;
        WHEN 'open-work-job' THEN
          -- A job re-opened by resolving its incident keeps its id (the element instance's), so it starts afresh.
          INSERT INTO jobs (id, kind, process_instance_id, element_id, type, headers, retries, due_at, created_at)
          VALUES (op->>'id', 'work', written.id, op->>'elementId', op->>'type', op->'headers', (op->>'retries')::integer, at_now, at_now)
          ON CONFLICT (id) DO UPDATE SET retries = EXCLUDED.retries, due_at = EXCLUDED.due_at, worker = NULL, locked_until = NULL,
            error_message = NULL, closed_at = NULL, headers = EXCLUDED.headers, type = EXCLUDED.type;
        WHEN 'open-timer' THEN
          INSERT INTO jobs (id, kind, process_instance_id, element_id, subscription_id, headers, retries, due_at, created_at)
          VALUES (op->>'id', 'timer', written.id, op->>'elementId', op->>'id', '{}'::jsonb, 1, (op->>'dueAt')::timestamptz, at_now);
        WHEN 'close-job' THEN
          UPDATE jobs SET closed_at = at_now, locked_until = NULL WHERE id = op->>'id' AND closed_at IS NULL;
        WHEN 'open-subscription' THEN
          INSERT INTO event_subscriptions (id, kind, name, correlation_key, process_instance_id, element_id, created_at)
          VALUES (op->>'id', op->>'kind', op->>'name', op->>'correlationKey', written.id, op->>'elementId', at_now);
        WHEN 'close-subscription' THEN
          DELETE FROM event_subscriptions WHERE id = op->>'id';
        WHEN 'open-incident' THEN
          INSERT INTO incidents (id, process_instance_id, element_id, message, created_at)
          VALUES (op->>'id', written.id, op->>'elementId', op->>'message', (op->>'createdAt')::timestamptz);
        WHEN 'resolve-incident' THEN
          UPDATE incidents SET resolved_at = at_now WHERE id = op->>'id' AND resolved_at IS NULL;
        ELSE
          RAISE EXCEPTION 'loket_write_steps: unknown op %', op->>'op';
      END CASE;
    END LOOP;

    IF NOT guard_held THEN
      PERFORM 1 FROM tasks WHERE id = guarded AND state NOT IN ('completed', 'terminated') AND assignee IS NOT DISTINCT FROM p->'guard'->>'assignee' FOR UPDATE;
      IF NOT FOUND THEN
        RAISE EXCEPTION 'task % changed since it was read', guarded USING ERRCODE = 'LK001';
      END IF;
    END IF;

    IF jsonb_array_length(coalesce(p->'history', '[]'::jsonb)) > 0 THEN
      INSERT INTO history_steps (process_instance_id, at, events) VALUES (written.id, at_now, p->'history');
    END IF;

    -- The caller has the state it just sent; parsing it back would only cost.
    written.state := NULL;
    written.variables := NULL;
    RETURN NEXT written;
  END LOOP;
END
$fn$`;

const WRITE_STEP = `
CREATE OR REPLACE FUNCTION loket_write_step(p jsonb) RETURNS SETOF process_instances LANGUAGE sql AS $fn$
  SELECT * FROM loket_write_steps(jsonb_build_array(p)) AS written WHERE written.id IS NOT NULL
$fn$`;

export class CheaperStepWrites1732300000014 implements MigrationInterface {
  readonly name = 'CheaperStepWrites1732300000014';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const statement of DOMAINS) await queryRunner.query(statement);
    await queryRunner.query(WRITE_STEPS);
    await queryRunner.query(WRITE_STEP);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(WRITE_STEP_0012);
    await queryRunner.query(WRITE_STEPS_0013.replace('CREATE FUNCTION', 'CREATE OR REPLACE FUNCTION'));
    for (const statement of CHECKS) await queryRunner.query(statement);
  }
}
