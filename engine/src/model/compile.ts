import { isExpression, stripEquals } from '../expressions/feel.js';
import { kindOf } from './element-kinds.js';
import { extension, list, parseBpmn, text, type ModdleElement, type ParsedDefinitions } from './parse.js';
import { MODEL_RULES, type DeployedResources } from './rules/index.js';
import type { ElementKind, FlowElement, IoMapping, ModelProblem, ProcessModel, SequenceFlow, ValueSource } from './types.js';

export interface CompiledBpmn {
  processes: ProcessModel[];
  problems: ModelProblem[];
}

/** BPMN XML → validated, immutable process models. Any problem means no process at all. */
export async function compileBpmn(xml: string, deployed: DeployedResources): Promise<CompiledBpmn> {
  const { parsed, problems } = await parseBpmn(xml);
  if (!parsed) return { processes: [], problems };
  const executable = list(parsed.definitions.rootElements).filter(
    (root) => root.$type === 'bpmn:Process' && root.isExecutable !== false,
  );
  if (executable.length === 0) problems.push({ message: 'the file has no executable process' });
  for (const process of executable) problems.push(...validate(process, parsed, deployed));
  if (problems.length > 0) return { processes: [], problems };
  return { processes: executable.map(buildModel), problems };
}

function validate(process: ModdleElement, parsed: ParsedDefinitions, deployed: DeployedResources): ModelProblem[] {
  const problems: ModelProblem[] = [];
  const flowElements = list(process.flowElements);
  const report = (element: ModdleElement | undefined, message: string) => {
    const elementId = element?.id;
    const line = parsed.lineOf(elementId);
    problems.push({ ...(elementId ? { elementId } : {}), ...(line ? { line } : {}), message });
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
  const connections = connectionsOf(list(process.flowElements));
  const elements = new Map<string, FlowElement>();
  const flows = new Map<string, SequenceFlow>();
  for (const element of list(process.flowElements)) {
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
    const kind = kindOf(element.$type);
    if (!kind) continue;
    const flowIds = (byElement: Map<string, ModdleElement[]>) => (byElement.get(element.id!) ?? []).map((flow) => flow.id!);
    const connected = { incoming: flowIds(connections.incoming), outgoing: flowIds(connections.outgoing) };
    elements.set(element.id!, Object.freeze(buildElement(kind, element, connected, departments.get(element.id!))));
  }
  const all = [...elements.values()];
  return Object.freeze({
    key: process.id!,
    name: process.name ?? process.id!,
    elements,
    flows,
    startEventIds: all.filter((e) => e.kind === 'startEvent').map((e) => e.id),
    referencedDecisions: all.flatMap((e) =>
      e.kind === 'businessRuleTask' && e.decisionId.kind === 'literal' ? [e.decisionId.value] : [],
    ),
    referencedForms: all.flatMap((e) => ('formKey' in e && e.formKey ? [e.formKey] : [])),
  });
}

function buildElement(
  kind: ElementKind,
  element: ModdleElement,
  connected: { incoming: string[]; outgoing: string[] },
  laneDepartment: string | undefined,
): FlowElement {
  const io = extension(element, 'zeebe:IoMapping');
  const publicLabel = text(element.publicLabel);
  const base = {
    id: element.id!,
    name: element.name ?? element.id!,
    ...connected,
    inputs: mappings(io?.inputParameters),
    outputs: mappings(io?.outputParameters),
    ...(laneDepartment ? { laneDepartment } : {}),
    ...(publicLabel ? { publicLabel } : {}),
  };
  switch (kind) {
    case 'userTask': {
      const assignment = extension(element, 'zeebe:AssignmentDefinition');
      const schedule = extension(element, 'zeebe:TaskSchedule');
      const formKey = text(extension(element, 'zeebe:FormDefinition')?.formId);
      return {
        ...base,
        kind,
        assignment: {
          ...valueSourceOf('candidateGroups', assignment?.candidateGroups),
          ...valueSourceOf('candidateUsers', assignment?.candidateUsers),
          ...valueSourceOf('assignee', assignment?.assignee),
          ...valueSourceOf('dueDate', schedule?.dueDate),
        },
        ...(formKey ? { formKey } : {}),
      };
    }
    case 'scriptTask': {
      const script = extension(element, 'zeebe:Script')!;
      return { ...base, kind, expression: stripEquals(text(script.expression)!), resultVariable: text(script.resultVariable)! };
    }
    case 'businessRuleTask': {
      const decision = extension(element, 'zeebe:CalledDecision')!;
      return { ...base, kind, decisionId: valueSource(text(decision.decisionId)!), resultVariable: text(decision.resultVariable)! };
    }
    case 'exclusiveGateway': {
      const defaultFlow = (element.default as ModdleElement | undefined)?.id;
      return { ...base, kind, ...(defaultFlow ? { defaultFlow } : {}) };
    }
    case 'startEvent': {
      const formKey = text(extension(element, 'zeebe:FormDefinition')?.formId);
      return { ...base, kind, ...(formKey ? { formKey } : {}) };
    }
    case 'endEvent':
    case 'manualTask':
    case 'parallelGateway':
      return { ...base, kind };
  }
}

function mappings(parameters: unknown): IoMapping[] {
  return list(parameters).map((p) => ({ source: stripEquals(text(p.source) ?? 'null'), target: text(p.target)! }));
}

export function valueSource(raw: string): ValueSource {
  return isExpression(raw) ? { kind: 'feel', expression: stripEquals(raw) } : { kind: 'literal', value: raw };
}

function valueSourceOf<K extends string>(key: K, raw: unknown): { [P in K]?: ValueSource } {
  const value = text(raw);
  return (value && value.trim() !== '' ? { [key]: valueSource(value) } : {}) as { [P in K]?: ValueSource };
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
