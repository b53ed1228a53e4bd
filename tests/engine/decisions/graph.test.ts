import { expect } from 'chai';
import { compileDmn, DecisionError, evaluateDecision, type CompiledDecision } from '../../../engine/src/decisions/index.js';
import { DMN13 } from './helpers.js';

async function graph(body: string): Promise<Map<string, CompiledDecision>> {
  const { decisions, problems } = await compileDmn(`<definitions xmlns="${DMN13}" id="g" name="g" namespace="http://loket.test">${body}</definitions>`);
  expect(problems).to.deep.equal([]);
  return new Map(decisions.map((d) => [d.id, d]));
}

const literal = (text: string) => `<literalExpression><text>${text}</text></literalExpression>`;
const needs = (...ids: string[]) => ids.map((id) => `<informationRequirement><requiredDecision href="#${id}"/></informationRequirement>`).join('');
const uses = (...ids: string[]) => ids.map((id) => `<knowledgeRequirement><requiredKnowledge href="#${id}"/></knowledgeRequirement>`).join('');

function thrown(fn: () => unknown): Error {
  try {
    fn();
  } catch (err) {
    return err as Error;
  }
  throw new Error('expected an error');
}

describe('decisions: requirement graphs and boxed expressions', () => {
  it('decides each required decision once, before the decisions that need it', async () => {
    // d needs b and c, both need a: a is evaluated once, first.
    const decisions = await graph(`
      <decision id="a" name="A">${literal('1')}</decision>
      <decision id="b" name="B">${needs('a')}${literal('A + 1')}</decision>
      <decision id="c" name="C">${needs('a')}${literal('A * 10')}</decision>
      <decision id="d" name="D">${needs('b', 'c')}${literal('B + C')}</decision>`);
    const result = evaluateDecision(decisions.get('d')!, {});
    expect(result.value).to.equal(12);
    expect(result.evaluations.map((e) => e.decisionId)).to.deep.equal(['a', 'b', 'c', 'd']);
    expect(result.evaluations[3]!.inputs).to.deep.equal([
      { name: 'B', value: 2 },
      { name: 'C', value: 10 },
    ]);
  });

  it('calls a knowledge model with parameters, recursively, and stops runaway recursion with a clear error', async () => {
    const decisions = await graph(`
      <businessKnowledgeModel id="fac" name="faculteit">
        ${uses('fac')}
        <encapsulatedLogic><formalParameter name="n" typeRef="number"/>${literal('if n &lt;= 1 then 1 else n * faculteit(n - 1)')}</encapsulatedLogic>
      </businessKnowledgeModel>
      <decision id="vijf" name="Vijf">${uses('fac')}${literal('faculteit(5)')}</decision>
      <decision id="eindeloos" name="Eindeloos">${uses('fac')}${literal('faculteit(-1) + faculteit(100000)')}</decision>
      <decision id="verkeerd" name="Verkeerd">${uses('fac')}${literal('faculteit("vijf")')}</decision>`);
    expect(evaluateDecision(decisions.get('vijf')!, {}).value).to.equal(120);
    const err = thrown(() => evaluateDecision(decisions.get('eindeloos')!, {}));
    expect(err).to.be.instanceOf(DecisionError);
    expect(err.message).to.include('faculteit').and.include('genest');
    // An argument of the wrong type makes the call null, and the explanation says why.
    const wrong = evaluateDecision(decisions.get('verkeerd')!, {});
    expect(wrong.value).to.equal(null);
    expect(wrong.explanation).to.include('de waarde voor „n” is geen number');
  });

  it('lets knowledge models call each other (even/odd), building each once per evaluation', async () => {
    const decisions = await graph(`
      <businessKnowledgeModel id="even" name="is even">
        ${uses('oneven')}
        <encapsulatedLogic><formalParameter name="n"/>${literal('if n = 0 then true else is oneven(n - 1)')}</encapsulatedLogic>
      </businessKnowledgeModel>
      <businessKnowledgeModel id="oneven" name="is oneven">
        ${uses('even')}
        <encapsulatedLogic><formalParameter name="n"/>${literal('if n = 0 then false else is even(n - 1)')}</encapsulatedLogic>
      </businessKnowledgeModel>
      <decision id="zeven" name="Zeven">${uses('even')}${literal('is even(7)')}</decision>`);
    expect(evaluateDecision(decisions.get('zeven')!, {}).value).to.equal(false);
  });

  it('evaluates contexts (later entries see earlier ones), lists, relations and function definitions', async () => {
    const decisions = await graph(`
      <decision id="ctx" name="Ctx"><context>
        <contextEntry><variable name="basis"/>${literal('100')}</contextEntry>
        <contextEntry><variable name="verdubbel"/><functionDefinition><formalParameter name="x"/>${literal('x * 2')}</functionDefinition></contextEntry>
        <contextEntry>${literal('verdubbel(basis) + 1')}</contextEntry>
      </context></decision>
      <decision id="lijst" name="Lijst"><list>${literal('1')}${literal('"twee"')}<list>${literal('3')}</list></list></decision>
      <decision id="rel" name="Rel"><relation>
        <column name="naam"/><column name="leden"/>
        <row>${literal('"De Boule"')}${literal('35')}</row>
        <row>${literal('"Vooruit"')}${literal('12')}</row>
      </relation></decision>
      <decision id="som" name="Som">${needs('rel')}${literal('sum(Rel.leden)')}</decision>`);
    expect(evaluateDecision(decisions.get('ctx')!, {}).value).to.equal(201);
    expect(evaluateDecision(decisions.get('lijst')!, {}).value).to.deep.equal([1, 'twee', [3]]);
    expect(evaluateDecision(decisions.get('rel')!, {}).resultValue).to.deep.equal([
      { naam: 'De Boule', leden: 35 },
      { naam: 'Vooruit', leden: 12 },
    ]);
    expect(evaluateDecision(decisions.get('som')!, {}).value).to.equal(47);
  });

  it('binds an invocation by parameter name, and refuses a binding the function does not have', async () => {
    const decisions = await graph(`
      <businessKnowledgeModel id="min" name="verschil">
        <encapsulatedLogic><formalParameter name="a"/><formalParameter name="b"/>${literal('a - b')}</encapsulatedLogic>
      </businessKnowledgeModel>
      <decision id="goed" name="Goed">${uses('min')}<invocation>${literal('verschil')}
        <binding><parameter name="b"/>${literal('3')}</binding><binding><parameter name="a"/>${literal('10')}</binding>
      </invocation></decision>
      <decision id="fout" name="Fout">${uses('min')}<invocation>${literal('verschil')}
        <binding><parameter name="c"/>${literal('3')}</binding>
      </invocation></decision>`);
    expect(evaluateDecision(decisions.get('goed')!, {}).value).to.equal(7);
    expect(thrown(() => evaluateDecision(decisions.get('fout')!, {})).message).to.include('geen parameter „c”');
  });

  it('types inputs and results by item definitions: structures, collections, allowed values', async () => {
    const decisions = await graph(`
      <itemDefinition name="tVereniging">
        <itemComponent name="naam"><typeRef>string</typeRef></itemComponent>
        <itemComponent name="soort"><typeRef>string</typeRef><allowedValues><text>"sport","cultuur"</text></allowedValues></itemComponent>
      </itemDefinition>
      <itemDefinition name="tBedragen" isCollection="true"><typeRef>number</typeRef></itemDefinition>
      <inputData id="i_v" name="Vereniging"><variable name="Vereniging" typeRef="tVereniging"/></inputData>
      <decision id="soort" name="Soort">
        <variable name="Soort" typeRef="string"/>
        <informationRequirement><requiredInput href="#i_v"/></informationRequirement>${literal('Vereniging.soort')}
      </decision>
      <decision id="bedragen" name="Bedragen"><variable name="Bedragen" typeRef="tBedragen"/>${literal('5')}</decision>
      <decision id="een" name="Een"><variable name="Een" typeRef="number"/>${literal('[7]')}</decision>
      <decision id="fout" name="Fout"><variable name="Fout" typeRef="number"/>${literal('"zeven"')}</decision>`);
    expect(evaluateDecision(decisions.get('soort')!, { Vereniging: { naam: 'De Boule', soort: 'sport' } }).value).to.equal('sport');
    const refused = thrown(() => evaluateDecision(decisions.get('soort')!, { Vereniging: { naam: 'De Boule', soort: 'casino' } }));
    expect(refused.message).to.include('„Vereniging”').and.include('tVereniging');
    // An item where a list is wanted becomes a one-item list; a one-item list where an item is wanted, its item.
    expect(evaluateDecision(decisions.get('bedragen')!, {}).value).to.deep.equal([5]);
    expect(evaluateDecision(decisions.get('een')!, {}).value).to.equal(7);
    const fout = evaluateDecision(decisions.get('fout')!, {});
    expect(fout.value).to.equal(null);
    expect(fout.explanation).to.include('is geen number');
  });

  it('invokes a decision service as a function of its input data', async () => {
    const decisions = await graph(`
      <inputData id="i_n" name="n"><variable name="n" typeRef="number"/></inputData>
      <decision id="kwadraat" name="Kwadraat"><informationRequirement><requiredInput href="#i_n"/></informationRequirement>${literal('n * n')}</decision>
      <decisionService id="svc" name="kwadrateer"><outputDecision href="#kwadraat"/><inputData href="#i_n"/></decisionService>
      <decision id="som" name="Som">${uses('svc')}${literal('kwadrateer(3) + kwadrateer(4)')}</decision>`);
    expect(evaluateDecision(decisions.get('som')!, {}).value).to.equal(25);
  });

  it('explains each decision of the graph, and a table in a knowledge model under its name', async () => {
    const decisions = await graph(`
      <businessKnowledgeModel id="bkm" name="Tarieftabel">
        <encapsulatedLogic><formalParameter name="leden"/>
          <decisionTable hitPolicy="UNIQUE"><input label="leden"><inputExpression><text>leden</text></inputExpression></input><output name="tarief"/>
            <rule id="klein"><inputEntry><text>&lt; 10</text></inputEntry><outputEntry><text>50</text></outputEntry></rule>
            <rule id="groot"><inputEntry><text>&gt;= 10</text></inputEntry><outputEntry><text>100</text></outputEntry></rule>
          </decisionTable>
        </encapsulatedLogic>
      </businessKnowledgeModel>
      <decision id="tarief" name="Tarief">${uses('bkm')}${literal('Tarieftabel(aantal)')}</decision>
      <decision id="totaal" name="Totaal">${needs('tarief')}${literal('Tarief * 2')}</decision>`);
    const result = evaluateDecision(decisions.get('totaal')!, { aantal: 12 });
    expect(result.value).to.equal(200);
    expect(result.explanation.split('\n')).to.deep.equal([
      'Beslissing „Tarief”:',
      'Volgens „Tarieftabel”:',
      'Regel 1 is niet van toepassing omdat leden (12) niet minder dan 10 is.',
      'Regel 2 is van toepassing: leden (12) is minstens 10.',
      'Besluit: tarief = 100.',
      'Uitkomst: Tarief = 100.',
      '',
      'Beslissing „Totaal” (op basis van Tarief = 100):',
      'Uitkomst: Totaal = 200.',
    ]);
  });
});
