import { isGateway } from '../element-kinds.js';
import type { ModdleElement } from '../parse.js';
import { describe, nameOf, type ModelRule } from './rule.js';

const CHOOSING_GATEWAYS = new Set(['bpmn:ExclusiveGateway', 'bpmn:InclusiveGateway']);

/** Flows connect two elements of the same flow; only exclusive and inclusive gateways choose flows by condition. */
export const sequenceFlows: ModelRule = {
  name: 'sequence-flows',
  check({ flowElements, report }) {
    const ids = new Set(flowElements.map((e) => e.id));
    for (const flow of flowElements.filter((e) => e.$type === 'bpmn:SequenceFlow')) {
      const source = flow.sourceRef as ModdleElement | undefined;
      const target = flow.targetRef as ModdleElement | undefined;
      if (!source || !ids.has(source.id)) report(flow, `sequence flow ${flow.id} has no source element in this process`, { code: 'flow-without-source' });
      if (!target || !ids.has(target.id)) report(flow, `sequence flow ${flow.id} has no target element in this process`, { code: 'flow-without-target' });
      if (source && target && (source.$parent !== flow.$parent || target.$parent !== flow.$parent)) {
        report(flow, `sequence flow ${flow.id} crosses the border of a subprocess; connect to the subprocess itself`, { code: 'flow-crosses-subprocess' });
      }
      if (source && flow.conditionExpression && !CHOOSING_GATEWAYS.has(source.$type)) {
        report(
          flow,
          `sequence flow ${flow.id} has a condition, but leaves ${describe(source)}: only exclusive and inclusive gateways choose flows by condition`,
          { code: 'condition-outside-gateway', params: { source: nameOf(source) } },
        );
      }
    }
  },
};

/** A gateway must lead somewhere, and a choosing gateway must be able to decide. */
export const gatewayFlows: ModelRule = {
  name: 'gateway-flows',
  check({ flowElements, outgoing: outgoingOf, report }) {
    for (const gateway of flowElements.filter((e) => isGateway(e.$type))) {
      const outgoing = outgoingOf(gateway);
      if (outgoing.length === 0) {
        report(gateway, `${describe(gateway)} has no outgoing sequence flows`, { code: 'gateway-without-outgoing' });
        continue;
      }
      if (!CHOOSING_GATEWAYS.has(gateway.$type)) continue;
      const defaultFlow = gateway.default as ModdleElement | undefined;
      if (defaultFlow && !outgoing.includes(defaultFlow)) {
        report(gateway, `the default flow ${defaultFlow.id} of ${describe(gateway)} does not leave that gateway`, { code: 'default-flow-elsewhere', params: { flow: nameOf(defaultFlow) } });
      }
      if (outgoing.length > 1) {
        for (const flow of outgoing) {
          if (flow !== defaultFlow && !flow.conditionExpression) {
            report(flow, `sequence flow ${flow.id} leaves ${describe(gateway)} without a condition and is not its default flow`, { code: 'flow-without-condition', params: { gateway: nameOf(gateway) } });
          }
        }
      }
    }
  },
};
