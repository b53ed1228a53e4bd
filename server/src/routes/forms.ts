import { notFound } from '../http/errors.js';
import { route, text, type ResponseSpec, type RouteDefinition, type RouteModule } from '../http/route.js';
import { deployedFile, type DeployedVersion } from '../persistence/repositories/definitions.js';
import type { Services } from '../services/index.js';
import { versionQuerySchema } from './schemas.js';

/** One kind's deployed files, any version, as the modeler edits from them. */
function deployedFileRoute(
  { dataSource }: Services,
  kind: Exclude<DeployedVersion['kind'], 'process'>,
  spec: { path: string; summary: string; tags: string[]; ok: ResponseSpec },
): RouteDefinition {
  return route({
    method: 'get',
    path: spec.path,
    summary: spec.summary,
    tags: spec.tags,
    access: 'authenticated',
    query: versionQuerySchema,
    responses: {
      200: spec.ok,
      404: { description: `No ${kind} with this key (or no such version of it) is deployed` },
    },
    handle: async ({ params, query }) => {
      const file = await deployedFile(dataSource.manager, kind, params.key!, query.version);
      if (!file) throw notFound(`${kind} "${params.key}"${query.version ? ` version ${query.version}` : ''} is not deployed`);
      return text(file.content, file.type);
    },
  });
}

/** The deployed files of forms and decisions, for the modeler to edit from. */
export const formRoutes: RouteModule = (services) => [
  deployedFileRoute(services, 'form', {
    path: '/api/forms/{key}',
    summary: 'The JSON Schema of the latest version of a form, or of the version asked for',
    tags: ['forms'],
    ok: { description: 'The form as JSON Schema 2020-12', schema: { type: 'object' } },
  }),
  deployedFileRoute(services, 'decision', {
    path: '/api/decisions/{key}/dmn',
    summary: 'The DMN file the latest version of a decision (or the version asked for) was deployed in',
    tags: ['decisions'],
    ok: { description: 'DMN 1.3 XML', contentType: 'application/xml', schema: { type: 'string' } },
  }),
];
