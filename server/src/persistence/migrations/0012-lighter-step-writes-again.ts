import type { MigrationInterface, QueryRunner } from 'typeorm';
import { WRITE_STEP as WRITE_STEP_0005 } from './0005-one-round-trip-per-step.js';

/** Every reader's view of history: one row per event, as the table was before history_steps. */
export const HISTORY_EVENTS_VIEW = `CREATE VIEW history_events AS
   SELECT s.id * 1000000 + e.n AS id, s.process_instance_id,
          e.event->>'type' AS type, e.event->>'elementId' AS element_id, e.event->>'elementType' AS element_type,
          (e.event->>'at')::timestamptz AS at, e.event->>'user' AS user_name, nullif(e.event->'data', 'null'::jsonb) AS data
     FROM history_steps s, jsonb_array_elements(s.events) WITH ORDINALITY AS e(event, n)`;

/**
 * Two costs of every step that pg_stat_statements showed during W2 of `npm run bench` (PostgreSQL, 8 clients):
 *
 * - Closing a task cost half of the step (0.47 ms), and more the longer the server ran: `WHERE id = $1 AND
 *   state = 'open'` matches the predicate of the partial index of open tasks in inbox order (created_at, id),
 *   which the planner then takes as the smaller one and scans whole for the id; each closed task leaves a dead
 *   entry in it until vacuum, so the scan grows with the work done. A task's state is one of three (a CHECK
 *   constraint), so "not completed and not terminated" says "open" in a way no partial index matches, and the
 *   primary key finds the row (0.10 ms).
 * - History was a row per event: 20 rows per case of the bench process, each a heap tuple, a key entry and a
 *   sequence value. A step's events are written together and only ever read together, by case and in order,
 *   so a step now appends one row to `history_steps` holding its events as a JSON array (W2: 0.45 to 0.51 of
 *   the database's ceiling). `history_events` stays, as a view with the same columns, for every reader.
 *   `id` there orders the events: the step's id times a million plus the event's place in the step. A
 *   step's `at` is when it was taken, for partitioning history by month.
 *
 * The function is otherwise that of migration 0005 (with 0007's generic plans).
 */
const HISTORY_STEPS = [
  `CREATE TABLE history_steps (
     id                  bigserial,
     process_instance_id text NOT NULL,
     at                  timestamptz NOT NULL,
     events              jsonb NOT NULL CHECK (jsonb_typeof(events) = 'array'),
     PRIMARY KEY (process_instance_id, id)
   )`,
  `INSERT INTO history_steps (id, process_instance_id, at, events)
   SELECT id, process_instance_id, at,
          jsonb_build_array(jsonb_build_object('type', type, 'elementId', element_id, 'elementType', element_type, 'at', at, 'user', user_name, 'data', data))
     FROM history_events`,
  `SELECT setval('history_steps_id_seq', coalesce((SELECT max(id) FROM history_steps), 0) + 1, false)`,
  'DROP TABLE history_events',
  HISTORY_EVENTS_VIEW,
  `CREATE OR REPLACE FUNCTION history_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     RAISE EXCEPTION 'history is append-only: % is not allowed', TG_OP;
   END
   $$`,
  `CREATE TRIGGER history_steps_append_only BEFORE UPDATE OR DELETE ON history_steps FOR EACH ROW EXECUTE FUNCTION history_events_append_only()`,
  `CREATE TRIGGER history_steps_no_truncate BEFORE TRUNCATE ON history_steps FOR EACH STATEMENT EXECUTE FUNCTION history_events_append_only()`,
];

export const WRITE_STEP = `
CREATE OR REPLACE FUNCTION loket_write_step(p jsonb) RETURNS SETOF process_instances LANGUAGE plpgsql
  SET plan_cache_mode = force_generic_plan AS $fn$
DECLARE
  written process_instances;
  op jsonb;
  guarded text := p->'guard'->>'taskId';
  guard_held boolean := guarded IS NULL;
  closed_assignee text;
  at_now timestamptz := (p->>'now')::timestamptz;
  ended boolean := p->>'status' IN ('completed', 'terminated');
BEGIN
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
      RETURN;
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
        -- whole for the id (see the comment above).
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
        RAISE EXCEPTION 'loket_write_step: unknown op %', op->>'op';
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
END
$fn$`;

export class LighterStepWritesAgain1732300000012 implements MigrationInterface {
  readonly name = 'LighterStepWritesAgain1732300000012';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const statement of HISTORY_STEPS) await queryRunner.query(statement);
    await queryRunner.query(WRITE_STEP);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP VIEW history_events');
    await queryRunner.query(`CREATE TABLE history_events (
       id bigserial, process_instance_id text NOT NULL, type text NOT NULL, element_id text, element_type text,
       at timestamptz NOT NULL, user_name text, data jsonb, PRIMARY KEY (process_instance_id, id))`);
    await queryRunner.query(`INSERT INTO history_events (process_instance_id, type, element_id, element_type, at, user_name, data)
       SELECT s.process_instance_id, e->>'type', e->>'elementId', e->>'elementType', (e->>'at')::timestamptz, e->>'user', e->'data'
         FROM history_steps s, jsonb_array_elements(s.events) WITH ORDINALITY AS x(e, n) ORDER BY s.id, x.n`);
    await queryRunner.query('DROP TABLE history_steps');
    await queryRunner.query(`CREATE TRIGGER history_events_append_only BEFORE UPDATE OR DELETE ON history_events FOR EACH ROW EXECUTE FUNCTION history_events_append_only()`);
    await queryRunner.query(`CREATE TRIGGER history_events_no_truncate BEFORE TRUNCATE ON history_events FOR EACH STATEMENT EXECUTE FUNCTION history_events_append_only()`);
    await queryRunner.query(WRITE_STEP_0005.replace('CREATE FUNCTION', 'CREATE OR REPLACE FUNCTION'));
    await queryRunner.query('ALTER FUNCTION loket_write_step(jsonb) SET plan_cache_mode = force_generic_plan');
  }
}
