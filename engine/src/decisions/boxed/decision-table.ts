import { checkExpression, checkUnaryTests, FeelError, isAnyInput, testFeel, toJson, type JsonValue } from '../../expressions/feel.js';
import type { FeelValue } from '../../expressions/feel-values.js';
import { withImplicitInput } from '../../expressions/unary-tests.js';
import { DecisionError } from '../errors.js';
import { splitTopLevel } from '../feel-text.js';
import { applyHitPolicy, type RuleOutcome } from '../hit-policy.js';
import { coerce } from '../item-types.js';
import type { ProblemCode } from '../../model/types.js';
import type { DmnDecisionTable } from '../parse.js';
import type { CollectAggregation, CompiledExpression, DecisionInput, DecisionOutput, DecisionRule, DecisionTable, HitPolicy, EvaluationScope } from '../types.js';
import { runFeel, type CompileContext } from './compile-context.js';

const HIT_POLICIES: readonly HitPolicy[] = ['UNIQUE', 'FIRST', 'PRIORITY', 'ANY', 'RULE ORDER', 'OUTPUT ORDER', 'COLLECT'];
const AGGREGATIONS: readonly CollectAggregation[] = ['SUM', 'MIN', 'MAX', 'COUNT'];

function isHitPolicy(value: string): value is HitPolicy {
  return (HIT_POLICIES as readonly string[]).includes(value);
}

function isAggregation(value: string): value is CollectAggregation {
  return (AGGREGATIONS as readonly string[]).includes(value);
}

/** A decision table (DMN 1.3, chapter 8): every rule tested, the hit policy applied, each evaluation recorded. */
export function compileDecisionTable(element: DmnDecisionTable, ctx: CompileContext, decisionName?: string): CompiledExpression | undefined {
  const before = ctx.problems();
  const table = readTable(element, ctx, decisionName);
  if (!table || ctx.problems() > before) return undefined;
  const resultType = element.typeRef ? ctx.types.resolve(element.typeRef, ctx.where) : undefined;
  // The cells as written stay in the table (for explanations); these are the tests as evaluated.
  const tests = table.rules.map((rule) => rule.inputEntries.map((entry) => (isAnyInput(entry) ? entry : withImplicitInput(entry, ctx.names))));
  return {
    kind: 'decision table',
    table,
    evaluate(scope) {
      const value = evaluateTable(ctx, table, tests, scope);
      return resultType ? coerce(value, resultType).value : value;
    },
  };
}

