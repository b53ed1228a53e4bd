import { evaluate } from 'feelin';
import { evaluateExpression, FeelError, testUnary, toJson, type JsonValue, type Variables } from '../expressions/feel.js';
import { DecisionError } from './errors.js';
import { explain } from './explain.js';
import { applyHitPolicy } from './hit-policy.js';
import type { CompiledDecision, DecisionInput, DecisionResult, DecisionRule, RuleEvaluation } from './types.js';



function feelFailure(err: unknown): string {
  return err instanceof FeelError ? err.message : String((err as Error)?.message ?? err);
}

/** An input column's value: as FEEL has it (for the tests) and as JSON (for the record and the explanation). */
interface InputValue {
  feel: unknown;
  json: JsonValue;
}

function evaluateInput(decision: CompiledDecision, input: DecisionInput, variables: Variables): InputValue {
  try {
    // The tests get FEEL's own value: a date turned into JSON text no longer compares with date("...") in a cell.
    const feel = evaluate(input.expression, variables as Record<string, unknown>).value;
    return { feel, json: toJson(feel) };
  } catch (err) {
    throw new DecisionError(
      `Beslissing „${decision.id}”: de invoer „${input.label}” (${input.expression}) kon niet berekend worden: ${feelFailure(err)}`,
      decision.id,
    );
  }
}

function evaluateRule(decision: CompiledDecision, rule: DecisionRule, position: number, inputValues: InputValue[], variables: Variables): RuleEvaluation {
  const index = position + 1;
  const { inputs, outputs } = decision.table;
  const entries = inputs.map((input, i) => {
    const test = rule.inputEntries[i] ?? '-';
    const value = inputValues[i] ?? { feel: null, json: null };
    let held: boolean | null;
    try {
      // testUnary passes the input on to feelin as '?'; a FEEL value is what feelin expects there.
      held = testUnary(test, value.feel as JsonValue, variables);
    } catch (err) {
      throw new DecisionError(
        `Beslissing „${decision.id}”, regel ${index} (${rule.id}): de test „${test}” op „${input.label}” kon niet uitgevoerd worden: ${feelFailure(err)}`,
        decision.id,
      );
    }
    // A test that cannot be decided (null) does not hold, as DMN prescribes.
    return { input: input.label, test, value: value.json, held: held === true };
  });
  const matched = entries.every((e) => e.held);
  const ruleOutputs: { [name: string]: JsonValue } = {};
  if (matched) {
    outputs.forEach((output, i) => {
      const expression = rule.outputEntries[i] ?? '';
      if (expression === '') {
        ruleOutputs[output.name] = null;
        return;
      }
      try {
        ruleOutputs[output.name] = evaluateExpression(expression, variables).value;
      } catch (err) {
        throw new DecisionError(
          `Beslissing „${decision.id}”, regel ${index} (${rule.id}): de uitkomst „${output.label}” kon niet berekend worden: ${feelFailure(err)}`,
          decision.id,
        );
      }
    });
  }
  return { ruleId: rule.id, index, matched, entries, outputs: ruleOutputs };
}

/** The outputs of the default output entries, or null when no column has one (columns without one give null). */
function defaultOutputs(decision: CompiledDecision, variables: Variables): { [name: string]: JsonValue } | null {
  const { outputs } = decision.table;
  if (outputs.every((o) => o.defaultEntry === undefined)) return null;
  const result: { [name: string]: JsonValue } = {};
  for (const output of outputs) {
    try {
      result[output.name] = output.defaultEntry === undefined ? null : evaluateExpression(output.defaultEntry, variables).value;
    } catch (err) {
      throw new DecisionError(
        `Beslissing „${decision.id}”: de standaarduitkomst „${output.label}” kon niet berekend worden: ${feelFailure(err)}`,
        decision.id,
      );
    }
  }
  return result;
}

/** Evaluates a compiled decision table against variables. Pure: same decision and variables, same result. */
export function evaluateDecision(decision: CompiledDecision, variables: Variables): DecisionResult {
  const inputValues = decision.table.inputs.map((input) => evaluateInput(decision, input, variables));
  const rules = decision.table.rules.map((rule, i) => evaluateRule(decision, rule, i, inputValues, variables));
  const { outputs, resultValue, matchedRules } = applyHitPolicy(decision, rules, () => defaultOutputs(decision, variables));
  const decisive = matchedRules.map((r) => r.index);
  return {
    decisionId: decision.id,
    outputs,
    resultValue,
    matchedRules,
    rules,
    explanation: explain(decision, rules, outputs, decisive),
  };
}
