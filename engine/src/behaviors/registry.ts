import type { BehaviorRegistry } from './behavior.js';
import { boundaryEventBehavior } from './boundary-event.js';
import { businessRuleTaskBehavior } from './business-rule-task.js';
import { callActivityBehavior } from './call-activity.js';
import { endEventBehavior } from './end-event.js';
import { eventBasedGatewayBehavior } from './event-based-gateway.js';
import { eventSubProcessBehavior } from './event-sub-process.js';
import { exclusiveGatewayBehavior } from './exclusive-gateway.js';
import { inclusiveGatewayBehavior } from './inclusive-gateway.js';
import { intermediateCatchEventBehavior } from './intermediate-catch-event.js';
import { intermediateThrowEventBehavior } from './intermediate-throw-event.js';
import { manualTaskBehavior } from './manual-task.js';
import { parallelGatewayBehavior } from './parallel-gateway.js';
import { receiveTaskBehavior } from './receive-task.js';
import { scriptTaskBehavior } from './script-task.js';
import { sendTaskBehavior, serviceTaskBehavior } from './service-task.js';
import { startEventBehavior } from './start-event.js';
import { subProcessBehavior } from './sub-process.js';
import { taskBehavior } from './task.js';
import { userTaskBehavior } from './user-task.js';

/** One behaviour per element kind; the type makes a missing kind a compile error. */
export const BEHAVIORS: BehaviorRegistry = {
  startEvent: startEventBehavior,
  endEvent: endEventBehavior,
  intermediateCatchEvent: intermediateCatchEventBehavior,
  intermediateThrowEvent: intermediateThrowEventBehavior,
  boundaryEvent: boundaryEventBehavior,
  task: taskBehavior,
  userTask: userTaskBehavior,
  manualTask: manualTaskBehavior,
  scriptTask: scriptTaskBehavior,
  businessRuleTask: businessRuleTaskBehavior,
  serviceTask: serviceTaskBehavior,
  sendTask: sendTaskBehavior,
  receiveTask: receiveTaskBehavior,
  exclusiveGateway: exclusiveGatewayBehavior,
  parallelGateway: parallelGatewayBehavior,
  inclusiveGateway: inclusiveGatewayBehavior,
  eventBasedGateway: eventBasedGatewayBehavior,
  subProcess: subProcessBehavior,
  eventSubProcess: eventSubProcessBehavior,
  callActivity: callActivityBehavior,
};