function readTable(element: DmnDecisionTable, ctx: CompileContext, decisionName: string | undefined): DecisionTable | undefined {
  const { where, report } = ctx;
  const hitPolicyText = element.hitPolicy ?? 'UNIQUE';
  const hitPolicy = isHitPolicy(hitPolicyText) ? hitPolicyText : undefined;
  if (!hitPolicy) {
    report(`${where} has an unknown hit policy "${hitPolicyText}" (expected one of ${HIT_POLICIES.join(', ')})`, element.id, {
      code: 'table-hit-policy-unknown',
      params: { hitPolicy: hitPolicyText },
    });
  }

  let aggregation: CollectAggregation | undefined;
  if (element.aggregation !== undefined) {
    if (!isAggregation(element.aggregation)) {
      report(`${where} has an unknown aggregation "${element.aggregation}" (expected one of ${AGGREGATIONS.join(', ')})`, element.id, {
        code: 'table-aggregation-unknown',
        params: { aggregation: element.aggregation },
      });
    } else if (hitPolicy !== 'COLLECT') {
      report(`${where} has aggregation ${element.aggregation}, which only the hit policy COLLECT allows`, element.id, {
        code: 'table-aggregation-not-collect',
        params: { aggregation: element.aggregation },
      });
    } else {
      aggregation = element.aggregation;
    }
  }

  const inputs = (element.input ?? []).map((clause, i): DecisionInput => {
    const id = clause.id ?? `input${i + 1}`;
    const expression = (clause.inputExpression?.text ?? '').trim();
    const label = clause.label?.trim() || expression || id;
    const syntax = checkExpression(expression, ctx.names);
    if (syntax) {
      const coded: ProblemCode = expression === '' ? { code: 'table-input-empty', params: { column: label } } : { code: 'table-input-invalid', params: { column: label, expression } };
      report(`${where}, input column "${label}": ${expression === '' ? 'the input expression is empty' : syntax}`, clause.id, coded);
    }
    const allowedValues = clause.inputValues?.text?.trim() || undefined;
    const allowedSyntax = allowedValues ? checkUnaryTests(allowedValues, ctx.names) : null;
    if (allowedSyntax) {
      report(`${where}, input values of column "${label}": ${allowedSyntax}`, clause.id, { code: 'table-input-values', params: { column: label, values: allowedValues! } });
    }
    const typeRef = clause.inputExpression?.typeRef;
    const type = typeRef ? ctx.types.resolve(typeRef, `${where}, input column "${label}"`) : undefined;
    return { id, label, expression, ...(allowedValues ? { allowedValues } : {}), ...(type ? { type } : {}) };
  });

  const outputs = (element.output ?? []).map((clause, i): DecisionOutput => {
    const id = clause.id ?? `output${i + 1}`;
    const name = clause.name?.trim() || clause.label?.trim() || id;
    const allowedValues = splitTopLevel(clause.outputValues?.text ?? '');
    for (const value of allowedValues) {
      const syntax = checkExpression(value, ctx.names);
      if (syntax) report(`${where}, output values of column "${name}": ${syntax}`, clause.id, { code: 'table-output-values', params: { column: name, value } });
    }
    const defaultEntry = clause.defaultOutputEntry?.text?.trim() || undefined;
    const defaultSyntax = defaultEntry === undefined ? null : checkExpression(defaultEntry, ctx.names);
    if (defaultSyntax) {
      report(`${where}, default output entry of column "${name}": ${defaultSyntax}`, clause.id, { code: 'table-default-output', params: { column: name, entry: defaultEntry! } });
    }
    // A lone unnamed output column is what the decision decides: the table's output label or decision name says it best.
    const single = (element.output ?? []).length === 1 ? element.outputLabel?.trim() || decisionName?.trim() : undefined;
    const label = clause.label?.trim() || clause.name?.trim() || single || id;
    const type = clause.typeRef ? ctx.types.resolve(clause.typeRef, `${where}, output column "${name}"`) : undefined;
    return { id, name, label, allowedValues, ...(defaultEntry === undefined ? {} : { defaultEntry }), ...(type ? { type } : {}) };
  });
  if (outputs.length === 0) report(`${where} has no output column`, element.id, { code: 'table-without-output' });
  const names = outputs.map((o) => o.name);
  for (const name of new Set(names.filter((n, i) => names.indexOf(n) !== i))) {
    report(`${where} has several output columns named "${name}"`, element.id, { code: 'table-output-duplicate', params: { column: name } });
  }

  if ((hitPolicy === 'PRIORITY' || hitPolicy === 'OUTPUT ORDER') && outputs.every((o) => o.allowedValues.length === 0)) {
    report(`${where} uses hit policy ${hitPolicy} but no output column lists its output values, so there is nothing to order the results by`, element.id, {
      code: 'table-order-without-values',
      params: { hitPolicy },
    });
  }
  if (aggregation && outputs.length > 1) {
    report(`${where} aggregates with ${aggregation} but has ${outputs.length} output columns; an aggregation needs exactly one`, element.id, {
      code: 'table-aggregation-outputs',
      params: { aggregation, count: String(outputs.length) },
    });
  }

  const rules = (element.rule ?? []).map((rule, r) => readRule(ctx, rule, r, inputs, outputs));
  if (!hitPolicy) return undefined;
  return { hitPolicy, ...(aggregation ? { aggregation } : {}), inputs, outputs, rules };
}

function readRule(ctx: CompileContext, rule: NonNullable<DmnDecisionTable['rule']>[number], position: number, inputs: DecisionInput[], outputs: DecisionOutput[]): DecisionRule {
  const { where, report } = ctx;
  const id = rule.id ?? `rule${position + 1}`;
  const ruleName = `rule ${id} (row ${position + 1})`;
  const inputEntries = (rule.inputEntry ?? []).map((e) => (e.text ?? '').trim());
  const outputEntries = (rule.outputEntry ?? []).map((e) => (e.text ?? '').trim());
  if (inputEntries.length !== inputs.length) {
    report(`${where}, ${ruleName} has ${inputEntries.length} input entries but the table has ${inputs.length} input columns`, rule.id, {
      code: 'table-rule-inputs',
      params: { row: String(position + 1), entries: String(inputEntries.length), columns: String(inputs.length) },
    });
  }
  if (outputEntries.length !== outputs.length) {
    report(`${where}, ${ruleName} has ${outputEntries.length} output entries but the table has ${outputs.length} output columns`, rule.id, {
      code: 'table-rule-outputs',
      params: { row: String(position + 1), entries: String(outputEntries.length), columns: String(outputs.length) },
    });
  }
  inputEntries.forEach((entry, i) => {
    const syntax = checkUnaryTests(entry, ctx.names);
    const column = inputs[i]?.label ?? String(i + 1);
    if (syntax) report(`${where}, ${ruleName}, input column "${column}": ${syntax}`, rule.id, { code: 'table-cell-test', params: { row: String(position + 1), column, entry } });
  });
  outputEntries.forEach((entry, i) => {
    // An empty output cell gives null, as in Camunda.
    const syntax = entry === '' ? null : checkExpression(entry, ctx.names);
    const column = outputs[i]?.name ?? String(i + 1);
    if (syntax) report(`${where}, ${ruleName}, output column "${column}": ${syntax}`, rule.id, { code: 'table-cell-output', params: { row: String(position + 1), column, entry } });
  });
  const annotations = (rule.annotationEntry ?? []).map((a) => (a.text ?? '').trim()).filter((t) => t !== '');
  const description = rule.description?.trim() || annotations.join('; ') || undefined;
  return { id, inputEntries, outputEntries, ...(description ? { description } : {}) };
}

