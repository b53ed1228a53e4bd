import { FeelFunction } from 'feelin';
import { toJson } from '../expressions/feel.js';
import type { FeelValue } from '../expressions/feel-values.js';
import { functionValue } from './boxed/function-definition.js';
import { DecisionError } from './errors.js';
import { explain, summarize } from './explain.js';
import { coerce, conforms, fromOutside, typeInWords } from './item-types.js';
import type { CompiledDecision, DecisionEvaluation, DecisionGraph, DecisionResult, InputDataNode, Trace } from './types.js';

/**
 * One evaluation of (part of) a decision requirement graph: each decision decided once, after the decisions
 * it requires; every decision's evaluation recorded in the trace.
 */
class GraphRun {
  private readonly decided = new Map<string, FeelValue>();
  private readonly invocables = new Map<string, { name: string; fn: FeelFunction }>();

  constructor(
    private readonly graph: DecisionGraph,
    /** What the caller gives: the case's variables, or a decision service's arguments. */
    private readonly variables: Record<string, FeelValue>,
    private readonly trace: Trace,
    /** Values that stand for an input or a decision (by id) instead of reading or deciding it: a decision service's parameters. */
    private readonly given = new Map<string, FeelValue>(),
  ) {}

  decide(id: string): FeelValue {
    if (this.given.has(id)) return this.given.get(id) ?? null;
    if (this.decided.has(id)) return this.decided.get(id) ?? null;
    const node = this.graph.decisions.get(id)!;
    // Like Camunda, a decision sees every variable of the case; what it requires is added on top, by name.
    const visible: Record<string, FeelValue> = { ...this.variables };
    const seen: DecisionEvaluation['inputs'] = [];
    for (const inputId of node.requiredInputs) {
      const input = this.graph.inputs.get(inputId)!;
      visible[input.name] = this.input(input, id);
      seen.push({ name: input.name, value: toJson(visible[input.name]) });
    }
    for (const decisionId of node.requiredDecisions) {
      const required = this.graph.decisions.get(decisionId)!;
      visible[required.variable] = this.decide(decisionId);
      seen.push({ name: required.variable, value: toJson(visible[required.variable]) });
    }
    for (const knowledgeId of node.requiredKnowledge) {
      const invocable = this.invocable(knowledgeId);
      visible[invocable.name] = invocable.fn;
    }
    const record: NonNullable<Trace['current']> = { tables: [], notes: [] };
    const previous = this.trace.current;
    this.trace.current = record;
    let raw: FeelValue;
    try {
      raw = node.logic.evaluate({ variables: visible, trace: this.trace });
    } finally {
      this.trace.current = previous;
    }
    const { value, fits } = coerce(raw, node.type);
    const notes: string[] = [...record.notes];
    if (!fits) notes.push(`de uitkomst ${JSON.stringify(toJson(raw))} is geen ${typeInWords(node.type)}, dus is ze leeg`);
    this.trace.decisions.push({ decisionId: id, name: node.name, kind: node.logic.kind, inputs: seen, value: toJson(value), tables: record.tables, notes });
    this.decided.set(id, value);
    return value;
  }

  /** An input's value from the variables, read as its type wants; one that does not fit is refused. */
  private input(input: InputDataNode, decisionId: string): FeelValue {
    if (this.given.has(input.id)) return this.given.get(input.id) ?? null;
    const value = fromOutside(this.variables[input.name] ?? null, input.type);
    if (!conforms(value, input.type)) {
      throw new DecisionError(
        `Beslissing „${decisionId}”: de invoer „${input.name}” is ${JSON.stringify(toJson(value))}, maar moet een ${typeInWords(input.type)} zijn`,
        decisionId,
      );
    }
    return value;
  }

  /**
   * A knowledge model or decision service as a FEEL function, under its name; built once per run and registered
   * before what it requires, so models that call each other (even/odd) close over each other, not loop.
   */
  private invocable(id: string): { name: string; fn: FeelFunction } {
    const built = this.invocables.get(id);
    if (built) return built;
    const node = this.graph.knowledge.get(id)!;
    if (node.kind === 'knowledge model') {
      // The body sees its parameters and the knowledge it requires (itself included, for recursion): nothing of the case.
      const closure: Record<string, FeelValue> = {};
      const invocable = { name: node.name, fn: functionValue(node.name, node, closure, { variables: closure, trace: this.trace }) };
      this.invocables.set(id, invocable);
      for (const required of node.requiredKnowledge) {
        const inner = this.invocable(required);
        closure[inner.name] = inner.fn;
      }
      closure[node.name] = invocable.fn;
      return invocable;
    }
    const parameters = [...node.inputDecisions, ...node.inputData];
    const names = parameters.map((p) => this.graph.decisions.get(p)?.variable ?? this.graph.inputs.get(p)?.name ?? p);
    const fn = new FeelFunction((...args: FeelValue[]) => {
      const given = new Map(parameters.map((p, i) => [p, args[i] ?? null] as [string, FeelValue]));
      const run = new GraphRun(this.graph, {}, this.trace, given);
      const outputs = node.outputDecisions.map((d) => [this.graph.decisions.get(d)!.variable, run.decide(d)] as const);
      const value = outputs.length === 1 ? outputs[0]![1] : Object.fromEntries(outputs);
      return coerce(value, node.resultType).value;
    }, names);
    const invocable = { name: node.name, fn };
    this.invocables.set(id, invocable);
    return invocable;
  }
}

/**
 * Evaluates a compiled decision against variables (JSON from a case or an API client, or FEEL values): the
 * decisions it requires first, each once. Pure: same decision and variables, same result. A decision that
 * cannot decide (overlapping UNIQUE rules, an input of the wrong type, FEEL that cannot run) throws DecisionError.
 */
export function evaluateDecision(decision: CompiledDecision, variables: Record<string, FeelValue>): DecisionResult {
  const trace: Trace = { decisions: [], callers: [] };
  const value = new GraphRun(decision.graph, variables, trace).decide(decision.id);
  const own = trace.decisions[trace.decisions.length - 1]!;
  const table = own.tables.find((t) => t.source === decision.id && t.table === decision.table);
  const json = toJson(value);
  return {
    decisionId: decision.id,
    outputs: table ? table.outputs : { [decision.graph.decisions.get(decision.id)!.variable]: json },
    resultValue: json,
    value,
    matchedRules: table?.matchedRules ?? [],
    rules: table?.rules ?? [],
    evaluations: trace.decisions,
    explanation: explain(trace.decisions),
    summary: summarize(trace.decisions),
  };
}
