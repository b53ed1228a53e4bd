import { expect } from 'chai';
import { compileDmn } from '../../../engine/src/decisions/index.js';
import { dmnTable, DMN13, type TableSpec } from './helpers.js';

const VALID: TableSpec = {
  id: 'subsidie',
  name: 'Subsidie',
  hitPolicy: 'UNIQUE',
  inputs: [
    ['Aantal leden', 'aantalLeden'],
    ['Zetel', 'zetel'],
  ],
  outputs: [{ name: 'bedrag', label: 'Bedrag' }],
  rules: [
    ['r1', ['>= 10', 'true'], ['500']],
    ['r2', ['< 10', '-'], ['200']],
  ],
};

function lineOf(xml: string, needle: string): number {
  return xml.slice(0, xml.indexOf(needle)).split('\n').length;
}

describe('decisions: compiling DMN', () => {
  it('compiles a decision table into inputs, outputs and rules', async () => {
    const { decisions, problems } = await compileDmn(dmnTable(VALID));
    expect(problems).to.deep.equal([]);
    expect(decisions.map((d) => ({ id: d.id, name: d.name, table: d.table }))).to.deep.equal([
      {
        id: 'subsidie',
        name: 'Subsidie',
        table: {
          hitPolicy: 'UNIQUE',
          inputs: [
            { id: 'in1', label: 'Aantal leden', expression: 'aantalLeden' },
            { id: 'in2', label: 'Zetel', expression: 'zetel' },
          ],
          outputs: [{ id: 'out1', name: 'bedrag', label: 'Bedrag', allowedValues: [] }],
          rules: [
            { id: 'r1', inputEntries: ['>= 10', 'true'], outputEntries: ['500'] },
            { id: 'r2', inputEntries: ['< 10', '-'], outputEntries: ['200'] },
          ],
        },
      },
    ]);
    expect([...decisions[0]!.graph.decisions.keys()]).to.deep.equal(['subsidie']);
  });

  it('reads output values in order, and names an output after its label or id when it has no name', async () => {
    const xml = dmnTable({ ...VALID, hitPolicy: 'PRIORITY', outputs: [{ name: 'bedrag', values: '"hoog", "laag, of niet"' }] })
      .replace('name="bedrag"', 'label="Bedrag"');
    const { decisions, problems } = await compileDmn(xml);
    expect(problems).to.deep.equal([]);
    expect(decisions[0]!.table!.outputs).to.deep.equal([{ id: 'out1', name: 'Bedrag', label: 'Bedrag', allowedValues: ['"hoog"', '"laag, of niet"'] }]);
  });

  it('reports malformed XML with its line', async () => {
    const xml = dmnTable(VALID).replace('</decisionTable>', '<rule id="open">\n</decisionTable>');
    const { decisions, problems } = await compileDmn(xml);
    expect(decisions).to.deep.equal([]);
    expect(problems).to.have.length.greaterThan(0);
    const notWellFormed = problems.find((p) => p.message.includes('not well-formed'));
    expect(notWellFormed, JSON.stringify(problems)).to.exist;
    expect(notWellFormed!.line).to.equal(lineOf(xml, '</decisionTable>'));
    expect(notWellFormed!.code).to.equal('dmn-not-well-formed');
    expect(notWellFormed!.params!.detail).to.be.a('string').and.not.equal('');
  });

  it('reports XML that is not DMN', async () => {
    const { problems } = await compileDmn('<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"/>');
    expect(problems).to.have.length(1);
    expect(problems[0]!.message).to.contain('not a DMN 1.3 document');
    expect(problems[0]!.code).to.equal('dmn-not-dmn');
  });

  it('reports a FEEL syntax error in a cell, naming the decision, the rule and the column, with the line of the rule', async () => {
    const xml = dmnTable({ ...VALID, rules: [VALID.rules[0]!, ['r2', ['< 10 10', '-'], ['200 +']]] });
    const { decisions, problems } = await compileDmn(xml);
    expect(decisions).to.deep.equal([]);
    expect(problems).to.have.length(2);
    expect(problems[0]).to.include({ decisionId: 'subsidie', elementId: 'r2', line: lineOf(xml, '<rule id="r2"') });
    expect(problems[0]!.message).to.contain('rule r2').and.contain('"Aantal leden"').and.contain('< 10 10');
    expect(problems[1]!.message).to.contain('rule r2').and.contain('output column "bedrag"').and.contain('200 +');
    // Which problem it is, and where in the table, for the modeler to say it in Dutch.
    expect(problems.map(({ code, params }) => ({ code, params }))).to.deep.equal([
      { code: 'table-cell-test', params: { row: '2', column: 'Aantal leden', entry: '< 10 10' } },
      { code: 'table-cell-output', params: { row: '2', column: 'bedrag', entry: '200 +' } },
    ]);
  });

  it('reports a FEEL syntax error in an input expression and empty input expressions', async () => {
    const { problems } = await compileDmn(dmnTable({ ...VALID, inputs: [['Aantal leden', 'aantal +'], ['Zetel', '']] }));
    expect(problems.map((p) => [p.elementId, p.message.includes('input column')])).to.deep.equal([
      ['in1', true],
      ['in2', true],
    ]);
    expect(problems[1]!.message).to.contain('empty');
    expect(problems.map((p) => p.code)).to.deep.equal(['table-input-invalid', 'table-input-empty']);
  });

  it('reports a rule with the wrong number of entries', async () => {
    const { problems } = await compileDmn(dmnTable({ ...VALID, rules: [['kort', ['>= 10'], ['500', '1']]] }));
    expect(problems.map((p) => p.message)).to.deep.equal([
      'decision subsidie, rule kort (row 1) has 1 input entries but the table has 2 input columns',
      'decision subsidie, rule kort (row 1) has 2 output entries but the table has 1 output columns',
    ]);
    expect(problems.map(({ code, params }) => ({ code, params }))).to.deep.equal([
      { code: 'table-rule-inputs', params: { row: '1', entries: '1', columns: '2' } },
      { code: 'table-rule-outputs', params: { row: '1', entries: '2', columns: '1' } },
    ]);
  });

  it('reports an unknown hit policy and aggregation, and aggregations Loket cannot apply', async () => {
    const unknown = await compileDmn(dmnTable({ ...VALID, hitPolicy: 'SOMETIMES' }));
    expect(unknown.problems.map((p) => p.message)).to.deep.equal([
      'decision subsidie has an unknown hit policy "SOMETIMES" (expected one of UNIQUE, FIRST, PRIORITY, ANY, RULE ORDER, OUTPUT ORDER, COLLECT)',
    ]);
    const badAggregation = await compileDmn(dmnTable({ ...VALID, hitPolicy: 'COLLECT', aggregation: 'AVERAGE' }));
    expect(badAggregation.problems[0]!.message).to.contain('unknown aggregation "AVERAGE"');
    const twoOutputs = await compileDmn(dmnTable({ ...VALID, hitPolicy: 'COLLECT', aggregation: 'SUM', outputs: [{ name: 'a' }, { name: 'b' }], rules: [] }));
    expect(twoOutputs.problems[0]!.message).to.contain('aggregates with SUM but has 2 output columns');
    const notCollect = await compileDmn(dmnTable({ ...VALID, hitPolicy: 'FIRST', aggregation: 'SUM' }));
    expect(notCollect.problems[0]!.message).to.contain('only the hit policy COLLECT allows');
    expect([unknown, badAggregation, twoOutputs, notCollect].map(({ problems }) => ({ code: problems[0]!.code, params: problems[0]!.params }))).to.deep.equal([
      { code: 'table-hit-policy-unknown', params: { hitPolicy: 'SOMETIMES' } },
      { code: 'table-aggregation-unknown', params: { aggregation: 'AVERAGE' } },
      { code: 'table-aggregation-outputs', params: { aggregation: 'SUM', count: '2' } },
      { code: 'table-aggregation-not-collect', params: { aggregation: 'SUM' } },
    ]);
  });

  it('reports PRIORITY and OUTPUT ORDER without output values to order by', async () => {
    for (const hitPolicy of ['PRIORITY', 'OUTPUT ORDER']) {
      const { decisions, problems } = await compileDmn(dmnTable({ ...VALID, hitPolicy }));
      expect(decisions, hitPolicy).to.deep.equal([]);
      expect(problems.map((p) => p.message), hitPolicy).to.deep.equal([
        `decision subsidie uses hit policy ${hitPolicy} but no output column lists its output values, so there is nothing to order the results by`,
      ]);
      expect(problems[0]).to.include({ code: 'table-order-without-values' }).and.have.deep.property('params', { hitPolicy });
    }
  });

  it('compiles every kind of boxed expression, refuses a decision without logic, and still compiles the others', async () => {
    const xml = `<definitions xmlns="${DMN13}" id="defs" name="n" namespace="http://loket.test">
  <decision id="berekening" name="Berekening"><literalExpression><text>1 + 1</text></literalExpression></decision>
  <decision id="context" name="Context"><context><contextEntry><variable name="a"/><literalExpression><text>2</text></literalExpression></contextEntry></context></decision>
  <decision id="leeg" name="Leeg"/>
  <decision id="java" name="Java"><functionDefinition kind="Java"><literalExpression><text>1</text></literalExpression></functionDefinition></decision>
</definitions>`;
    const table = dmnTable(VALID);
    const combined = table.replace('</definitions>', xml.split('\n').slice(1, -1).join('\n') + '\n</definitions>');
    const { decisions, problems } = await compileDmn(combined);
    expect(decisions.map((d) => d.id)).to.deep.equal(['subsidie', 'berekening', 'context']);
    expect(problems.map((p) => [p.decisionId, p.message])).to.deep.equal([
      ['leeg', 'decision leeg has no decision logic'],
      ['java', 'decision java is a function of kind Java; Loket runs FEEL functions only'],
    ]);
    expect(problems[0]!.line).to.equal(lineOf(combined, 'id="leeg"'));
    expect(problems[0]!.code).to.equal('decision-without-logic');
  });

  it('refuses a decision that requires what the file does not have, or that requires itself', async () => {
    const missing = dmnTable(VALID).replace('<decisionTable', '<informationRequirement id="ir"><requiredDecision href="#andere"/></informationRequirement>\n<decisionTable');
    const result = await compileDmn(missing);
    expect(result.decisions).to.deep.equal([]);
    expect(result.problems.map((p) => p.message)).to.deep.equal(['subsidie requires andere, which is not in this DMN file']);
    expect(result.problems[0]).to.include({ code: 'requirement-missing' }).and.have.deep.property('params', { required: 'andere' });

    const cycle = `<definitions xmlns="${DMN13}" id="defs" name="n" namespace="http://loket.test">
  <decision id="a" name="A"><informationRequirement><requiredDecision href="#b"/></informationRequirement><literalExpression><text>B</text></literalExpression></decision>
  <decision id="b" name="B"><informationRequirement><requiredDecision href="#a"/></informationRequirement><literalExpression><text>A</text></literalExpression></decision>
</definitions>`;
    const cyclic = await compileDmn(cycle);
    expect(cyclic.decisions).to.deep.equal([]);
    expect(cyclic.problems.map((p) => p.message)).to.deep.equal(['a requires itself: a → b → a']);
    expect(cyclic.problems[0]).to.include({ code: 'requirement-cycle' }).and.have.deep.property('params', { cycle: 'a → b → a' });
  });

  it('reports an empty or broken literal expression, a context entry without a name, a function without a body', async () => {
    const xml = `<definitions xmlns="${DMN13}" id="defs" name="n" namespace="http://loket.test">
  <decision id="leeg" name="Leeg"><literalExpression><text> </text></literalExpression></decision>
  <decision id="kapot" name="Kapot"><literalExpression><text>1 +</text></literalExpression></decision>
  <decision id="ctx" name="Ctx"><context><contextEntry><literalExpression><text>1</text></literalExpression></contextEntry><contextEntry><variable name="b"/><literalExpression><text>2</text></literalExpression></contextEntry></context></decision>
  <businessKnowledgeModel id="bkm" name="Bkm"><encapsulatedLogic/></businessKnowledgeModel>
</definitions>`;
    const { problems } = await compileDmn(xml);
    expect(problems.map(({ decisionId, code, params }) => ({ decisionId, code, params }))).to.deep.equal([
      { decisionId: 'bkm', code: 'function-without-body', params: undefined },
      { decisionId: 'leeg', code: 'expression-empty', params: undefined },
      { decisionId: 'kapot', code: 'expression-invalid', params: { expression: '1 +' } },
      { decisionId: 'ctx', code: 'context-entry-without-name', params: { entry: '1' } },
    ]);
  });

  it('reads default output entries and reports FEEL errors in them', async () => {
    const withDefault = (text: string) => dmnTable(VALID).replace('label="Bedrag">', `label="Bedrag"><defaultOutputEntry><text>${text}</text></defaultOutputEntry>`);
    const good = await compileDmn(withDefault('0'));
    expect(good.decisions[0]!.table!.outputs[0]!.defaultEntry).to.equal('0');
    const bad = await compileDmn(withDefault('0 +'));
    expect(bad.problems.map((p) => [p.elementId, p.message.includes('default output entry of column "bedrag"')])).to.deep.equal([['out1', true]]);
    expect(bad.problems[0]).to.include({ code: 'table-default-output' }).and.have.deep.property('params', { column: 'bedrag', entry: '0 +' });
  });

  it('reports every problem of a file at once', async () => {
    const xml = dmnTable({
      ...VALID,
      hitPolicy: 'OUTPUT ORDER',
      inputs: [['Aantal leden', '(']],
      rules: [
        ['r1', ['>>'], ['500']],
        ['r2', ['-', 'true'], ['200']],
      ],
    });
    const { problems } = await compileDmn(xml);
    expect(problems.map((p) => p.elementId)).to.deep.equal(['in1', 'subsidie_table', 'r1', 'r2']);
  });

  it('reads DMN 1.2 and DMN 1.1 (Camunda 7) files as DMN 1.3', async () => {
    for (const namespace of ['http://www.omg.org/spec/DMN/20180521/MODEL/', 'http://www.omg.org/spec/DMN/20151101/dmn.xsd']) {
      const xml = dmnTable(VALID, namespace).replace('<definitions ', '<definitions xmlns:camunda="http://camunda.org/schema/1.0/dmn" ')
        .replace('<input id="in1"', '<input id="in1" camunda:inputVariable="cellInput"');
      const { decisions, problems } = await compileDmn(xml);
      expect(problems, namespace).to.deep.equal([]);
      expect(decisions.map((d) => d.table!.rules.length), namespace).to.deep.equal([2]);
    }
  });
});
