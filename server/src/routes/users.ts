import { created, ok, route, type RouteModule } from '../http/route.js';
import { schema } from '../http/validate.js';
import type { NewUser } from '../services/users.js';
import { roleSchema, userSchema } from './schemas.js';

const newUserBody = schema<NewUser>({
  type: 'object',
  required: ['username', 'password', 'roles'],
  properties: {
    username: {
      type: 'string',
      pattern: '^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$',
      description: 'Letters, digits and . _ @ -, at most 64 characters',
    },
    password: { type: 'string', minLength: 1, maxLength: 1000 },
    displayName: { type: 'string', minLength: 1, maxLength: 200 },
    roles: { type: 'array', items: roleSchema },
    groups: { type: 'array', items: { type: 'string', minLength: 1, maxLength: 100 }, default: [] },
  },
});

export const userRoutes: RouteModule = ({ users }) => [
  route({
    method: 'post',
    path: '/api/users',
    summary: 'Create a user',
    tags: ['users'],
    access: ['admin'],
    body: newUserBody,
    responses: {
      201: { description: 'The new user', schema: userSchema },
      409: { description: 'A user with this username exists' },
    },
    handle: async ({ body }) => created(await users.create(body)),
  }),
  route({
    method: 'get',
    path: '/api/users',
    summary: 'All users',
    tags: ['users'],
    access: ['admin'],
    responses: { 200: { description: 'The users, by username', schema: { type: 'array', items: userSchema } } },
    handle: async () => ok(await users.list()),
  }),
];
