import { citizenAction } from './citizen-action.js';
import { deadline } from './deadline.js';
import { endEvent } from './end-event.js';
import { eventSettings } from './event-settings.js';
import { feelSyntax } from './feel-syntax.js';
import { notification } from './notification.js';
import { references } from './references.js';
import type { ModelRule } from './rule.js';
import { gatewayFlows, sequenceFlows } from './sequence-flows.js';
import { startEvent } from './start-event.js';
import { supportedElements } from './supported-elements.js';
import { taskSettings } from './task-settings.js';
import { unsupportedExtensions } from './unsupported-extensions.js';

export const MODEL_RULES: readonly ModelRule[] = [
  supportedElements,
  unsupportedExtensions,
  startEvent,
  endEvent,
  sequenceFlows,
  gatewayFlows,
  taskSettings,
  deadline,
  notification,
  citizenAction,
  eventSettings,
  feelSyntax,
  references,
];
export type { DeployedResources, ModelRule, RuleContext } from './rule.js';
