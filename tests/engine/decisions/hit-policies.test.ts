import { expect } from 'chai';
import { DecisionError, evaluateDecision, type CompiledDecision } from '../../../engine/src/decisions/index.js';
import { compileTable, type TableSpec } from './helpers.js';

const LEDEN: [string, string] = ['Aantal leden', 'aantalLeden'];
const ZETEL: [string, string] = ['Zetel in de gemeente', 'zetelInGemeente'];

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (err) {
    return err;
  }
  throw new Error('expected an error');
}

describe('decisions: hit policies', () => {
  describe('UNIQUE', () => {
    const spec: TableSpec = {
      hitPolicy: 'UNIQUE',
      inputs: [LEDEN, ZETEL],
      outputs: [{ name: 'subsidiabel' }, { name: 'bedrag' }],
      rules: [
        ['groot', ['>= 10', 'true'], ['true', '500']],
        ['klein', ['< 10', 'true'], ['true', '200']],
        ['elders', ['-', 'false'], ['false', '0']],
      ],
    };

    it('gives the outputs of the one rule that matches, as an object when there are several columns', async () => {
      const result = evaluateDecision(await compileTable(spec), { aantalLeden: 25, zetelInGemeente: true });
      expect(result.decisionId).to.equal('d');
      expect(result.outputs).to.deep.equal({ subsidiabel: true, bedrag: 500 });
      expect(result.resultValue).to.deep.equal({ subsidiabel: true, bedrag: 500 });
      expect(result.matchedRules).to.deep.equal([{ ruleId: 'groot', index: 1, outputs: { subsidiabel: true, bedrag: 500 } }]);
      expect(result.rules.map((r) => r.matched)).to.deep.equal([true, false, false]);
      expect(result.rules[1]!.entries).to.deep.equal([
        { input: 'Aantal leden', test: '< 10', value: 25, held: false },
        { input: 'Zetel in de gemeente', test: 'true', value: true, held: true },
      ]);
      expect(result.rules[1]!.outputs).to.deep.equal({});
    });

    it('evaluates output entries as FEEL over the variables', async () => {
      const decision = await compileTable({ ...spec, rules: [['r', ['-', '-'], ['aantalLeden > 5', 'aantalLeden * 20']]] });
      expect(evaluateDecision(decision, { aantalLeden: 7, zetelInGemeente: null }).outputs).to.deep.equal({ subsidiabel: true, bedrag: 140 });
    });

    it('refuses to decide when rules overlap, naming the decision and the rules', async () => {
      const overlapping = await compileTable({ ...spec, id: 'subsidie', rules: [...spec.rules, ['vijf', ['>= 5', '-'], ['true', '300']]] });
      const err = thrown(() => evaluateDecision(overlapping, { aantalLeden: 25, zetelInGemeente: true }));
      expect(err).to.be.instanceOf(DecisionError);
      expect((err as DecisionError).decisionId).to.equal('subsidie');
      expect((err as DecisionError).message).to.contain('„subsidie”').and.contain('1 (groot)').and.contain('4 (vijf)').and.contain('UNIQUE');
      // Without overlap for these inputs the same table decides.
      expect(evaluateDecision(overlapping, { aantalLeden: 3, zetelInGemeente: true }).resultValue).to.deep.equal({ subsidiabel: true, bedrag: 200 });
    });

    it('gives null when no rule matches (a null input does not hold)', async () => {
      const result = evaluateDecision(await compileTable(spec), { aantalLeden: 25, zetelInGemeente: null });
      expect(result.outputs).to.equal(null);
      expect(result.resultValue).to.equal(null);
      expect(result.matchedRules).to.deep.equal([]);
    });
  });

  describe('FIRST', () => {
    const spec: TableSpec = {
      hitPolicy: 'FIRST',
      inputs: [LEDEN],
      outputs: [{ name: 'categorie' }],
      rules: [
        ['groot', ['>= 100'], ['"groot"']],
        ['middel', ['>= 10'], ['"middel"']],
        ['rest', ['-'], ['"klein"']],
      ],
    };

    it('takes the first matching rule in rule order and gives its bare value for one output column', async () => {
      const result = evaluateDecision(await compileTable(spec), { aantalLeden: 25 });
      expect(result.resultValue).to.equal('middel');
      expect(result.outputs).to.deep.equal({ categorie: 'middel' });
      expect(result.matchedRules).to.deep.equal([{ ruleId: 'middel', index: 2, outputs: { categorie: 'middel' } }]);
      expect(result.rules.filter((r) => r.matched).map((r) => r.ruleId)).to.deep.equal(['middel', 'rest']);
    });

    it('gives null when no rule matches', async () => {
      const decision = await compileTable({ ...spec, rules: spec.rules.slice(0, 2) });
      const result = evaluateDecision(decision, { aantalLeden: 2 });
      expect([result.outputs, result.resultValue, result.matchedRules]).to.deep.equal([null, null, []]);
    });
  });

  describe('PRIORITY', () => {
    const spec: TableSpec = {
      hitPolicy: 'PRIORITY',
      inputs: [LEDEN],
      outputs: [{ name: 'niveau', values: '"hoog","middel","laag"' }, { name: 'code' }],
      rules: [
        ['laag', ['>= 0'], ['"laag"', '"L"']],
        ['hoog', ['>= 50'], ['"hoog"', '"A"']],
        ['middel', ['>= 10'], ['"middel"', '"M"']],
        ['ook-hoog', ['>= 55'], ['"hoog"', '"B"']],
      ],
    };

    it('takes the rule whose output comes first in the output values, not the first rule', async () => {
      const decision = await compileTable(spec);
      const result = evaluateDecision(decision, { aantalLeden: 20 });
      expect(result.resultValue).to.deep.equal({ niveau: 'middel', code: 'M' });
      expect(result.matchedRules.map((r) => r.ruleId)).to.deep.equal(['middel']);
    });

    it('breaks a tie in priority by rule order', async () => {
      const result = evaluateDecision(await compileTable(spec), { aantalLeden: 60 });
      expect(result.outputs).to.deep.equal({ niveau: 'hoog', code: 'A' });
      expect(result.matchedRules).to.deep.equal([{ ruleId: 'hoog', index: 2, outputs: { niveau: 'hoog', code: 'A' } }]);
    });

    it('gives null when no rule matches', async () => {
      const result = evaluateDecision(await compileTable(spec), { aantalLeden: -1 });
      expect([result.outputs, result.resultValue, result.matchedRules]).to.deep.equal([null, null, []]);
    });
  });

  describe('ANY', () => {
    const spec: TableSpec = {
      hitPolicy: 'ANY',
      inputs: [['Leeftijd', 'leeftijd']],
      outputs: [{ name: 'status' }],
      rules: [
        ['meerderjarig', ['>= 18'], ['"volwassen"']],
        ['ouder', ['>= 21'], ['"volwassen"']],
        ['jong', ['< 18'], ['"minderjarig"']],
      ],
    };

    it('accepts several matching rules that agree, and lists them all', async () => {
      const result = evaluateDecision(await compileTable(spec), { leeftijd: 25 });
      expect(result.resultValue).to.equal('volwassen');
      expect(result.matchedRules.map((r) => r.ruleId)).to.deep.equal(['meerderjarig', 'ouder']);
    });

    it('refuses matching rules that disagree', async () => {
      const conflicting = await compileTable({ ...spec, rules: [spec.rules[0]!, ['senior', ['>= 21'], ['"senior"']]] });
      const err = thrown(() => evaluateDecision(conflicting, { leeftijd: 25 }));
      expect(err).to.be.instanceOf(DecisionError);
      expect((err as Error).message).to.contain('ANY').and.contain('1 (meerderjarig)').and.contain('2 (senior)');
    });

    it('gives null when no rule matches', async () => {
      const result = evaluateDecision(await compileTable(spec), { leeftijd: null });
      expect([result.outputs, result.resultValue, result.matchedRules]).to.deep.equal([null, null, []]);
    });
  });

  describe('RULE ORDER and OUTPUT ORDER', () => {
    const rules: TableSpec['rules'] = [
      ['tien', ['>= 10'], ['"A"']],
      ['altijd', ['-'], ['"B"']],
      ['honderd', ['>= 100'], ['"C"']],
    ];

    it('RULE ORDER lists every match in rule order, as bare values for one column', async () => {
      const decision = await compileTable({ hitPolicy: 'RULE ORDER', inputs: [LEDEN], outputs: [{ name: 'code' }], rules });
      const result = evaluateDecision(decision, { aantalLeden: 150 });
      expect(result.resultValue).to.deep.equal(['A', 'B', 'C']);
      expect(result.outputs).to.deep.equal([{ code: 'A' }, { code: 'B' }, { code: 'C' }]);
      expect(result.matchedRules.map((r) => r.index)).to.deep.equal([1, 2, 3]);
      expect(evaluateDecision(decision, { aantalLeden: 15 }).resultValue).to.deep.equal(['A', 'B']);
    });

    it('OUTPUT ORDER sorts the matches by the order of the output values', async () => {
      const decision = await compileTable({ hitPolicy: 'OUTPUT ORDER', inputs: [LEDEN], outputs: [{ name: 'code', values: '"B","C","A"' }], rules });
      const result = evaluateDecision(decision, { aantalLeden: 150 });
      expect(result.resultValue).to.deep.equal(['B', 'C', 'A']);
      expect(result.matchedRules.map((r) => r.ruleId)).to.deep.equal(['altijd', 'honderd', 'tien']);
    });

    it('gives lists of objects for several output columns', async () => {
      const decision = await compileTable({
        hitPolicy: 'OUTPUT ORDER',
        inputs: [LEDEN],
        outputs: [{ name: 'code', values: '"B","A"' }, { name: 'bedrag' }],
        rules: [
          ['a', ['>= 10'], ['"A"', '10']],
          ['b', ['>= 20'], ['"B"', '20']],
        ],
      });
      expect(evaluateDecision(decision, { aantalLeden: 30 }).resultValue).to.deep.equal([
        { code: 'B', bedrag: 20 },
        { code: 'A', bedrag: 10 },
      ]);
    });

    it('gives an empty list when no rule matches', async () => {
      for (const hitPolicy of ['RULE ORDER', 'OUTPUT ORDER', 'COLLECT']) {
        const decision = await compileTable({ hitPolicy, inputs: [LEDEN], outputs: [{ name: 'code', values: '"A","C"' }], rules: [rules[0]!, rules[2]!] });
        const result = evaluateDecision(decision, { aantalLeden: 5 });
        expect([result.outputs, result.resultValue, result.matchedRules], hitPolicy).to.deep.equal([[], [], []]);
      }
    });
  });

  describe('COLLECT', () => {
    const spec = (aggregation?: string): TableSpec => ({
      hitPolicy: 'COLLECT',
      ...(aggregation ? { aggregation } : {}),
      inputs: [LEDEN],
      outputs: [{ name: 'bedrag' }],
      rules: [
        ['basis', ['>= 10'], ['100']],
        ['extra', ['>= 20'], ['50']],
        ['klein', ['[1..4]'], ['10']],
        ['altijd', ['>= 0'], ['5']],
      ],
    });
    let decisions: Record<string, CompiledDecision>;
    before(async () => {
      decisions = {};
      for (const aggregation of ['', 'SUM', 'MIN', 'MAX', 'COUNT']) decisions[aggregation] = await compileTable(spec(aggregation || undefined));
    });

    it('without aggregation lists every match in rule order', () => {
      const result = evaluateDecision(decisions['']!, { aantalLeden: 25 });
      expect(result.resultValue).to.deep.equal([100, 50, 5]);
      expect(result.outputs).to.deep.equal([{ bedrag: 100 }, { bedrag: 50 }, { bedrag: 5 }]);
    });

    it('aggregates SUM, MIN, MAX and COUNT into one value', () => {
      const expected: Record<string, number> = { SUM: 155, MIN: 5, MAX: 100, COUNT: 3 };
      for (const [aggregation, value] of Object.entries(expected)) {
        const result = evaluateDecision(decisions[aggregation]!, { aantalLeden: 25 });
        expect(result.resultValue, aggregation).to.equal(value);
        expect(result.outputs, aggregation).to.deep.equal({ bedrag: value });
        expect(result.matchedRules.map((r) => r.ruleId), aggregation).to.deep.equal(['basis', 'extra', 'altijd']);
      }
    });

    it('COUNT counts matches, also when their outputs are equal', async () => {
      const decision = await compileTable({ ...spec('COUNT'), rules: [['a', ['-'], ['1']], ['b', ['-'], ['1']]] });
      expect(evaluateDecision(decision, { aantalLeden: 1 }).resultValue).to.equal(2);
    });

    it('gives 0 for COUNT and null for SUM, MIN and MAX when no rule matches', () => {
      expect(evaluateDecision(decisions['COUNT']!, { aantalLeden: -1 }).resultValue).to.equal(0);
      for (const aggregation of ['SUM', 'MIN', 'MAX']) {
        const result = evaluateDecision(decisions[aggregation]!, { aantalLeden: -1 });
        expect(result.resultValue, aggregation).to.equal(null);
        expect(result.outputs, aggregation).to.deep.equal({ bedrag: null });
      }
    });

    it('refuses to add up outputs that are not numbers', async () => {
      const decision = await compileTable({ ...spec('SUM'), rules: [['a', ['-'], ['1']], ['b', ['-'], ['"twee"']]] });
      expect(thrown(() => evaluateDecision(decision, { aantalLeden: 1 }))).to.be.instanceOf(DecisionError);
    });

    it('takes MIN and MAX of texts alphabetically', async () => {
      const texts: TableSpec['rules'] = [['a', ['-'], ['"peer"']], ['b', ['-'], ['"appel"']], ['c', ['-'], ['"zuurtje"']]];
      expect(evaluateDecision(await compileTable({ ...spec('MIN'), rules: texts }), { aantalLeden: 1 }).resultValue).to.equal('appel');
      expect(evaluateDecision(await compileTable({ ...spec('MAX'), rules: texts }), { aantalLeden: 1 }).resultValue).to.equal('zuurtje');
    });
  });

  describe('default output entries', () => {
    const spec = (hitPolicy: string): TableSpec => ({
      hitPolicy,
      inputs: [LEDEN],
      outputs: [{ name: 'status', label: 'Status', default: '"afgewezen"' }, { name: 'bedrag', label: 'Bedrag' }],
      rules: [['groot', ['>= 10'], ['"toegekend"', 'aantalLeden * 10']]],
    });

    it('give the result when no rule matches, and columns without a default give null', async () => {
      const result = evaluateDecision(await compileTable(spec('UNIQUE')), { aantalLeden: 3 });
      expect(result.outputs).to.deep.equal({ status: 'afgewezen', bedrag: null });
      expect(result.matchedRules).to.deep.equal([]);
      expect(result.explanation.split('\n').pop()).to.equal(
        'Besluit: geen enkele regel is van toepassing, dus geldt de standaarduitkomst: Status = „afgewezen”, Bedrag = leeg.',
      );
      const list = evaluateDecision(await compileTable(spec('RULE ORDER')), { aantalLeden: 3 });
      expect(list.resultValue).to.deep.equal([{ status: 'afgewezen', bedrag: null }]);
    });

    it('stand in for an aggregate of no matches too (DMN 1.3, 8.3.2)', async () => {
      const collect = await compileTable({
        hitPolicy: 'COLLECT',
        aggregation: 'MAX',
        inputs: [LEDEN],
        outputs: [{ name: 'extra', label: 'Extra dagen', default: '0' }],
        rules: [['r', ['>= 10'], ['5']]],
      });
      expect(evaluateDecision(collect, { aantalLeden: 3 }).resultValue).to.equal(0);
      expect(evaluateDecision(collect, { aantalLeden: 12 }).resultValue).to.equal(5);
    });

    it('do not apply when a rule matches', async () => {
      expect(evaluateDecision(await compileTable(spec('FIRST')), { aantalLeden: 12 }).resultValue).to.deep.equal({ status: 'toegekend', bedrag: 120 });
    });
  });

  it('tests FEEL dates from an input expression against date literals, and records the date as text', async () => {
    const decision = await compileTable({
      hitPolicy: 'UNIQUE',
      inputs: [['Geboortedatum', 'date(geboortedatum)']],
      outputs: [{ name: 'groep' }],
      rules: [
        ['oud', ['< date("2005-01-01")'], ['"volwassen"']],
        ['jong', ['>= date("2005-01-01")'], ['"jong"']],
      ],
    });
    const result = evaluateDecision(decision, { geboortedatum: '2000-06-15' });
    expect(result.resultValue).to.equal('volwassen');
    expect(result.rules[0]!.entries[0]!.value).to.equal('2000-06-15');
    expect(evaluateDecision(decision, { geboortedatum: '2010-06-15' }).resultValue).to.equal('jong');
  });
});
