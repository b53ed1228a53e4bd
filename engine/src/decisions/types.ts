import type { JsonValue, Variables } from '../expressions/feel.js';

export type HitPolicy = 'UNIQUE' | 'FIRST' | 'PRIORITY' | 'ANY' | 'RULE ORDER' | 'OUTPUT ORDER' | 'COLLECT';
export type CollectAggregation = 'SUM' | 'MIN' | 'MAX' | 'COUNT';

export interface DecisionInput {
  id: string;
  label: string;
  /** FEEL expression that gives the value tested by this column. */
  expression: string;
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
}

export interface DecisionRule {
  id: string;
  /** One FEEL unary-tests text per input column. */
  inputEntries: string[];
  /** One FEEL expression per output column. */
  outputEntries: string[];
  description?: string;
}

export interface DecisionTable {
  hitPolicy: HitPolicy;
  aggregation?: CollectAggregation;
  inputs: DecisionInput[];
  outputs: DecisionOutput[];
  rules: DecisionRule[];
}

/** One decision of a deployed DMN file, parsed, validated and ready to evaluate. Immutable. */
export interface CompiledDecision {
  /** The decision's id in the DMN XML: the key Loket deploys it under. */
  id: string;
  name: string;
  table: DecisionTable;
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

export interface DecisionResult {
  decisionId: string;
  /**
   * The decision's result as API clients see it: for a single-result hit policy an object keyed by
   * output name (or null when no rule matched); for multi-result policies a list of such objects; for
   * COLLECT with an aggregation an object with the aggregated value per output.
   */
  outputs: { [name: string]: JsonValue } | { [name: string]: JsonValue }[] | null;
  /** The value a business rule task stores in its result variable, as Camunda 8 does it: one output column → its value, several → a context; multi-result policies → a list. */
  resultValue: JsonValue;
  /** The rules whose outputs make up the result (under FIRST and PRIORITY only the winner). */
  matchedRules: { ruleId: string; index: number; outputs: { [name: string]: JsonValue } }[];
  rules: RuleEvaluation[];
  /** Plain Dutch: per rule which input entries held and which did not, and what was decided. */
  explanation: string;
}

/** A problem found in a DMN file at deploy time. */
export interface DmnProblem {
  decisionId?: string;
  elementId?: string;
  line?: number;
  message: string;
}

export type EvaluateDecision = (decision: CompiledDecision, variables: Variables) => DecisionResult;
