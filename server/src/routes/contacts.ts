import { badRequest } from '../http/errors.js';
import { created, ok, route, type RouteModule } from '../http/route.js';
import { schema } from '../http/validate.js';
import { CHANNELS, type NewContact } from '../services/contacts.js';

const partySchema = {
  type: 'object',
  required: ['id', 'kind', 'name', 'email', 'phone'],
  properties: {
    id: { type: 'string' },
    kind: { type: 'string', enum: ['person', 'organisation'] },
    name: { type: 'string' },
    email: { type: ['string', 'null'] },
    phone: { type: ['string', 'null'] },
  },
};

const contactSchema = {
  type: 'object',
  required: ['id', 'partyId', 'processInstanceId', 'channel', 'subject', 'text', 'registeredBy', 'at'],
  properties: {
    id: { type: 'string' },
    partyId: { type: 'string' },
    processInstanceId: { type: ['string', 'null'] },
    channel: { type: 'string', enum: [...CHANNELS] },
    subject: { type: 'string' },
    text: { type: 'string' },
    registeredBy: { type: 'string' },
    at: { type: 'string', format: 'date-time' },
  },
};

const newContact = schema<NewContact>({
  type: 'object',
  additionalProperties: false,
  required: ['channel', 'subject', 'text'],
  properties: {
    channel: { type: 'string', enum: [...CHANNELS], description: 'desk, phone, email, web (form), chat or letter' },
    subject: { type: 'string', minLength: 1, maxLength: 200 },
    text: { type: 'string', minLength: 1, maxLength: 4000 },
    processInstanceId: { type: 'string', minLength: 1, description: 'The case it was about; without party, the contact is with its requester' },
    party: {
      type: 'object',
      additionalProperties: false,
      required: ['name'],
      properties: {
        kind: { type: 'string', enum: ['person', 'organisation'] },
        name: { type: 'string', minLength: 1, maxLength: 200 },
        email: { type: 'string', format: 'email', maxLength: 254 },
        phone: { type: 'string', minLength: 3, maxLength: 40 },
      },
    },
    at: { type: 'string', format: 'date-time', description: 'When it took place; default now' },
  },
});

const listQuery = schema<{ partyId?: string; processInstanceId?: string }>({
  type: 'object',
  additionalProperties: false,
  properties: {
    partyId: { type: 'string', minLength: 1 },
    processInstanceId: { type: 'string', minLength: 1, description: 'Every contact of this case’s requester, on any case' },
  },
});

const overviewQuery = schema<{ weeks?: string }>({
  type: 'object',
  additionalProperties: false,
  properties: { weeks: { type: 'string', pattern: '^([1-9]|[1-4][0-9]|5[0-2])$', description: '1 to 52; default 12' } },
});

const staff = ['staff', 'reviewer'] as const;

export const contactRoutes: RouteModule = ({ contacts }) => [
  route({
    method: 'post',
    path: '/api/contacts',
    summary: 'Register a contact moment (desk, phone, e-mail, web form, chat, letter) with a party, about a case or not',
    description: 'The party is found by e-mail address, else by name, or created: the same citizen on each of her cases.',
    tags: ['contacts'],
    access: staff,
    body: newContact,
    responses: {
      201: { description: 'The contact moment, with its party', schema: { ...contactSchema, properties: { ...contactSchema.properties, party: partySchema } } },
      400: { description: 'Neither party nor case, or the case’s start form names no requester' },
      404: { description: 'No such case' },
    },
    handle: async ({ body, user }) => created(await contacts.register(body, user.username)),
  }),
  route({
    method: 'get',
    path: '/api/contacts',
    summary: 'The contact moments of a party (or of a case’s requester), across all her cases, newest first',
    tags: ['contacts'],
    access: staff,
    query: listQuery,
    responses: { 200: { description: 'The contact moments', schema: { type: 'array', items: contactSchema } }, 400: { description: 'Neither partyId nor processInstanceId' } },
    handle: async ({ query }) => {
      if (!query.partyId && !query.processInstanceId) throw badRequest('give partyId or processInstanceId');
      const partyId = query.partyId ?? (await contacts.partyOfCase(query.processInstanceId!))?.id;
      return ok(partyId ? await contacts.ofParty(partyId) : []);
    },
  }),
  route({
    method: 'get',
    path: '/api/contacts/overview',
    summary: 'Contact moments per week and channel: which channels people use',
    tags: ['contacts'],
    access: staff,
    query: overviewQuery,
    responses: {
      200: {
        description: 'Counts, newest week first (weeks start on Monday, Brussels)',
        schema: { type: 'array', items: { type: 'object', properties: { week: { type: 'string' }, channel: { type: 'string' }, count: { type: 'integer' } } } },
      },
    },
    handle: async ({ query }) => ok(await contacts.perWeek(Number(query.weeks ?? 12))),
  }),
];
