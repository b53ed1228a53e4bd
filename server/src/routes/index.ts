import type { RouteModule } from '../http/route.js';
import { authRoutes } from './auth.js';
import { healthRoutes } from './health.js';
import { userRoutes } from './users.js';
import { decisionRoutes } from './decisions.js';
import { deploymentRoutes } from './deployments.js';
import { processDefinitionRoutes } from './process-definitions.js';
import { incidentRoutes, processInstanceRoutes } from './process-instances.js';
import { taskRoutes } from './tasks.js';
import { outboxRoutes } from './outbox.js';
import { jobRoutes } from './jobs.js';
import { messageRoutes } from './messages.js';
import { formRoutes } from './forms.js';
import { statusRoutes } from './status.js';
import { contactRoutes } from './contacts.js';

/**
 * Every resource's routes, in the order express tries them. A new resource is one file in this
 * folder and one entry here; its OpenAPI paths come along automatically.
 */
export const routeModules: RouteModule[] = [
  healthRoutes,
  authRoutes,
  userRoutes,
  deploymentRoutes,
  processDefinitionRoutes,
  processInstanceRoutes,
  incidentRoutes,
  taskRoutes,
  decisionRoutes,
  formRoutes,
  statusRoutes,
  contactRoutes,
  outboxRoutes,
  messageRoutes,
  jobRoutes,
];
