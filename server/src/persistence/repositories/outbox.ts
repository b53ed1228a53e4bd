import type { EntityManager } from 'typeorm';

const MAX_LISTED = 200;

interface OutboxRow {
  id: string;
  process_instance_id: string;
  job_id: string;
  recipient: string;
  subject: string;
  body: string;
  created_at: Date | string;
  sent_at: Date | string | null;
  attempts: number;
  last_error: string | null;
}

/** The outbox, newest first, at most 200: of one case, or of every case. */
export async function listOutbox(em: EntityManager, filter: { processInstanceId?: string }) {
  const rows: OutboxRow[] =
    filter.processInstanceId === undefined
      ? await em.query(`SELECT * FROM outbox ORDER BY created_at DESC, id DESC LIMIT ${MAX_LISTED}`)
      : await em.query(`SELECT * FROM outbox WHERE process_instance_id = $1 ORDER BY created_at DESC, id DESC LIMIT ${MAX_LISTED}`, [filter.processInstanceId]);
  return rows.map((row) => ({
    id: row.id,
    processInstanceId: row.process_instance_id,
    jobId: row.job_id,
    recipient: row.recipient,
    subject: row.subject,
    body: row.body,
    createdAt: new Date(row.created_at).toISOString(),
    sentAt: row.sent_at ? new Date(row.sent_at).toISOString() : null,
    attempts: row.attempts,
    lastError: row.last_error,
  }));
}
