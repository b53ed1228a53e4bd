import type { JsonValue } from '../expressions/feel.js';
import type { DecisionEvaluation } from './types.js';

/**
 * What the history keeps of an evaluation: per decision of the graph the inputs it saw, its value, and per
 * table which rules matched and, per input entry, whether it held. The tables' definitions stay in the
 * deployed DMN, so they are not copied into every case.
 */
export function evaluationRecord(evaluations: DecisionEvaluation[]): JsonValue {
  return evaluations.map((e) => ({
    decisionId: e.decisionId,
    name: e.name,
    kind: e.kind,
    inputs: e.inputs,
    value: e.value,
    notes: e.notes,
    tables: e.tables.map((t) => ({
      source: t.source,
      hitPolicy: t.table.hitPolicy,
      matchedRules: t.matchedRules.map((r) => r.index),
      rules: t.rules.map((r) => ({ ruleId: r.ruleId, index: r.index, matched: r.matched, entries: r.entries })),
    })),
  })) as unknown as JsonValue;
}
