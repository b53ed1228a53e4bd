import { checkExpression, checkUnaryTests } from '../expressions/feel.js';
import { splitTopLevel } from './feel-text.js';
import { lineOfId, parseDmn, type DmnDecisionElement, type DmnDecisionTable } from './parse.js';
import type { CollectAggregation, CompiledDecision, DecisionInput, DecisionOutput, DecisionRule, DecisionTable, DmnProblem, HitPolicy } from './types.js';

const HIT_POLICIES: readonly HitPolicy[] = ['UNIQUE', 'FIRST', 'PRIORITY', 'ANY', 'RULE ORDER', 'OUTPUT ORDER', 'COLLECT'];
const AGGREGATIONS: readonly CollectAggregation[] = ['SUM', 'MIN', 'MAX', 'COUNT'];

/** What the decision logic kinds Loket cannot evaluate are called in a problem message. */
const UNSUPPORTED_LOGIC: Record<string, string> = {
  'dmn:LiteralExpression': 'a literal expression',
  'dmn:Context': 'a boxed context',
  'dmn:Invocation': 'an invocation',
  'dmn:FunctionDefinition': 'a function definition',
  'dmn:Relation': 'a relation',
  'dmn:List': 'a boxed list',
};

function isHitPolicy(value: string): value is HitPolicy {
  return (HIT_POLICIES as readonly string[]).includes(value);
}

function isAggregation(value: string): value is CollectAggregation {
  return (AGGREGATIONS as readonly string[]).includes(value);
}

/**
 * Parses a DMN file and compiles each of its decisions. Every problem is reported (not only the first);
 * a decision with a problem is left out of `decisions`, so a deployment must be refused when
 * `problems` is not empty.
 */
