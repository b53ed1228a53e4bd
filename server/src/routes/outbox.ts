import { ok, route, type RouteModule } from '../http/route.js';
import { schema } from '../http/validate.js';
import { listOutbox } from '../persistence/repositories/outbox.js';

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
    jobId: { type: 'string', description: 'The loket:mail job that wrote it, or notify:<token> for a step notification' },
    recipient: { type: 'string' },
    subject: { type: 'string' },
    body: { type: 'string', description: 'HTML, rendered from the deployed template' },
    createdAt: { type: 'string', format: 'date-time' },
    sentAt: { type: ['string', 'null'], format: 'date-time', description: 'null while it waits to be sent' },
    attempts: { type: 'integer', description: 'How often sending it was tried' },
    lastError: { type: ['string', 'null'], description: 'What the mail server said the last time it refused' },
  },
};

export const outboxRoutes: RouteModule = ({ dataSource }) => [
  route({
    method: 'get',
    path: '/api/outbox',
    summary: 'Mails written by loket:mail tasks and step notifications, newest first (at most 200)',
    tags: ['outbox'],
    access: ['staff'],
    query: listQuery,
    responses: { 200: { description: 'The mails', schema: { type: 'array', items: outboxMailSchema } } },
    handle: async ({ query }) => ok(await listOutbox(dataSource.manager, query)),
  }),
];
