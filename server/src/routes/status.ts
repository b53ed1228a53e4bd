import { conflict, notFound } from '../http/errors.js';
import { ok, publicRoute, type RouteModule } from '../http/route.js';

const statusSchema = {
  type: 'object',
  required: ['trackingCode', 'title', 'status', 'steps', 'actions'],
  properties: {
    trackingCode: { type: 'string' },
    title: { type: 'string', description: 'The name of the service' },
    status: { type: 'string', enum: ['in-progress', 'completed', 'stopped'] },
    steps: {
      type: 'array',
      description: 'The steps the process owner labelled for citizens (loket:publicLabel), in the order of the process',
      items: {
        type: 'object',
        required: ['label', 'state'],
        properties: {
          label: { type: 'string' },
          state: { type: 'string', enum: ['done', 'current', 'upcoming'] },
          at: { type: 'string', format: 'date-time', description: 'When it was done, or since when it is current' },
          expected: { type: 'string', format: 'date-time', description: 'For a current step with a due date: when it is expected' },
        },
      },
    },
    actions: {
      type: 'array',
      description: 'What the citizen may do on her case now (loket:citizenAction on a step waiting for a message): POST /api/status/{trackingCode}/actions/{id}',
      items: { type: 'object', required: ['id', 'label'], properties: { id: { type: 'string' }, label: { type: 'string', description: 'The words of the button' } } },
    },
  },
};

export const statusRoutes: RouteModule = ({ citizenStatus }) => [
  publicRoute({
    method: 'get',
    path: '/api/status/{trackingCode}',
    summary: 'Where a case stands, for its citizen: no login, nothing internal',
    description:
      'Only the labelled steps with done / current / upcoming and their moments: no variables, no names of civil servants, no notes. ' +
      'Lookups are limited per client address (429), unknown codes the most.',
    tags: ['status'],
    responses: {
      200: { description: 'The status', schema: statusSchema },
      404: { description: 'No case has this tracking code' },
      429: { description: 'Too many lookups from this address' },
    },
    handle: async ({ params }) => {
      const status = await citizenStatus.byCode(params.trackingCode!);
      if (!status) throw notFound('no case has this tracking code');
      return ok(status);
    },
  }),
  publicRoute({
    method: 'post',
    path: '/api/status/{trackingCode}/actions/{actionId}',
    summary: 'The citizen takes an action her status offers: the message its step waits for reaches her case',
    description:
      'The contact is registered on her case file (channel web). An action is offered once: taken, or its step stopped waiting, it gives 409. ' +
      'Limited per client address as the lookups are.',
    tags: ['status'],
    responses: {
      200: { description: 'Taken: the status after it', schema: statusSchema },
      404: { description: 'No case has this tracking code' },
      409: { description: 'The case does not (or no longer) offer this action' },
      429: { description: 'Too many requests from this address' },
    },
    handle: async ({ params }) => {
      const outcome = await citizenStatus.act(params.trackingCode!, params.actionId!);
      if (outcome === 'unknown-case') throw notFound('no case has this tracking code');
      if (outcome === 'not-offered') throw conflict('this case does not offer this action (now)');
      return ok((await citizenStatus.byCode(params.trackingCode!))!);
    },
  }),
];
