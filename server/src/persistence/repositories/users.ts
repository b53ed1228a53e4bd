import type { EntityManager } from 'typeorm';
import type { Role } from '../entities.js';
import { query } from '../prepared.js';

export interface Colleague {
  username: string;
  display_name: string;
  roles: Role[];
  groups: string[];
}

/** One user, as much as handing her a task needs. */
export async function colleagueNamed(em: EntityManager, username: string): Promise<Colleague | undefined> {
  const rows = await query<Colleague>(em, 'SELECT username, display_name, roles, groups FROM users WHERE username = $1', [username]);
  return rows[0];
}

/** Who works on tasks in one of these departments, by name. */
export async function colleaguesIn(em: EntityManager, groups: string[]): Promise<Colleague[]> {
  if (groups.length === 0) return [];
  return query<Colleague>(
    em,
    `SELECT username, display_name, roles, groups FROM users
      WHERE groups ?| $1::text[] AND (roles ? 'staff' OR roles ? 'reviewer' OR roles ? 'department-head')
      ORDER BY display_name, username`,
    [groups],
  );
}