/** An input column's value: as FEEL has it (for the tests) and as JSON (for the record and the explanation). */
interface InputValue {
  feel: FeelValue;
  json: JsonValue;
}

function evaluateInput(ctx: CompileContext, input: DecisionInput, scope: EvaluationScope): InputValue {
  const raw = runFeel(ctx, input.expression, scope, `de invoer „${input.label}” (${input.expression})`);
  const feel = input.type ? coerce(raw, input.type).value : raw;
  if (input.allowedValues && feel !== null && testFeel(input.allowedValues, feel, scope.variables) !== true) {
    throw new DecisionError(
      `Beslissing „${ctx.ownerId}”: de invoer „${input.label}” is ${JSON.stringify(toJson(feel))}, maar de tabel laat alleen ${input.allowedValues} toe`,
      ctx.ownerId,
    );
  }
  return { feel, json: toJson(feel) };
}

function evaluateRule(ctx: CompileContext, table: DecisionTable, rule: DecisionRule, tests: string[], position: number, inputValues: InputValue[], scope: EvaluationScope): RuleOutcome {
  const index = position + 1;
  const entries = table.inputs.map((input, i) => {
    const test = rule.inputEntries[i] ?? '-';
    const value = inputValues[i] ?? { feel: null, json: null };
    let held: boolean | null;
    try {
      held = testFeel(tests[i] ?? '-', value.feel, scope.variables);
    } catch (err) {
      const reason = err instanceof FeelError ? err.message : String((err as Error)?.message ?? err);
      throw new DecisionError(`Beslissing „${ctx.ownerId}”, regel ${index} (${rule.id}): de test „${test}” op „${input.label}” kon niet uitgevoerd worden: ${reason}`, ctx.ownerId);
    }
    // A test that cannot be decided (null) does not hold, as DMN prescribes.
    return { input: input.label, test, value: value.json, held: held === true };
  });
  const matched = entries.every((e) => e.held);
  const values: Record<string, FeelValue> = {};
  if (matched) {
    table.outputs.forEach((output, i) => {
      const expression = rule.outputEntries[i] ?? '';
      const value = expression === '' ? null : runFeel(ctx, expression, scope, `regel ${index} (${rule.id}), de uitkomst „${output.label}”`);
      values[output.name] = output.type ? coerce(value, output.type).value : value;
    });
  }
  const outputs = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, toJson(v)]));
  return { evaluation: { ruleId: rule.id, index, matched, entries, outputs }, values };
}

/** The outputs of the default output entries, or null when no column has one (columns without one give null). */
function defaultOutputs(ctx: CompileContext, table: DecisionTable, scope: EvaluationScope): Record<string, FeelValue> | null {
  if (table.outputs.every((o) => o.defaultEntry === undefined)) return null;
  const result: Record<string, FeelValue> = {};
  for (const output of table.outputs) {
    const value = output.defaultEntry === undefined ? null : runFeel(ctx, output.defaultEntry, scope, `de standaarduitkomst „${output.label}”`);
    result[output.name] = output.type ? coerce(value, output.type).value : value;
  }
  return result;
}

function evaluateTable(ctx: CompileContext, table: DecisionTable, tests: string[][], scope: EvaluationScope): FeelValue {
  const inputValues = table.inputs.map((input) => evaluateInput(ctx, input, scope));
  const outcomes = table.rules.map((rule, i) => evaluateRule(ctx, table, rule, tests[i] ?? [], i, inputValues, scope));
  const rules = outcomes.map((o) => o.evaluation);
  const result = applyHitPolicy(ctx.ownerId, table, outcomes, () => defaultOutputs(ctx, table, scope));
  const source = scope.trace.callers[scope.trace.callers.length - 1] ?? ctx.ownerId;
  scope.trace.current?.tables.push({ source, table, rules, matchedRules: result.matchedRules, outputs: result.outputs });
  return result.value;
}
