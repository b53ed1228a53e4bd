import { stripEquals } from '../expressions/feel.js';
import { buildElement } from './build-element.js';
import { kindOf } from './element-kinds.js';
import { list, parseBpmn, text, type ModdleElement, type ParsedDefinitions } from './parse.js';
import { inclusiveJoinReach } from './reachability.js';
import { MODEL_RULES, type DeployedResources } from './rules/index.js';
import type { FlowElement, ModelProblem, ProblemCode, ProcessModel, SequenceFlow } from './types.js';

export interface CompiledBpmn {
  processes: ProcessModel[];
  problems: ModelProblem[];
}

/** BPMN XML → validated, immutable process models. Any problem means no process at all. */
export async function compileBpmn(xml: string, deployed: DeployedResources): Promise<CompiledBpmn> {
  const { parsed, problems } = await parseBpmn(xml);
  if (!parsed) return { processes: [], problems };
  problems.push(...checkDefinitions(parsed.definitions, deployed, parsed.lineOf));
  if (problems.length > 0) return { processes: [], problems };
  return { processes: executableProcesses(parsed.definitions).map(buildModel), problems };
}

/**
 * The deploy-time checks of every executable process of parsed definitions. The modeler runs them on the
 * diagram as it is drawn (bpmn-js holds the same moddle tree), so the process owner sees what deploy would say.
 */
export function checkDefinitions(definitions: ModdleElement, deployed: DeployedResources, lineOf: ParsedDefinitions['lineOf'] = () => undefined): ModelProblem[] {
  const executable = executableProcesses(definitions);
  if (executable.length === 0) return [{ message: 'the file has no executable process' }];
  return executable.flatMap((process) => validate(process, lineOf, deployed));
}

function executableProcesses(definitions: ModdleElement): ModdleElement[] {
  return list(definitions.rootElements).filter((root) => root.$type === 'bpmn:Process' && root.isExecutable !== false);
}

/** Every flow element of a process, those inside (event) subprocesses included, parents before children. */
export function allFlowElements(container: ModdleElement): ModdleElement[] {
  return list(container.flowElements).flatMap((element) =>
    element.$type === 'bpmn:SubProcess' ? [element, ...allFlowElements(element)] : [element],
  );
}

function validate(process: ModdleElement, lineOf: ParsedDefinitions['lineOf'], deployed: DeployedResources): ModelProblem[] {
  const problems: ModelProblem[] = [];
  const flowElements = allFlowElements(process);
  const report = (element: ModdleElement | undefined, message: string, coded?: ProblemCode) => {
    const elementId = element?.id;
    const line = lineOf(elementId);
    problems.push({ ...(elementId ? { elementId } : {}), ...(line ? { line } : {}), message, ...coded });
  };
  const connections = connectionsOf(flowElements);
  const outgoing = (element: ModdleElement) => connections.outgoing.get(element.id!) ?? [];
  const incoming = (element: ModdleElement) => connections.incoming.get(element.id!) ?? [];
  for (const rule of MODEL_RULES) rule.check({ process, flowElements, deployed, report, outgoing, incoming });
  return problems;
}

function connectionsOf(flowElements: readonly ModdleElement[]) {
  const outgoing = new Map<string, ModdleElement[]>();
  const incoming = new Map<string, ModdleElement[]>();
  for (const flow of flowElements.filter((e) => e.$type === 'bpmn:SequenceFlow')) {
    const source = (flow.sourceRef as ModdleElement | undefined)?.id;
    const target = (flow.targetRef as ModdleElement | undefined)?.id;
    if (source) outgoing.set(source, [...(outgoing.get(source) ?? []), flow]);
    if (target) incoming.set(target, [...(incoming.get(target) ?? []), flow]);
  }
  return { outgoing, incoming };
}

function buildModel(process: ModdleElement): ProcessModel {
  const departments = laneDepartments(process);
  const flowElements = allFlowElements(process);
  const connections = connectionsOf(flowElements);
  const boundaries = new Map<string, string[]>();
  for (const element of flowElements.filter((e) => e.$type === 'bpmn:BoundaryEvent')) {
    const attachedTo = (element.attachedToRef as ModdleElement).id!;
    boundaries.set(attachedTo, [...(boundaries.get(attachedTo) ?? []), element.id!]);
  }
  const elements = new Map<string, FlowElement>();
  const flows = new Map<string, SequenceFlow>();
  for (const element of flowElements) {
    if (element.$type === 'bpmn:SequenceFlow') {
      const body = text((element.conditionExpression as ModdleElement | undefined)?.body);
      flows.set(element.id!, {
        id: element.id!,
        name: element.name ?? '',
        sourceId: (element.sourceRef as ModdleElement).id!,
        targetId: (element.targetRef as ModdleElement).id!,
        ...(body ? { condition: stripEquals(body) } : {}),
      });
      continue;
    }
    const kind = kindOf(element);
    if (!kind) continue;
    const flowIds = (byElement: Map<string, ModdleElement[]>) => (byElement.get(element.id!) ?? []).map((flow) => flow.id!);
    const parent = element.$parent;
    elements.set(
      element.id!,
      buildElement(kind, element, {
        incoming: flowIds(connections.incoming),
        outgoing: flowIds(connections.outgoing),
        containerId: parent && parent.$type === 'bpmn:SubProcess' ? parent.id! : null,
        boundaryEventIds: boundaries.get(element.id!) ?? [],
        laneDepartment: departments.get(element.id!),
      }),
    );
  }
  for (const element of elements.values()) {
    if (element.kind === 'inclusiveGateway') element.reachableFrom = inclusiveJoinReach(element.id, elements, flows);
  }
  for (const element of elements.values()) Object.freeze(element);
  const all = [...elements.values()];
  const topLevel = all.filter((e) => e.containerId === null);
  return Object.freeze({
    key: process.id!,
    name: process.name ?? process.id!,
    elements,
    flows,
    startEventIds: topLevel.filter((e) => e.kind === 'startEvent').map((e) => e.id),
    eventSubProcessIds: topLevel.filter((e) => e.kind === 'eventSubProcess').map((e) => e.id),
    referencedDecisions: all.flatMap((e) =>
      e.kind === 'businessRuleTask' && e.decisionId?.kind === 'literal' ? [e.decisionId.value] : [],
    ),
    referencedForms: all.flatMap((e) => ('formKey' in e && e.formKey ? [e.formKey] : [])),
  });
}

/** A lane is a department: its loket:department attribute, else its name in lower case. */
function laneDepartments(process: ModdleElement): Map<string, string> {
  const departments = new Map<string, string>();
  const visit = (laneSet: ModdleElement | undefined) => {
    for (const lane of list(laneSet?.lanes)) {
      const department = text(lane.department)?.trim() || lane.name?.trim().toLowerCase();
      if (department) for (const node of list(lane.flowNodeRef)) departments.set(node.id!, department);
      // A nested lane is more specific than its parent, so it is visited after and overrides.
      visit(lane.childLaneSet as ModdleElement | undefined);
    }
  };
  for (const laneSet of list(process.laneSets)) visit(laneSet);
  return departments;
}
