import type { FlowElement, SequenceFlow } from './types.js';

/**
 * The elements from which a token can still reach an inclusive gateway, walking flows backwards within the
 * gateway's own flow scope. An activity also reaches what its boundary events reach, and an element inside a
 * subprocess reaches the gateway through that subprocess, so the join waits for tokens deeper down too.
 */
export function inclusiveJoinReach(
  gatewayId: string,
  elements: ReadonlyMap<string, FlowElement>,
  flows: ReadonlyMap<string, SequenceFlow>,
): ReadonlySet<string> {
  const incomingOf = new Map<string, string[]>();
  for (const flow of flows.values()) incomingOf.set(flow.targetId, [...(incomingOf.get(flow.targetId) ?? []), flow.sourceId]);
  const reached = new Set<string>();
  const pending = [...(incomingOf.get(gatewayId) ?? [])];
  for (let id = pending.pop(); id !== undefined; id = pending.pop()) {
    if (reached.has(id)) continue;
    reached.add(id);
    pending.push(...(incomingOf.get(id) ?? []));
    const element = elements.get(id);
    // A boundary event is reached through the activity it is attached to.
    if (element?.kind === 'boundaryEvent') pending.push(element.attachedToId);
  }
  return reached;
}
