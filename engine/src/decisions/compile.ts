import { compileBoxed, type CompileContext } from './boxed/index.js';
import { compileFunctionParts } from './boxed/function-definition.js';
import { TypeRegistry } from './item-types.js';
import type { ProblemCode } from '../model/types.js';
import {
  lineOfId,
  parseDmn,
  referencedId,
  type DmnDecisionElement,
  type DmnDecisionServiceElement,
  type DmnDefinitions,
  type DmnExpression,
  type DmnInputDataElement,
  type DmnKnowledgeModelElement,
  type DmnReference,
} from './parse.js';
import type {
  CompiledDecision,
  DecisionGraph,
  DecisionNode,
  DecisionServiceNode,
  DmnProblem,
  InputDataNode,
  KnowledgeModelNode,
} from './types.js';

type Report = (message: string, elementId?: string, coded?: ProblemCode) => void;

/**
 * Parses a DMN file and compiles its decision requirement graph: decisions (every kind of boxed expression),
 * input data, business knowledge models and decision services. Every problem is reported (not only the
 * first); a decision with a problem, or that requires one, is left out of `decisions`, so a deployment must be
 * refused when `problems` is not empty.
 */
export async function compileDmn(xml: string): Promise<{ decisions: CompiledDecision[]; problems: DmnProblem[] }> {
  const { definitions, problems } = await parseDmn(xml);
  if (!definitions) return { decisions: [], problems };
  const compiler = new GraphCompiler(xml, definitions, problems);
  return { decisions: compiler.compile(), problems };
}

/** Every name defined anywhere in the file: moddle elements with a name, walked without following $parent. */
function namesIn(definitions: DmnDefinitions): Record<string, null> {
  const names: Record<string, null> = {};
  const seen = new Set<object>();
  const walk = (value: unknown): void => {
    if (value === null || typeof value !== 'object' || seen.has(value)) return;
    seen.add(value);
    if (Array.isArray(value)) return value.forEach(walk);
    for (const [key, child] of Object.entries(value)) {
      if (key.startsWith('$')) continue;
      if (key === 'name' && typeof child === 'string' && child.trim() !== '') names[child.trim()] = null;
      else walk(child);
    }
  };
  walk(definitions);
  return names;
}

class GraphCompiler {
  private readonly types: TypeRegistry;
  private readonly elements: DmnDefinitions['drgElement'] & object;
  private readonly decisions = new Map<string, DecisionNode>();
  private readonly inputs = new Map<string, InputDataNode>();
  private readonly knowledge = new Map<string, KnowledgeModelNode | DecisionServiceNode>();
  /** Elements that did not compile, so what requires them is left out too. */
  private readonly broken = new Set<string>();
  private readonly names: Record<string, null>;

  constructor(
    private readonly xml: string,
    private readonly definitions: DmnDefinitions,
    private readonly problems: DmnProblem[],
  ) {
    this.elements = definitions.drgElement ?? [];
    this.names = namesIn(definitions);
    this.types = new TypeRegistry(definitions.itemDefinition ?? [], (message, elementId, coded) => this.problem(undefined, message, elementId, coded));
  }

  compile(): CompiledDecision[] {
    for (const imported of this.definitions.import ?? []) {
      const other = imported.namespace ?? imported.name ?? 'another model';
      this.problem(undefined, `the DMN file imports ${other}; Loket evaluates self-contained DMN files only`, undefined, { code: 'dmn-import-unsupported', params: { model: other } });
    }
    const decisionElements = this.elements.filter((e): e is DmnDecisionElement => e.$type === 'dmn:Decision');
    if (decisionElements.length === 0) this.problem(undefined, 'the DMN file contains no decision', undefined, { code: 'dmn-without-decision' });

    const seen = new Set<string>();
    for (const element of this.elements) {
      // The schema lets an element go without an id; nothing can refer to it then, and its name serves as its key.
      if (!element.id && element.name?.trim()) element.id = element.name.trim();
      if (!element.id) {
        if (element.$type === 'dmn:Decision') this.problem(undefined, `a decision has neither an id nor a name`, undefined, { code: 'dmn-decision-without-id' });
        continue;
      }
      if (seen.has(element.id)) this.problem(element.id, `${element.id} is defined more than once`, undefined, { code: 'dmn-duplicate-id', params: { id: element.id } });
      seen.add(element.id);
    }
    for (const element of this.elements) {
      if (!element.id) continue;
      if (element.$type === 'dmn:InputData') this.inputData(element as DmnInputDataElement);
      else if (element.$type === 'dmn:BusinessKnowledgeModel') this.knowledgeModel(element as DmnKnowledgeModelElement);
      else if (element.$type === 'dmn:DecisionService') this.decisionService(element as DmnDecisionServiceElement);
    }
    for (const element of decisionElements) if (element.id) this.decision(element);
    this.checkReferences();
    this.checkCycles();

    const graph: DecisionGraph = { decisions: this.decisions, inputs: this.inputs, knowledge: this.knowledge };
    return [...this.decisions.values()]
      .filter((node) => this.usable(node.id, new Set()))
      .map((node) => ({ id: node.id, name: node.name, ...(node.logic.table ? { table: node.logic.table } : {}), graph }));
  }

