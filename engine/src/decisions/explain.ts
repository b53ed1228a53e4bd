import type { JsonValue } from '../expressions/feel.js';
import type { CompiledDecision, DecisionResult, RuleEvaluation } from './types.js';
import { formatValue, joinWords, testInWords } from './words.js';

type Entry = RuleEvaluation['entries'][number];

const AGGREGATION_WORDS = { SUM: 'som', MIN: 'minimum', MAX: 'maximum', COUNT: 'aantal' } as const;

function subject(entry: Entry): string {
  return `${entry.input} (${formatValue(entry.value)})`;
}

function ruleName(rule: RuleEvaluation, decision: CompiledDecision): string {
  const description = decision.table.rules[rule.index - 1]?.description;
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

function outputsInWords(decision: CompiledDecision, outputs: { [name: string]: JsonValue }): string {
  const { aggregation } = decision.table;
  return decision.table.outputs
    .filter((o) => o.name in outputs)
    .map((o) => {
      const label = aggregation ? `${o.label} (${AGGREGATION_WORDS[aggregation]})` : o.label;
      return `${label} = ${formatValue(outputs[o.name] ?? null)}`;
    })
    .join(', ');
}

function conclusion(decision: CompiledDecision, outputs: DecisionResult['outputs'], anyMatched: boolean): string {
  const none = 'Besluit: geen enkele regel is van toepassing, er is geen uitkomst.';
  if (outputs === null) return none;
  if (!anyMatched && !decision.table.aggregation) {
    // Only default output entries can give a result without a matching rule.
    const defaults = Array.isArray(outputs) ? outputs[0] : outputs;
    if (!defaults) return none;
    return `Besluit: geen enkele regel is van toepassing, dus geldt de standaarduitkomst: ${outputsInWords(decision, defaults)}.`;
  }
  if (!Array.isArray(outputs)) return `Besluit: ${outputsInWords(decision, outputs)}.`;
  if (outputs.length === 0) return none;
  const columns = decision.table.outputs;
  if (columns.length === 1) {
    const only = columns[0]!;
    return `Besluit: ${only.label} = ${joinWords(outputs.map((o) => formatValue(o[only.name] ?? null)), 'en')}.`;
  }
  return `Besluit: ${outputs.map((o) => `(${outputsInWords(decision, o)})`).join('; ')}.`;
}

/**
 * Says in plain Dutch, one sentence per rule, which input entries held or did not, and what was
 * decided, so a civil servant can put it in a letter. `decisive` are the indexes of the rules that
 * make up the result; a matching rule that is not among them (FIRST, PRIORITY) is said to be overruled.
 */
export function explain(
  decision: CompiledDecision,
  ruleEvaluations: RuleEvaluation[],
  outputs: DecisionResult['outputs'],
  decisive?: number[],
): string {
  const winner = decisive?.[0];
  const sentences = ruleEvaluations.map((rule) => {
    const name = ruleName(rule, decision);
    if (!rule.matched) return `${name} is niet van toepassing ${failedConditions(rule)}.`;
    if (decisive && winner !== undefined && !decisive.includes(rule.index)) {
      return `${name} is ook van toepassing: ${heldConditions(rule)}, maar regel ${winner} gaat voor.`;
    }
    return `${name} is van toepassing: ${heldConditions(rule)}.`;
  });
  if (ruleEvaluations.length === 0) sentences.push('De beslissingstabel heeft geen regels.');
  sentences.push(conclusion(decision, outputs, ruleEvaluations.some((r) => r.matched)));
  return sentences.join('\n');
}
