import type { EntityManager } from 'typeorm';
import { query } from '../prepared.js';
import type { TaskRow } from './tasks.js';

/** One page of a civil servant's inbox: open tasks she may work on, with their case. */
export interface InboxQuery {
  username: string;
  groups: string[];
  /** All visible tasks (admin) instead of those of her departments, her name and hers. */
  everything?: boolean;
  processKey?: string;
  department?: string;
  /** Only the tasks she holds. */
  mine?: boolean;
  /** `overdue`: past the due date; `soon`: due before `soonBefore` (overdue ones included). */
  due?: 'overdue' | 'soon';
  now: Date;
  soonBefore: Date;
  order: 'due' | 'oldest' | 'newest';
  limit: number;
  offset: number;
}

export type InboxRow = TaskRow & { business_key: string | null; tracking_code: string; process_name: string | null; total: string };

const ORDER = {
  // Tasks without a due date come after every task that has one.
  due: 't.due_date ASC NULLS LAST, t.created_at, t.id',
  oldest: 't.created_at, t.id',
  newest: 't.created_at DESC, t.id DESC',
};

export async function inboxPage(em: EntityManager, q: InboxQuery): Promise<{ rows: InboxRow[]; total: number }> {
  const values: unknown[] = [];
  const param = (value: unknown) => {
    values.push(value);
    return `$${values.length}`;
  };
  const conditions = [`t.state = 'open'`];
  if (!q.everything) {
    conditions.push(`(t.candidate_groups ?| ${param(q.groups)}::text[] OR t.candidate_users ? ${param(q.username)} OR t.assignee = ${param(q.username)})`);
  }
  if (q.processKey) conditions.push(`t.process_key = ${param(q.processKey)}`);
  if (q.department) conditions.push(`t.candidate_groups ? ${param(q.department)}`);
  if (q.mine) conditions.push(`t.assignee = ${param(q.username)}`);
  if (q.due === 'overdue') conditions.push(`t.due_date < ${param(q.now)}`);
  if (q.due === 'soon') conditions.push(`t.due_date < ${param(q.soonBefore)}`);
  // Only one page is joined with its case and process; the count over the window is of every match.
  const rows = await query<InboxRow>(
    em,
    `SELECT page.*, p.business_key, p.tracking_code, d.name AS process_name
       FROM (SELECT t.*, count(*) OVER () AS total FROM tasks t WHERE ${conditions.join(' AND ')}
              ORDER BY ${ORDER[q.order]} LIMIT ${param(q.limit)} OFFSET ${param(q.offset)}) page
       JOIN process_instances p ON p.id = page.process_instance_id
       LEFT JOIN process_definitions d ON d.id = p.definition_id
      ORDER BY ${ORDER[q.order].replaceAll('t.', 'page.')}`,
    values,
  );
  return { rows, total: rows.length > 0 ? Number(rows[0]!.total) : 0 };
}

/** Open tasks per department of hers, and those she holds: the counts above the inbox. */
export async function inboxCounts(em: EntityManager, username: string, groups: string[]): Promise<{ departments: Map<string, number>; mine: number }> {
  const [perGroup, mine] = await Promise.all([
    query<{ department: string; count: string }>(
      em,
      `SELECT g AS department, count(*) AS count FROM tasks t, jsonb_array_elements_text(t.candidate_groups) g
        WHERE t.state = 'open' AND t.candidate_groups ?| $1::text[] AND g = ANY($1::text[]) GROUP BY g`,
      [groups],
    ),
    query<{ count: string }>(em, `SELECT count(*) AS count FROM tasks WHERE state = 'open' AND assignee = $1`, [username]),
  ]);
  return { departments: new Map(perGroup.map((row) => [row.department, Number(row.count)])), mine: Number(mine[0]?.count ?? 0) };
}

/** The processes that have open tasks for her, to filter on. */
export async function inboxProcesses(em: EntityManager): Promise<{ key: string; name: string }[]> {
  return em.query(`SELECT DISTINCT ON (key) key, coalesce(nullif(name, ''), key) AS name FROM process_definitions ORDER BY key, version DESC`);
}
