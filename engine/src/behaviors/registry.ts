import type { BehaviorRegistry } from './behavior.js';
import { businessRuleTaskBehavior } from './business-rule-task.js';
import { endEventBehavior } from './end-event.js';
import { exclusiveGatewayBehavior } from './exclusive-gateway.js';
import { manualTaskBehavior } from './manual-task.js';
import { parallelGatewayBehavior } from './parallel-gateway.js';
import { scriptTaskBehavior } from './script-task.js';
import { startEventBehavior } from './start-event.js';
import { userTaskBehavior } from './user-task.js';

/** One behaviour per element kind; the type makes a missing kind a compile error. */
export const BEHAVIORS: BehaviorRegistry = {
  startEvent: startEventBehavior,
  endEvent: endEventBehavior,
  userTask: userTaskBehavior,
  manualTask: manualTaskBehavior,
  scriptTask: scriptTaskBehavior,
  businessRuleTask: businessRuleTaskBehavior,
  exclusiveGateway: exclusiveGatewayBehavior,
  parallelGateway: parallelGatewayBehavior,
};
