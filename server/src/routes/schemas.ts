import { schema, type JsonSchema } from '../http/validate.js';
import { ROLES } from '../persistence/entities.js';

/** Response schemas shared by several route files. */

export const roleSchema: JsonSchema = { type: 'string', enum: [...ROLES] };

export const userSchema: JsonSchema = {
  type: 'object',
  required: ['id', 'username', 'displayName', 'roles', 'groups'],
  properties: {
    id: { type: 'string' },
    username: { type: 'string' },
    displayName: { type: 'string' },
    roles: { type: 'array', items: roleSchema },
    groups: { type: 'array', items: { type: 'string' }, description: 'Departments, e.g. burgerzaken, financien, college' },
    createdAt: { type: 'string', format: 'date-time' },
  },
};

/** `?version=`: a version of a deployed process, decision or form; without it, the latest. */
export const versionQuerySchema = schema<{ version?: number }>({
  type: 'object',
  properties: { version: { type: 'integer', minimum: 1, description: 'A version; default the latest' } },
  additionalProperties: false,
});
