import { evaluateFeel, toJson, type JsonValue } from '../expressions/feel.js';
import { feelEqual, feelType, type FeelValue } from '../expressions/feel-values.js';
import { DecisionError } from './errors.js';
import type { CollectAggregation, DecisionTable, HitPolicy, RuleEvaluation, TableEvaluation } from './types.js';

type Values = Record<string, FeelValue>;

/** One rule as evaluated: its record (JSON, for history and explanation) and its outputs as FEEL values. */
export interface RuleOutcome {
  evaluation: RuleEvaluation;
  values: Values;
}

const SINGLE_RESULT: ReadonlySet<HitPolicy> = new Set<HitPolicy>(['UNIQUE', 'FIRST', 'PRIORITY', 'ANY']);

export function isSingleResult(hitPolicy: HitPolicy): boolean {
  return SINGLE_RESULT.has(hitPolicy);
}

function ruleList(rules: RuleOutcome[]): string {
  const names = rules.map((r) => `${r.evaluation.index} (${r.evaluation.ruleId})`);
  return names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} en ${names[names.length - 1]}`;
}

/**
 * Orders matched rules by their outputs' positions in the output values: earlier columns weigh more, a value
 * not in the list comes last, ties keep rule order (Array.prototype.sort is stable).
 */
function sortByOutputPriority(table: DecisionTable, matched: RuleOutcome[]): RuleOutcome[] {
  const ranked = table.outputs
    .filter((o) => o.allowedValues.length > 0)
    .map((o) => ({ name: o.name, values: o.allowedValues.map((text) => evaluateFeel(text, {}).value) }));
  const keyOf = (rule: RuleOutcome): number[] =>
    ranked.map(({ name, values }) => {
      const position = values.findIndex((v) => feelEqual(v, rule.values[name] ?? null));
      return position < 0 ? values.length : position;
    });
  const keyed = matched.map((rule) => ({ rule, key: keyOf(rule) }));
  keyed.sort((a, b) => {
    for (let i = 0; i < a.key.length; i++) {
      const diff = (a.key[i] ?? 0) - (b.key[i] ?? 0);
      if (diff !== 0) return diff;
    }
    return 0;
  });
  return keyed.map((k) => k.rule);
}

function sameOutputs(a: Values, b: Values): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => feelEqual(a[k] ?? null, b[k] ?? null) || (a[k] === null && b[k] === null));
}

/** The rules whose outputs make up the result, in result order (DMN 1.3, 8.2.11). */
function selectRules(decisionId: string, table: DecisionTable, rules: RuleOutcome[]): RuleOutcome[] {
  const matched = rules.filter((r) => r.evaluation.matched);
  switch (table.hitPolicy) {
    case 'UNIQUE':
      if (matched.length > 1) {
        throw new DecisionError(
          `Beslissing „${decisionId}”: de regels ${ruleList(matched)} zijn allemaal van toepassing, maar de hit policy UNIQUE laat maar één regel toe. De regels van de tabel overlappen en moeten aangepast worden.`,
          decisionId,
          rules.map((r) => r.evaluation),
        );
      }
      return matched;
    case 'FIRST':
      return matched.slice(0, 1);
    case 'PRIORITY':
      return sortByOutputPriority(table, matched).slice(0, 1);
    case 'ANY': {
      const first = matched[0];
      const differing = matched.filter((r) => first && !sameOutputs(r.values, first.values));
      if (first && differing.length > 0) {
        throw new DecisionError(
          `Beslissing „${decisionId}”: de regels ${ruleList(matched)} zijn van toepassing maar geven een verschillende uitkomst, wat de hit policy ANY niet toelaat (regel ${first.evaluation.index} verschilt van regel ${differing[0]!.evaluation.index}).`,
          decisionId,
          rules.map((r) => r.evaluation),
        );
      }
      return matched;
    }
    case 'RULE ORDER':
    case 'COLLECT':
      return matched;
    case 'OUTPUT ORDER':
      return sortByOutputPriority(table, matched);
  }
}

function compareValues(a: FeelValue, b: FeelValue): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  const x = evaluateFeel('if a < b then -1 else if a > b then 1 else 0', { a, b }).value;
  return typeof x === 'number' ? x : NaN;
}

function aggregate(decisionId: string, table: DecisionTable, aggregation: CollectAggregation, selected: RuleOutcome[]): FeelValue {
  if (aggregation === 'COUNT') return selected.length;
  const name = table.outputs[0]?.name ?? '';
  const values = selected.map((r) => r.values[name] ?? null).filter((v) => v !== null);
  if (values.length === 0) return null;
  if (aggregation === 'SUM') {
    if (values.every((v) => typeof v === 'number')) return (values as number[]).reduce((sum, v) => sum + v, 0);
  } else {
    const types = new Set(values.map(feelType));
    const comparable = types.size === 1 && values.every((v, i) => i === 0 || !Number.isNaN(compareValues(v, values[0])));
    if (comparable) {
      const sign = aggregation === 'MIN' ? -1 : 1;
      return values.reduce((best, v) => (compareValues(v, best) * sign > 0 ? v : best));
    }
  }
  const what = aggregation === 'SUM' ? 'getallen' : 'waarden van één soort die te vergelijken zijn';
  throw new DecisionError(
    `Beslissing „${decisionId}”: de uitkomsten van de regels ${ruleList(selected)} kunnen niet samengevoegd worden met ${aggregation}, want het zijn geen ${what}.`,
    decisionId,
  );
}

export interface HitResult extends Pick<TableEvaluation, 'matchedRules' | 'outputs'> {
  /** The table's value in FEEL (DMN 1.3, 8.2.11): one column → its value, several → a context; multi-hit → a list. */
  value: FeelValue;
}

/**
 * Applies the table's hit policy to the evaluated rules and shapes the result. `defaults` gives the default
 * output entries, asked for only when no rule matched; null when the table has none.
 */
export function applyHitPolicy(decisionId: string, table: DecisionTable, rules: RuleOutcome[], defaults: () => Values | null): HitResult {
  const { hitPolicy, aggregation, outputs: columns } = table;
  const selected = selectRules(decisionId, table, rules);
  const matchedRules = selected.map((r) => ({ ruleId: r.evaluation.ruleId, index: r.evaluation.index, outputs: r.evaluation.outputs }));
  const valueOf = (values: Values): FeelValue => (columns.length === 1 ? (values[columns[0]!.name] ?? null) : values);
  const jsonOf = (values: Values): { [name: string]: JsonValue } => Object.fromEntries(Object.entries(values).map(([k, v]) => [k, toJson(v)]));
  // With no match the default output entries are the result, aggregated or not (DMN 1.3, 8.3.2).
  const fallback = selected.length === 0 ? defaults() : null;

  if (isSingleResult(hitPolicy)) {
    const values = selected[0]?.values ?? fallback;
    return { outputs: values ? jsonOf(values) : null, value: values ? valueOf(values) : null, matchedRules };
  }
  if (hitPolicy === 'COLLECT' && aggregation) {
    const value = fallback ? (fallback[columns[0]?.name ?? ''] ?? null) : aggregate(decisionId, table, aggregation, selected);
    return { outputs: { [columns[0]?.name ?? '']: toJson(value) }, value, matchedRules };
  }
  const list = fallback ? [fallback] : selected.map((r) => r.values);
  return { outputs: list.map(jsonOf), value: list.map(valueOf), matchedRules };
}
