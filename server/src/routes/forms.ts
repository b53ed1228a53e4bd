import { notFound } from '../http/errors.js';
import { route, text, type RouteModule } from '../http/route.js';
import { schema } from '../http/validate.js';
import { deployedFile, latestVersionOf } from '../persistence/repositories/definitions.js';

const versionQuery = schema<{ version?: number }>({
  type: 'object',
  properties: { version: { type: 'integer', minimum: 1, description: 'A version; default the latest' } },
  additionalProperties: false,
});

/** The deployed files of forms and decisions, for the modeler to edit from. */
export const formRoutes: RouteModule = ({ dataSource }) => [
  route({
    method: 'get',
    path: '/api/forms/{key}',
    summary: 'The JSON Schema of the latest version of a form, or of the version asked for',
    tags: ['forms'],
    access: 'authenticated',
    query: versionQuery,
    responses: {
      200: { description: 'The form as JSON Schema 2020-12', schema: { type: 'object' } },
      404: { description: 'No form with this key (or no such version of it) is deployed' },
    },
    handle: async ({ params, query }) => {
      const version = query.version ?? (await latestVersionOf(dataSource.manager, 'form', params.key!));
      const file = version === undefined ? undefined : await deployedFile(dataSource.manager, 'form', params.key!, version);
      if (!file) throw notFound(`form "${params.key}"${query.version ? ` version ${query.version}` : ''} is not deployed`);
      return text(file.content, 'application/json');
    },
  }),
  route({
    method: 'get',
    path: '/api/decisions/{key}/dmn',
    summary: 'The DMN file the latest version of a decision (or the version asked for) was deployed in',
    tags: ['decisions'],
    access: 'authenticated',
    query: versionQuery,
    responses: {
      200: { description: 'DMN 1.3 XML', contentType: 'application/xml', schema: { type: 'string' } },
      404: { description: 'No decision with this key (or no such version of it) is deployed' },
    },
    handle: async ({ params, query }) => {
      const version = query.version ?? (await latestVersionOf(dataSource.manager, 'decision', params.key!));
      const file = version === undefined ? undefined : await deployedFile(dataSource.manager, 'decision', params.key!, version);
      if (!file) throw notFound(`decision "${params.key}"${query.version ? ` version ${query.version}` : ''} is not deployed`);
      return text(file.content, 'application/xml');
    },
  }),
];
