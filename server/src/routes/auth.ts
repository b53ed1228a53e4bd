import { ok, publicRoute, route, type RouteModule } from '../http/route.js';
import { schema } from '../http/validate.js';
import { userSchema } from './schemas.js';

const loginBody = schema<{ username: string; password: string }>({
  type: 'object',
  required: ['username', 'password'],
  properties: {
    username: { type: 'string', minLength: 1, maxLength: 200 },
    password: { type: 'string', minLength: 1, maxLength: 1000 },
  },
});

export const authRoutes: RouteModule = ({ users }) => [
  publicRoute({
    method: 'post',
    path: '/api/auth/login',
    summary: 'Log in; the token goes in `Authorization: Bearer <token>` on every later call',
    tags: ['auth'],
    body: loginBody,
    responses: {
      200: {
        description: 'Logged in',
        schema: {
          type: 'object',
          required: ['token', 'user'],
          properties: { token: { type: 'string' }, expiresAt: { type: 'string', format: 'date-time' }, user: userSchema },
        },
      },
      401: { description: 'Wrong username or password' },
    },
    handle: async ({ body }) => ok(await users.login(body.username, body.password)),
  }),
  route({
    method: 'post',
    path: '/api/auth/logout',
    summary: 'Log out: the token stops working',
    tags: ['auth'],
    access: 'authenticated',
    responses: { 200: { description: 'Logged out', schema: { type: 'object' } } },
    handle: async ({ auth }) => {
      await users.logout(auth.token);
      return ok({});
    },
  }),
  route({
    method: 'get',
    path: '/api/me',
    summary: 'Who the token belongs to',
    tags: ['auth'],
    access: 'authenticated',
    responses: { 200: { description: 'The logged-in user', schema: userSchema } },
    handle: ({ user }) => ok(user),
  }),
];
