import { ok, route, text, type RouteModule } from '../http/route.js';
import { notFound } from '../http/errors.js';
import { allProcessDefinitions, processDefinition } from '../persistence/repositories/definitions.js';
import { definitionSchema } from './case-schemas.js';
import { versionQuerySchema } from './schemas.js';

export const processDefinitionRoutes: RouteModule = ({ dataSource }) => [
  route({
    method: 'get',
    path: '/api/process-definitions',
    summary: 'Deployed processes, every version, the latest first per key',
    tags: ['process definitions'],
    access: 'authenticated',
    responses: { 200: { description: 'The definitions', schema: { type: 'array', items: definitionSchema } } },
    handle: async () => ok((await allProcessDefinitions(dataSource.manager)).map(({ id, key, version, name }) => ({ id, key, version, name }))),
  }),
  route({
    method: 'get',
    path: '/api/process-definitions/{key}/xml',
    summary: 'The BPMN XML of the latest version of a process, or of the version asked for',
    tags: ['process definitions'],
    access: 'authenticated',
    query: versionQuerySchema,
    responses: {
      200: { description: 'BPMN 2.0 XML', contentType: 'application/xml', schema: { type: 'string' } },
      404: { description: 'No process with this key (or no such version of it) is deployed' },
    },
    handle: async ({ params, query }) => {
      const definition = await processDefinition(dataSource.manager, params.key!, query.version);
      if (!definition) throw notFound(`process "${params.key}"${query.version ? ` version ${query.version}` : ''} is not deployed`);
      return text(definition.xml, 'application/xml');
    },
  }),
];
