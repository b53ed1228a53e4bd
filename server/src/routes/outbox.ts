import type { EntityManager } from 'typeorm';
import { ok, route, type RouteModule } from '../http/route.js';
import { schema } from '../http/validate.js';

const MAX_LISTED = 200;

const listQuery = schema<{ processInstanceId?: string }>({
  type: 'object',
  additionalProperties: false,
  properties: { processInstanceId: { type: 'string', minLength: 1, description: 'Only the mails of this case' } },
});

const outboxMailSchema = {
  type: 'object',
  required: ['id', 'processInstanceId', 'jobId', 'recipient', 'subject', 'body', 'createdAt', 'sentAt'],
  properties: {
    id: { type: 'string' },
    processInstanceId: { type: 'string' },
    jobId: { type: 'string', description: 'The loket:mail job that wrote it' },
    recipient: { type: 'string' },
    subject: { type: 'string' },
    body: { type: 'string', description: 'HTML, rendered from the deployed template' },
    createdAt: { type: 'string', format: 'date-time' },
    sentAt: { type: ['string', 'null'], format: 'date-time', description: 'null while it waits to be sent' },
  },
};

export const outboxRoutes: RouteModule = ({ dataSource }) => [
  route({
    method: 'get',
    path: '/api/outbox',
    summary: 'Mails written by loket:mail tasks, newest first (at most 200)',
    tags: ['outbox'],
    access: ['staff'],
    query: listQuery,
    responses: { 200: { description: 'The mails', schema: { type: 'array', items: outboxMailSchema } } },
    handle: async ({ query }) => ok(await listOutbox(dataSource.manager, query)),
  }),
];

interface OutboxRow {
  id: string;
  process_instance_id: string;
  job_id: string;
  recipient: string;
  subject: string;
  body: string;
  created_at: Date | string;
  sent_at: Date | string | null;
}

async function listOutbox(em: EntityManager, filter: { processInstanceId?: string }) {
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
  }));
}