  private problem(elementId: string | undefined, message: string, detailId?: string, coded?: ProblemCode): void {
    const line = lineOfId(this.xml, detailId ?? elementId);
    this.problems.push({ ...(elementId ? { decisionId: elementId } : {}), ...(detailId ? { elementId: detailId } : {}), ...(line ? { line } : {}), message, ...coded });
  }

  private context(ownerId: string, where: string): CompileContext {
    const report: Report = (message, elementId, coded) => {
      this.broken.add(ownerId);
      this.problem(ownerId, message, elementId, coded);
    };
    const ctx: CompileContext = {
      ownerId,
      where,
      types: this.types,
      names: this.names,
      report,
      problems: () => this.problems.length,
      compile: (element: DmnExpression | undefined, innerWhere: string) => (element ? compileBoxed(element, { ...ctx, where: innerWhere }) : undefined),
    };
    return ctx;
  }

  private inputData(element: DmnInputDataElement): void {
    const id = element.id!;
    const name = element.variable?.name?.trim() || element.name?.trim() || id;
    this.inputs.set(id, { id, name, type: this.types.resolve(element.variable?.typeRef, `input data "${name}"`) });
  }

  private decision(element: DmnDecisionElement): void {
    const id = element.id!;
    const name = element.name?.trim() || id;
    const where = `decision ${id}`;
    const ctx = this.context(id, where);
    if (!element.decisionLogic) {
      ctx.report(`${where} has no decision logic`, undefined, { code: 'decision-without-logic' });
      return;
    }
    const logic = compileBoxed(element.decisionLogic, ctx, name);
    if (!logic) {
      this.broken.add(id);
      return;
    }
    const requirements = element.informationRequirement ?? [];
    this.decisions.set(id, {
      id,
      name,
      variable: element.variable?.name?.trim() || name,
      type: this.types.resolve(element.variable?.typeRef, where),
      logic,
      requiredDecisions: requirements.filter((r) => r.requiredDecision).map((r) => this.reference(id, r.requiredDecision)),
      requiredInputs: requirements.filter((r) => r.requiredInput).map((r) => this.reference(id, r.requiredInput)),
      requiredKnowledge: (element.knowledgeRequirement ?? []).map((r) => this.reference(id, r.requiredKnowledge)),
    });
  }

  private knowledgeModel(element: DmnKnowledgeModelElement): void {
    const id = element.id!;
    const name = element.variable?.name?.trim() || element.name?.trim() || id;
    const where = `business knowledge model ${id}`;
    const ctx = this.context(id, where);
    if (!element.encapsulatedLogic) {
      ctx.report(`${where} has no logic (encapsulatedLogic)`, undefined, { code: 'knowledge-model-without-logic' });
      return;
    }
    const fn = compileFunctionParts(element.encapsulatedLogic, ctx);
    if (!fn) {
      this.broken.add(id);
      return;
    }
    this.knowledge.set(id, {
      kind: 'knowledge model',
      id,
      name,
      parameters: fn.parameters,
      body: fn.body,
      resultType: fn.resultType ?? this.types.resolve(element.variable?.typeRef, where),
      requiredKnowledge: (element.knowledgeRequirement ?? []).map((r) => this.reference(id, r.requiredKnowledge)),
    });
  }

