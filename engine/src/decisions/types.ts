import type { JsonValue, Variables } from '../expressions/feel.js';
import type { FeelValue } from '../expressions/feel-values.js';
import type { ItemType } from './item-types.js';

export type HitPolicy = 'UNIQUE' | 'FIRST' | 'PRIORITY' | 'ANY' | 'RULE ORDER' | 'OUTPUT ORDER' | 'COLLECT';
export type CollectAggregation = 'SUM' | 'MIN' | 'MAX' | 'COUNT';

export interface DecisionInput {
  id: string;
  label: string;
  /** FEEL expression that gives the value tested by this column. */
  expression: string;
  /** The input values the column allows (unary tests), if it lists them. */
  allowedValues?: string;
  type?: ItemType;
}

export interface DecisionOutput {
  id: string;
  /** The name of the output in the result context. */
  name: string;
  label: string;
  /** The output values in priority order (used by PRIORITY and OUTPUT ORDER), as FEEL literals; may be empty. */
  allowedValues: string[];
  /** FEEL expression for the value when no rule matches (DMN default output entry); absent when the column has none. */
  defaultEntry?: string;
  type?: ItemType;
}

export interface DecisionRule {
  id: string;
  /** One FEEL unary-tests text per input column. */
  inputEntries: string[];
  /** One FEEL expression per output column. */
  outputEntries: string[];
  /** Why the rule exists, in the process owner's words: the rule's description or its annotations. */
  description?: string;
}

export interface DecisionTable {
  hitPolicy: HitPolicy;
  aggregation?: CollectAggregation;
  inputs: DecisionInput[];
  outputs: DecisionOutput[];
  rules: DecisionRule[];
}

/** The kinds of boxed expression a decision, knowledge model or context entry can hold (DMN 1.3, chapter 10). */
export type ExpressionKind = 'literal expression' | 'decision table' | 'context' | 'list' | 'relation' | 'invocation' | 'function definition';

/** What an expression sees while it is evaluated, and where it leaves its trace. */
export interface EvaluationScope {
  /** The names visible to the expression, as FEEL values. */
  variables: Record<string, FeelValue>;
  trace: Trace;
}

/** A boxed expression, compiled once at deploy and evaluated many times. */
export interface CompiledExpression {
  kind: ExpressionKind;
  /** The decision table, when the expression is one. */
  table?: DecisionTable;
  evaluate(scope: EvaluationScope): FeelValue;
}

/** What one rule did in an evaluation: which of its input entries held. */
export interface RuleEvaluation {
  ruleId: string;
  /** 1-based position of the rule in the table, as a civil servant counts it. */
  index: number;
  matched: boolean;
  entries: { input: string; test: string; value: JsonValue; held: boolean }[];
  outputs: { [name: string]: JsonValue };
}

/** One decision table as it was evaluated, with every rule. */
export interface TableEvaluation {
  /** Where the table is: the decision itself, or a knowledge model it called. */
  source: string;
  table: DecisionTable;
  rules: RuleEvaluation[];
  /** The rules whose outputs make up the result, in result order. */
  matchedRules: { ruleId: string; index: number; outputs: { [name: string]: JsonValue } }[];
  /** The table's result as API clients see it (see DecisionResult.outputs). */
  outputs: { [name: string]: JsonValue } | { [name: string]: JsonValue }[] | null;
}

/** One decision of the graph as it was evaluated. */
export interface DecisionEvaluation {
  decisionId: string;
  name: string;
  kind: ExpressionKind;
  /** The values it saw of what it requires (input data and other decisions), by name. */
  inputs: { name: string; value: JsonValue }[];
  value: JsonValue;
  /** The decision tables evaluated for it, its own first. */
  tables: TableEvaluation[];
  /** Why a part gave null (FEEL's warnings) or why the result did not fit its type. */
  notes: string[];
}

export interface Trace {
  /** Decisions in the order they were finished: required decisions before the ones that need them. */
  decisions: DecisionEvaluation[];
  /** Where tables evaluated now are recorded (the decision being evaluated). */
  current?: { tables: TableEvaluation[]; notes: string[] };
  /** Names of the knowledge models being called, innermost last, to say where a table is. */
  callers: string[];
}

export interface InputDataNode {
  id: string;
  name: string;
  type: ItemType;
}

export interface DecisionNode {
  id: string;
  name: string;
  /** The name its result has for the decisions that require it. */
  variable: string;
  type: ItemType;
  logic: CompiledExpression;
  requiredDecisions: string[];
  requiredInputs: string[];
  /** Knowledge models and decision services it invokes. */
  requiredKnowledge: string[];
}

export interface KnowledgeModelNode {
  kind: 'knowledge model';
  id: string;
  name: string;
  parameters: { name: string; type: ItemType }[];
  body: CompiledExpression;
  resultType: ItemType;
  requiredKnowledge: string[];
}

export interface DecisionServiceNode {
  kind: 'decision service';
  id: string;
  name: string;
  outputDecisions: string[];
  inputDecisions: string[];
  inputData: string[];
  resultType: ItemType;
}

/** Every decision, input, knowledge model and decision service of one DMN file, compiled. Immutable. */
export interface DecisionGraph {
  decisions: ReadonlyMap<string, DecisionNode>;
  inputs: ReadonlyMap<string, InputDataNode>;
  knowledge: ReadonlyMap<string, KnowledgeModelNode | DecisionServiceNode>;
}

/** One decision of a deployed DMN file, parsed, validated and ready to evaluate. Immutable. */
export interface CompiledDecision {
  /** The decision's id in the DMN XML: the key Loket deploys it under. */
  id: string;
  name: string;
  /** The decision table, when the decision's logic is one. */
  table?: DecisionTable;
  /** The decision requirement graph of its DMN file, which it is evaluated in. */
  graph: DecisionGraph;
}

export interface DecisionResult {
  decisionId: string;
  /**
   * The decision's result as API clients see it. For a decision table: for a single-result hit policy an object
   * keyed by output name (or null when no rule matched); for multi-result policies a list of such objects; for
   * COLLECT with an aggregation an object with the aggregated value per output. For other logic: an object with
   * the decision's name and its value.
   */
  outputs: { [name: string]: JsonValue } | { [name: string]: JsonValue }[] | null;
  /** The value a business rule task stores in its result variable, as Camunda 8 does it: one output column → its value, several → a context; multi-result policies → a list. */
  resultValue: JsonValue;
  /** The decision's result as FEEL has it (dates stay dates), for callers that compute on with it. */
  value: FeelValue;
  /** The rules whose outputs make up the result (under FIRST and PRIORITY only the winner); empty when the logic is not a table. */
  matchedRules: { ruleId: string; index: number; outputs: { [name: string]: JsonValue } }[];
  /** Every rule of the decision's own table; empty when the logic is not a table. */
  rules: RuleEvaluation[];
  /** Every decision of the graph that was evaluated, required decisions first, the decision itself last. */
  evaluations: DecisionEvaluation[];
  /** Plain Dutch: per decision, what it saw and, per rule, which input entries held and which did not, and what was decided. */
  explanation: string;
  /** The short form: only the rules of the decision's own table that decided, and the outcome. */
  summary: string;
}

/** A problem found in a DMN file at deploy time. */
export interface DmnProblem {
  decisionId?: string;
  elementId?: string;
  line?: number;
  message: string;
  /** Which problem it is, with its particulars, as for a process (ModelProblem): the modeler says it in Dutch. */
  code?: string;
  params?: Record<string, string>;
}

export type EvaluateDecision = (decision: CompiledDecision, variables: Variables) => DecisionResult;
