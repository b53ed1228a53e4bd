import type { EntityManager } from 'typeorm';

export interface CollegeDecisionRow {
  id: string;
  process_instance_id: string;
  task_name: string;
  form_key: string | null;
  business_key: string | null;
  completed_at: Date;
  completed_by: string;
  values: Record<string, unknown> | null;
}

/**
 * The college's tasks completed from a day on (and the day after, so that any zone's day is in it), with the
 * values the college entered, in the order they were decided.
 */
export async function collegeDecisions(em: EntityManager, group: string, from: Date): Promise<CollegeDecisionRow[]> {
  const until = new Date(from.getTime() + 2 * 24 * 3600 * 1000);
  const since = new Date(from.getTime() - 24 * 3600 * 1000);
  return em.query(
    `SELECT t.id, t.process_instance_id, t.name AS task_name, t.form_key, p.business_key, t.completed_at, t.completed_by, h.data -> 'values' AS values
       FROM tasks t
       JOIN process_instances p ON p.id = t.process_instance_id
       LEFT JOIN history_events h ON h.process_instance_id = t.process_instance_id AND h.type = 'task-completed' AND h.data ->> 'taskId' = t.id
      WHERE t.state = 'completed' AND t.candidate_groups ? $1 AND t.completed_at >= $2 AND t.completed_at < $3
      ORDER BY t.completed_at, t.id`,
    [group, since, until],
  );
}
