import type { JsonValue } from '../expressions/feel.js';
import type { DecisionEvaluation, DecisionTable, RuleEvaluation, TableEvaluation } from './types.js';
import { formatValue, joinWords, testInWords } from './words.js';

type Entry = RuleEvaluation['entries'][number];

const AGGREGATION_WORDS = { SUM: 'som', MIN: 'minimum', MAX: 'maximum', COUNT: 'aantal' } as const;

function subject(entry: Entry): string {
  return `${entry.input} (${formatValue(entry.value)})`;
}

function ruleName(rule: RuleEvaluation, table: DecisionTable): string {
  const description = table.rules[rule.index - 1]?.description;
  return description ? `Regel ${rule.index} (${description})` : `Regel ${rule.index}`;
}

/** "aantal leden (25) is minstens 10, zetel in de gemeente (ja) is waar; soort is om het even" */
function heldConditions(rule: RuleEvaluation): string {
  if (rule.entries.length === 0) return 'de regel heeft geen voorwaarden';
  const held: string[] = [];
  const anyInput: string[] = [];
  for (const entry of rule.entries) {
    const words = testInWords(entry.test);
    if (words === 'any') anyInput.push(entry.input);
    else held.push(`${subject(entry)} ${words.held}`);
  }
  if (held.length === 0) return 'alle voorwaarden zijn om het even';
  const rest = anyInput.length === 0 ? '' : `; ${joinWords(anyInput, 'en')} ${anyInput.length === 1 ? 'is' : 'zijn'} om het even`;
  return `${joinWords(held, 'en')}${rest}`;
}

/** "omdat aantal leden (25) niet minder dan 10 is" */
function failedConditions(rule: RuleEvaluation): string {
  const failed = rule.entries
    .filter((e) => !e.held)
    .map((entry) => {
      const words = testInWords(entry.test);
      return `${subject(entry)} ${words === 'any' ? 'niet te beoordelen was' : words.failed}`;
    });
  return `omdat ${joinWords(failed, 'en')}`;
}

function outputsInWords(table: DecisionTable, outputs: { [name: string]: JsonValue }): string {
  const { aggregation } = table;
  return table.outputs
    .filter((o) => o.name in outputs)
    .map((o) => {
      const label = aggregation ? `${o.label} (${AGGREGATION_WORDS[aggregation]})` : o.label;
      return `${label} = ${formatValue(outputs[o.name] ?? null)}`;
    })
    .join(', ');
}

function conclusion(evaluation: TableEvaluation): string {
  const { table, outputs } = evaluation;
  const none = 'Besluit: geen enkele regel is van toepassing, er is geen uitkomst.';
  if (outputs === null) return none;
  if (!evaluation.rules.some((r) => r.matched) && !table.aggregation) {
    // Only default output entries can give a result without a matching rule.
    const defaults = Array.isArray(outputs) ? outputs[0] : outputs;
    if (!defaults) return none;
    return `Besluit: geen enkele regel is van toepassing, dus geldt de standaarduitkomst: ${outputsInWords(table, defaults)}.`;
  }
  if (!Array.isArray(outputs)) return `Besluit: ${outputsInWords(table, outputs)}.`;
  if (outputs.length === 0) return none;
  const columns = table.outputs;
  if (columns.length === 1) {
    const only = columns[0]!;
    return `Besluit: ${only.label} = ${joinWords(outputs.map((o) => formatValue(o[only.name] ?? null)), 'en')}.`;
  }
  return `Besluit: ${outputs.map((o) => `(${outputsInWords(table, o)})`).join('; ')}.`;
}

/**
 * One sentence per rule, which input entries held or did not, and what the table decided. A matching rule
 * that is not among the decisive ones (FIRST, PRIORITY) is said to be overruled.
 */
export function explainTable(evaluation: TableEvaluation, { brief = false } = {}): string[] {
  const { table } = evaluation;
  const decisive = evaluation.matchedRules.map((r) => r.index);
  const winner = decisive[0];
  // In brief only the rules that decided are named; the outcome always is.
  const rules = brief ? evaluation.rules.filter((rule) => decisive.includes(rule.index)) : evaluation.rules;
  const sentences = rules.map((rule) => {
    const name = ruleName(rule, table);
    if (!rule.matched) return `${name} is niet van toepassing ${failedConditions(rule)}.`;
    if (winner !== undefined && !decisive.includes(rule.index)) {
      return `${name} is ook van toepassing: ${heldConditions(rule)}, maar regel ${winner} gaat voor.`;
    }
    return `${name} is van toepassing: ${heldConditions(rule)}.`;
  });
  if (evaluation.rules.length === 0) sentences.push('De beslissingstabel heeft geen regels.');
  sentences.push(conclusion(evaluation));
  return sentences;
}

/** What one decision saw, what its tables did, and what it decided. */
function explainDecision(evaluation: DecisionEvaluation, alone: boolean, brief = false): string[] {
  const lines: string[] = [];
  if (!alone) {
    const seen = evaluation.inputs.map((i) => `${i.name} = ${formatValue(i.value)}`);
    lines.push(`Beslissing „${evaluation.name}”${seen.length > 0 ? ` (op basis van ${joinWords(seen, 'en')})` : ''}:`);
  }
  for (const table of evaluation.tables) {
    if (table.source !== evaluation.decisionId) lines.push(`Volgens „${table.source}”:`);
    lines.push(...explainTable(table, { brief }));
  }
  const own = evaluation.tables.some((t) => t.source === evaluation.decisionId);
  if (!own) lines.push(`Uitkomst: ${evaluation.name} = ${formatValue(evaluation.value)}.`);
  for (const note of evaluation.notes) lines.push(`Let op: ${note}.`);
  return lines;
}

/**
 * Says in plain Dutch what each decision of the graph did, required decisions first, so a civil servant can
 * put it in a letter: per decision table one sentence per rule, which input entries held and which did not.
 * A decision evaluated alone reads without a heading.
 */
export function explain(evaluations: DecisionEvaluation[]): string {
  if (evaluations.length === 1) return explainDecision(evaluations[0]!, true).join('\n');
  return evaluations.map((e) => explainDecision(e, false).join('\n')).join('\n\n');
}

/**
 * The short form, for an agenda or the first lines of a letter: of the decision itself only the rules that
 * decided and the outcome.
 */
export function summarize(evaluations: DecisionEvaluation[]): string {
  const own = evaluations[evaluations.length - 1];
  return own ? explainDecision(own, true, true).join('\n') : '';
}
