import { evaluateExpression, type JsonValue } from '../expressions/feel.js';
import { DecisionError } from './errors.js';
import type { CollectAggregation, CompiledDecision, DecisionResult, HitPolicy, RuleEvaluation } from './types.js';

type Outputs = { [name: string]: JsonValue };
type HitResult = Pick<DecisionResult, 'outputs' | 'resultValue' | 'matchedRules'>;

const SINGLE_RESULT: ReadonlySet<HitPolicy> = new Set<HitPolicy>(['UNIQUE', 'FIRST', 'PRIORITY', 'ANY']);

export function isSingleResult(hitPolicy: HitPolicy): boolean {
  return SINGLE_RESULT.has(hitPolicy);
}

export function jsonEqual(a: JsonValue, b: JsonValue): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => jsonEqual(x, b[i] ?? null));
  }
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => k in b && jsonEqual(a[k] ?? null, b[k] ?? null));
}

function ruleList(rules: RuleEvaluation[]): string {
  const names = rules.map((r) => `${r.index} (${r.ruleId})`);
  return names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} en ${names[names.length - 1]}`;
}

/**
 * The priority of each matched rule's outputs: per output column that lists output values, the position
 * of the rule's value in that list. Earlier columns weigh more; a value not in the list comes last.
 */
function sortByOutputPriority(decision: CompiledDecision, matched: RuleEvaluation[]): RuleEvaluation[] {
  const ranked = decision.table.outputs
    .filter((o) => o.allowedValues.length > 0)
    .map((o) => ({ name: o.name, values: o.allowedValues.map((text) => evaluateExpression(text, {}).value) }));
  const keyOf = (rule: RuleEvaluation): number[] =>
    ranked.map(({ name, values }) => {
      const position = values.findIndex((v) => jsonEqual(v, rule.outputs[name] ?? null));
      return position < 0 ? values.length : position;
    });
  const keyed = matched.map((rule) => ({ rule, key: keyOf(rule) }));
  // Array.prototype.sort is stable, so ties keep rule order.
  keyed.sort((a, b) => {
    for (let i = 0; i < a.key.length; i++) {
      const diff = (a.key[i] ?? 0) - (b.key[i] ?? 0);
      if (diff !== 0) return diff;
    }
    return 0;
  });
  return keyed.map((k) => k.rule);
}

/** The rules whose outputs make up the result, in result order. */
function selectRules(decision: CompiledDecision, rules: RuleEvaluation[]): RuleEvaluation[] {
  const matched = rules.filter((r) => r.matched);
  const { hitPolicy } = decision.table;
  switch (hitPolicy) {
    case 'UNIQUE':
      if (matched.length > 1) {
        throw new DecisionError(
          `Beslissing „${decision.id}”: de regels ${ruleList(matched)} zijn allemaal van toepassing, maar de hit policy UNIQUE laat maar één regel toe. De regels van de tabel overlappen en moeten aangepast worden.`,
          decision.id,
          rules,
        );
      }
      return matched;
    case 'FIRST':
      return matched.slice(0, 1);
    case 'PRIORITY':
      return sortByOutputPriority(decision, matched).slice(0, 1);
    case 'ANY': {
      const first = matched[0];
      const differing = matched.filter((r) => first && !jsonEqual(r.outputs, first.outputs));
      if (first && differing.length > 0) {
        throw new DecisionError(
          `Beslissing „${decision.id}”: de regels ${ruleList(matched)} zijn van toepassing maar geven een verschillende uitkomst, wat de hit policy ANY niet toelaat (regel ${first.index} verschilt van regel ${differing[0]!.index}).`,
          decision.id,
          rules,
        );
      }
      return matched;
    }
    case 'RULE ORDER':
    case 'COLLECT':
      return matched;
    case 'OUTPUT ORDER':
      return sortByOutputPriority(decision, matched);
  }
}

function aggregate(decision: CompiledDecision, aggregation: CollectAggregation, selected: RuleEvaluation[]): JsonValue {
  if (aggregation === 'COUNT') return selected.length;
  if (selected.length === 0) return null;
  const name = decision.table.outputs[0]?.name ?? '';
  const values = selected.map((r) => r.outputs[name] ?? null);
  const numbers = values.filter((v): v is number => typeof v === 'number');
  const strings = values.filter((v): v is string => typeof v === 'string');
  if (aggregation === 'SUM' && numbers.length === values.length) return numbers.reduce((sum, v) => sum + v, 0);
  if (aggregation !== 'SUM' && numbers.length === values.length) return aggregation === 'MIN' ? Math.min(...numbers) : Math.max(...numbers);
  if (aggregation !== 'SUM' && strings.length === values.length) {
    const sorted = [...strings].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    return aggregation === 'MIN' ? sorted[0]! : sorted[sorted.length - 1]!;
  }
  const what = aggregation === 'SUM' ? 'getallen' : 'allemaal getallen of allemaal teksten';
  throw new DecisionError(
    `Beslissing „${decision.id}”: de uitkomsten van de regels ${ruleList(selected)} kunnen niet samengevoegd worden met ${aggregation}, want het zijn niet ${what}.`,
    decision.id,
  );
}

/**
 * Applies the table's hit policy (DMN 1.3, 8.2.11) to the evaluated rules and shapes the result as Camunda 8 does.
 * `defaults` gives the default output entries, asked for only when no rule matched; null when the table has none.
 */
export function applyHitPolicy(decision: CompiledDecision, rules: RuleEvaluation[], defaults: () => Outputs | null): HitResult {
  const { hitPolicy, aggregation, outputs: columns } = decision.table;
  const selected = selectRules(decision, rules);
  const matchedRules = selected.map((r) => ({ ruleId: r.ruleId, index: r.index, outputs: r.outputs }));
  const valueOf = (outputs: Outputs): JsonValue => (columns.length === 1 ? (outputs[columns[0]!.name] ?? null) : outputs);
  // An aggregate of no matches is already defined (0 or null), so defaults only stand in for missing rule outputs.
  const fallback = selected.length === 0 && !aggregation ? defaults() : null;

  if (isSingleResult(hitPolicy)) {
    const outputs = selected[0]?.outputs ?? fallback;
    return { outputs, resultValue: outputs ? valueOf(outputs) : null, matchedRules };
  }
  if (hitPolicy === 'COLLECT' && aggregation) {
    const value = aggregate(decision, aggregation, selected);
    return { outputs: { [columns[0]?.name ?? '']: value }, resultValue: value, matchedRules };
  }
  const list = fallback ? [fallback] : selected.map((r) => r.outputs);
  return { outputs: list, resultValue: list.map(valueOf), matchedRules };
}
