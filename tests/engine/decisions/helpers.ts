import { compileDmn, type CompiledDecision } from '../../../engine/src/decisions/index.js';
import { escapeXml } from '../helpers.js';

export interface TableSpec {
  id?: string;
  name?: string;
  hitPolicy?: string;
  aggregation?: string;
  /** [label, FEEL expression] per input column. */
  inputs: [string, string][];
  outputs: { name: string; label?: string; values?: string; default?: string }[];
  /** [rule id, input entries, output entries] per rule. */
  rules: [string, string[], string[]][];
}

export const DMN13 = 'https://www.omg.org/spec/DMN/20191111/MODEL/';

/** A DMN 1.3 file with one decision table decision, one XML element per line so problems have distinct lines. */
export function dmnTable(spec: TableSpec, namespace = DMN13): string {
  const id = spec.id ?? 'd';
  const attrs = [`hitPolicy="${spec.hitPolicy ?? 'UNIQUE'}"`, spec.aggregation ? `aggregation="${spec.aggregation}"` : ''].join(' ');
  const inputs = spec.inputs.map(
    ([label, expression], i) => `    <input id="in${i + 1}" label="${escapeXml(label)}"><inputExpression><text>${escapeXml(expression)}</text></inputExpression></input>`,
  );
  const outputs = spec.outputs.map(
    (o, i) =>
      `    <output id="out${i + 1}" name="${o.name}"${o.label ? ` label="${escapeXml(o.label)}"` : ''}>` +
      (o.values ? `<outputValues><text>${escapeXml(o.values)}</text></outputValues>` : '') +
      (o.default ? `<defaultOutputEntry><text>${escapeXml(o.default)}</text></defaultOutputEntry>` : '') +
      '</output>',
  );
  const rules = spec.rules.map(
    ([ruleId, ins, outs]) =>
      `    <rule id="${ruleId}">` +
      ins.map((t) => `<inputEntry><text>${escapeXml(t)}</text></inputEntry>`).join('') +
      outs.map((t) => `<outputEntry><text>${escapeXml(t)}</text></outputEntry>`).join('') +
      '</rule>',
  );
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<definitions xmlns="${namespace}" id="defs" name="test" namespace="http://loket.test">`,
    `  <decision id="${id}" name="${escapeXml(spec.name ?? id)}">`,
    `   <decisionTable id="${id}_table" ${attrs}>`,
    ...inputs,
    ...outputs,
    ...rules,
    '   </decisionTable>',
    '  </decision>',
    '</definitions>',
  ].join('\n');
}

/** Compiles a one-table DMN file and fails loudly when it has problems. */
export async function compileTable(spec: TableSpec): Promise<CompiledDecision> {
  const { decisions, problems } = await compileDmn(dmnTable(spec));
  if (problems.length > 0) throw new Error(`unexpected problems: ${JSON.stringify(problems)}`);
  return decisions[0]!;
}