  private decisionService(element: DmnDecisionServiceElement): void {
    const id = element.id!;
    const name = element.variable?.name?.trim() || element.name?.trim() || id;
    const refs = (list: DmnReference[] | undefined) => (list ?? []).map((r) => this.reference(id, r));
    const outputDecisions = refs(element.outputDecision);
    if (outputDecisions.length === 0) this.problem(id, `decision service ${id} has no output decision`, undefined, { code: 'decision-service-without-output' });
    this.knowledge.set(id, {
      kind: 'decision service',
      id,
      name,
      outputDecisions,
      inputDecisions: refs(element.inputDecision),
      inputData: refs(element.inputData),
      resultType: this.types.resolve(element.variable?.typeRef, `decision service ${id}`),
    });
  }

  private reference(ownerId: string, reference: DmnReference | undefined): string {
    const href = reference?.href ?? '';
    if (href.includes('#') && !href.startsWith('#')) {
      this.broken.add(ownerId);
      this.problem(ownerId, `${ownerId} refers to ${href} in another model; Loket evaluates self-contained DMN files only`, undefined, { code: 'reference-other-model', params: { href } });
    }
    return referencedId(reference);
  }

  private checkReferences(): void {
    const kinds = new Map(this.elements.map((e) => [e.id, e.$type.replace(/^dmn:/, '')]));
    const expect = (ownerId: string, id: string, wanted: string[]) => {
      const kind = kinds.get(id);
      if (kind && wanted.includes(kind)) return;
      this.broken.add(ownerId);
      if (kind) this.problem(ownerId, `${ownerId} requires ${id}, which is a ${kind}, not a ${wanted.join(' or ')}`, undefined, { code: 'requirement-wrong-kind', params: { required: id } });
      else this.problem(ownerId, `${ownerId} requires ${id}, which is not in this DMN file`, undefined, { code: 'requirement-missing', params: { required: id } });
    };
    for (const node of this.decisions.values()) {
      for (const id of node.requiredDecisions) expect(node.id, id, ['Decision']);
      for (const id of node.requiredInputs) expect(node.id, id, ['InputData']);
      for (const id of node.requiredKnowledge) expect(node.id, id, ['BusinessKnowledgeModel', 'DecisionService']);
    }
    for (const node of this.knowledge.values()) {
      if (node.kind === 'knowledge model') for (const id of node.requiredKnowledge) expect(node.id, id, ['BusinessKnowledgeModel', 'DecisionService']);
      else {
        for (const id of [...node.outputDecisions, ...node.inputDecisions]) expect(node.id, id, ['Decision']);
        for (const id of node.inputData) expect(node.id, id, ['InputData']);
      }
    }
  }

  private requirementsOf(id: string): string[] {
    const decision = this.decisions.get(id);
    if (decision) return [...decision.requiredDecisions, ...decision.requiredKnowledge];
    const knowledge = this.knowledge.get(id);
    if (knowledge?.kind === 'knowledge model') return knowledge.requiredKnowledge;
    if (knowledge?.kind === 'decision service') return knowledge.outputDecisions;
    return [];
  }

  /** A decision that requires itself, directly or through others, could never be decided. */
  private checkCycles(): void {
    const done = new Set<string>();
    const visit = (id: string, path: string[]): void => {
      if (path.includes(id)) {
        const cycle = [...path.slice(path.indexOf(id)), id];
        // A knowledge model may call itself: that is recursion, bounded at run time, not a requirement cycle.
        if (cycle.every((c) => this.knowledge.get(c)?.kind === 'knowledge model')) return;
        this.broken.add(id);
        this.problem(id, `${id} requires itself: ${cycle.join(' → ')}`, undefined, { code: 'requirement-cycle', params: { cycle: cycle.join(' → ') } });
        return;
      }
      if (done.has(id)) return;
      for (const next of this.requirementsOf(id)) visit(next, [...path, id]);
      done.add(id);
    };
    for (const id of [...this.decisions.keys(), ...this.knowledge.keys()]) visit(id, []);
  }

  /** A decision can be evaluated when it and everything it requires compiled. */
  private usable(id: string, seen: Set<string>): boolean {
    if (seen.has(id)) return true;
    seen.add(id);
    if (this.broken.has(id)) return false;
    const service = this.knowledge.get(id);
    const extra = service?.kind === 'decision service' ? service.inputDecisions : [];
    return [...this.requirementsOf(id), ...extra].every((next) => this.usable(next, seen));
  }
}
