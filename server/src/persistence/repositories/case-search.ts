import type { EntityManager } from 'typeorm';

export interface CaseSearch {
  /** The start of a business key, any case; or the tracking code its citizen has (`trackingCode`). */
  businessKey?: string;
  trackingCode?: string;
  /** Part of who asked, looked for in the variable that names the requester of each process. */
  requester?: { text: string; fields: { processKey: string; variable: string }[] };
  processKey?: string;
  state?: string;
  limit: number;
}

export interface CaseLine {
  id: string;
  process_key: string;
  process_name: string | null;
  business_key: string | null;
  tracking_code: string;
  status: string;
  created_at: Date;
  requester: string | null;
}

/** Escapes LIKE's wildcards in what a person typed. */
function literal(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** Cases matching every criterion given, newest first; one more than `limit` says there are more. */
export async function searchCases(em: EntityManager, search: CaseSearch): Promise<CaseLine[]> {
  const values: unknown[] = [];
  const param = (value: unknown) => {
    values.push(value);
    return `$${values.length}`;
  };
  const conditions: string[] = [];
  if (search.businessKey) {
    const byKey = `lower(p.business_key) LIKE ${param(`${literal(search.businessKey.toLowerCase())}%`)}`;
    conditions.push(search.trackingCode ? `(${byKey} OR p.tracking_code = ${param(search.trackingCode)})` : byKey);
  }
  if (search.processKey) conditions.push(`p.process_key = ${param(search.processKey)}`);
  if (search.state) conditions.push(`p.status = ${param(search.state)}`);
  const requesterColumn = (search.requester?.fields ?? []).map(({ processKey, variable }) => `WHEN ${param(processKey)} THEN p.variables ->> ${param(variable)}`);
  const requester = requesterColumn.length > 0 ? `CASE p.process_key ${requesterColumn.join(' ')} END` : 'NULL';
  if (search.requester) {
    conditions.push(`lower(${requester}) LIKE ${param(`%${literal(search.requester.text.toLowerCase())}%`)}`);
  }
  return em.query(
    `SELECT p.id, p.process_key, d.name AS process_name, p.business_key, p.tracking_code, p.status, p.created_at, ${requester} AS requester
       FROM process_instances p LEFT JOIN process_definitions d ON d.id = p.definition_id
      ${conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : ''}
      ORDER BY p.created_at DESC, p.id LIMIT ${param(search.limit + 1)}`,
    values,
  );
}