export async function compileDmn(xml: string): Promise<{ decisions: CompiledDecision[]; problems: DmnProblem[] }> {
  const { definitions, problems } = await parseDmn(xml);
  if (!definitions) return { decisions: [], problems };

  const decisionElements = (definitions.drgElement ?? []).filter((e): e is DmnDecisionElement => e.$type === 'dmn:Decision');
  if (decisionElements.length === 0) problems.push({ message: 'the DMN file contains no decision' });

  const decisions: CompiledDecision[] = [];
  const seenIds = new Set<string>();
  for (const element of decisionElements) {
    const decisionId = element.id ?? '';
    const report = (message: string, elementId?: string): void => {
      const line = lineOfId(xml, elementId ?? decisionId);
      problems.push({ decisionId, ...(elementId ? { elementId } : {}), ...(line ? { line } : {}), message });
    };
    if (!decisionId) {
      problems.push({ message: `decision "${element.name ?? ''}" has no id` });
      continue;
    }
    if (seenIds.has(decisionId)) report(`decision ${decisionId} is defined more than once`);
    seenIds.add(decisionId);

    const requiredDecisions = (element.informationRequirement ?? []).filter((r) => r.requiredDecision);
    if (requiredDecisions.length > 0) {
      const names = requiredDecisions.map((r) => (r.requiredDecision?.href ?? '').replace(/^#/, '')).join(', ');
      report(`decision ${decisionId} requires other decisions (${names}); Loket cannot evaluate decision requirement graphs yet`);
    }

    const logic = element.decisionLogic;
    if (!logic) {
      report(`decision ${decisionId} has no decision logic`);
      continue;
    }
    if (logic.$type !== 'dmn:DecisionTable') {
      const kind = UNSUPPORTED_LOGIC[logic.$type] ?? logic.$type;
      report(`decision ${decisionId} uses ${kind}, which Loket cannot evaluate yet (only decision tables)`);
      continue;
    }
    const before = problems.length;
    const table = compileTable(decisionId, element.name, logic as DmnDecisionTable, report);
    if (table && problems.length === before && requiredDecisions.length === 0) {
      decisions.push({ id: decisionId, name: element.name ?? decisionId, table });
    }
  }
  return { decisions, problems };
}

type Report = (message: string, elementId?: string) => void;

function compileTable(decisionId: string, decisionName: string | undefined, element: DmnDecisionTable, report: Report): DecisionTable | undefined {
  const where = `decision ${decisionId}`;
  const hitPolicyText = element.hitPolicy ?? 'UNIQUE';
  const hitPolicy = isHitPolicy(hitPolicyText) ? hitPolicyText : undefined;
  if (!hitPolicy) report(`${where} has an unknown hit policy "${hitPolicyText}" (expected one of ${HIT_POLICIES.join(', ')})`, element.id);

  let aggregation: CollectAggregation | undefined;
  if (element.aggregation !== undefined) {
    if (!isAggregation(element.aggregation)) {
      report(`${where} has an unknown aggregation "${element.aggregation}" (expected one of ${AGGREGATIONS.join(', ')})`, element.id);
    } else if (hitPolicy !== 'COLLECT') {
      report(`${where} has aggregation ${element.aggregation}, which only the hit policy COLLECT allows`, element.id);
    } else {
      aggregation = element.aggregation;
    }
  }

  const inputs = (element.input ?? []).map((clause, i): DecisionInput => {
    const id = clause.id ?? `input${i + 1}`;
    const expression = (clause.inputExpression?.text ?? '').trim();
    const label = clause.label?.trim() || expression || id;
    const syntax = checkExpression(expression);
    if (syntax) report(`${where}, input column "${label}": ${expression === '' ? 'the input expression is empty' : syntax}`, clause.id);
    return { id, label, expression };
  });

  const outputs = (element.output ?? []).map((clause, i): DecisionOutput => {
    const id = clause.id ?? `output${i + 1}`;
    const name = clause.name?.trim() || clause.label?.trim() || id;
    const allowedValues = splitTopLevel(clause.outputValues?.text ?? '');
    for (const value of allowedValues) {
      const syntax = checkExpression(value);
      if (syntax) report(`${where}, output values of column "${name}": ${syntax}`, clause.id);
    }
    const defaultEntry = clause.defaultOutputEntry?.text?.trim() || undefined;
    const defaultSyntax = defaultEntry === undefined ? null : checkExpression(defaultEntry);
    if (defaultSyntax) report(`${where}, default output entry of column "${name}": ${defaultSyntax}`, clause.id);
    // A lone unnamed output column is what the decision decides: the table's output label or decision name says it best.
    const single = (element.output ?? []).length === 1 ? element.outputLabel?.trim() || decisionName?.trim() : undefined;
    const label = clause.label?.trim() || clause.name?.trim() || single || id;
    return { id, name, label, allowedValues, ...(defaultEntry === undefined ? {} : { defaultEntry }) };
  });
  if (outputs.length === 0) report(`${where} has no output column`, element.id);
  const names = outputs.map((o) => o.name);
  for (const name of new Set(names.filter((n, i) => names.indexOf(n) !== i))) {
    report(`${where} has several output columns named "${name}"`, element.id);
  }

  if ((hitPolicy === 'PRIORITY' || hitPolicy === 'OUTPUT ORDER') && outputs.every((o) => o.allowedValues.length === 0)) {
    report(`${where} uses hit policy ${hitPolicy} but no output column lists its output values, so there is nothing to order the results by`, element.id);
  }
  if (aggregation && outputs.length > 1) {
    report(`${where} aggregates with ${aggregation} but has ${outputs.length} output columns; an aggregation needs exactly one`, element.id);
  }

  const rules = (element.rule ?? []).map((rule, r) => compileRule(where, rule, r, inputs, outputs, report));
  if (!hitPolicy) return undefined;
  return { hitPolicy, ...(aggregation ? { aggregation } : {}), inputs, outputs, rules };
}

function compileRule(
  where: string,
  rule: NonNullable<DmnDecisionTable['rule']>[number],
  position: number,
  inputs: DecisionInput[],
  outputs: DecisionOutput[],
  report: Report,
): DecisionRule {
  const id = rule.id ?? `rule${position + 1}`;
  const ruleName = `rule ${id} (row ${position + 1})`;
  const inputEntries = (rule.inputEntry ?? []).map((e) => (e.text ?? '').trim());
  const outputEntries = (rule.outputEntry ?? []).map((e) => (e.text ?? '').trim());
  if (inputEntries.length !== inputs.length) {
    report(`${where}, ${ruleName} has ${inputEntries.length} input entries but the table has ${inputs.length} input columns`, rule.id);
  }
  if (outputEntries.length !== outputs.length) {
    report(`${where}, ${ruleName} has ${outputEntries.length} output entries but the table has ${outputs.length} output columns`, rule.id);
  }
  inputEntries.forEach((entry, i) => {
    const syntax = checkUnaryTests(entry);
    if (syntax) report(`${where}, ${ruleName}, input column "${inputs[i]?.label ?? i + 1}": ${syntax}`, rule.id);
  });
  outputEntries.forEach((entry, i) => {
    // An empty output cell gives null, as in Camunda.
    const syntax = entry === '' ? null : checkExpression(entry);
    if (syntax) report(`${where}, ${ruleName}, output column "${outputs[i]?.name ?? i + 1}": ${syntax}`, rule.id);
  });
  const description = rule.description?.trim();
  return { id, inputEntries, outputEntries, ...(description ? { description } : {}) };
}
