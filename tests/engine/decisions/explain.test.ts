import { expect } from 'chai';
import { evaluateDecision } from '../../../engine/src/decisions/index.js';
import { testInWords } from '../../../engine/src/decisions/words.js';
import { compileTable, type TableSpec } from './helpers.js';

const SUBSIDIE: TableSpec = {
  id: 'subsidie',
  hitPolicy: 'FIRST',
  inputs: [
    ['aantal leden', 'aantalLeden'],
    ['zetel in de gemeente', 'zetelInGemeente'],
    ['soort vereniging', 'soort'],
  ],
  outputs: [
    { name: 'eligible', label: 'subsidiabel' },
    { name: 'amount', label: 'bedrag' },
  ],
  rules: [
    ['klein', ['< 10', 'true', '-'], ['true', '200']],
    ['groot', ['>= 10', 'true', '"sport","cultuur"'], ['true', '500']],
    ['jeugd', ['[1..50]', '-', 'not("jeugd")'], ['true', '100']],
    ['elders', ['-', 'false', '-'], ['false', '0']],
  ],
};

describe('decisions: explanation in Dutch', () => {
  it('says per rule which entries held, with their values, and which did not, and ends with the decision', async () => {
    const result = evaluateDecision(await compileTable(SUBSIDIE), { aantalLeden: 25, zetelInGemeente: true, soort: 'sport' });
    const lines = result.explanation.split('\n');
    expect(lines).to.deep.equal([
      'Regel 1 is niet van toepassing omdat aantal leden (25) niet minder dan 10 is.',
      'Regel 2 is van toepassing: aantal leden (25) is minstens 10, zetel in de gemeente (ja) is waar en soort vereniging („sport”) is „sport” of „cultuur”.',
      'Regel 3 is ook van toepassing: aantal leden (25) is van 1 tot en met 50 en soort vereniging („sport”) is niet „jeugd”; zetel in de gemeente is om het even, maar regel 2 gaat voor.',
      'Regel 4 is niet van toepassing omdat zetel in de gemeente (ja) wel waar is.',
      'Besluit: subsidiabel = ja, bedrag = 500.',
    ]);
  });

  it('says in brief only the rule that decided and the decision, for an agenda', async () => {
    const decided = evaluateDecision(await compileTable(SUBSIDIE), { aantalLeden: 25, zetelInGemeente: true, soort: 'sport' });
    expect(decided.summary.split('\n')).to.deep.equal([
      'Regel 2 is van toepassing: aantal leden (25) is minstens 10, zetel in de gemeente (ja) is waar en soort vereniging („sport”) is „sport” of „cultuur”.',
      'Besluit: subsidiabel = ja, bedrag = 500.',
    ]);
    const none = evaluateDecision(await compileTable(SUBSIDIE), { aantalLeden: null, zetelInGemeente: null, soort: null });
    expect(none.summary).to.equal('Besluit: geen enkele regel is van toepassing, er is geen uitkomst.');
  });

  it('names every entry that failed in a rule', async () => {
    const result = evaluateDecision(await compileTable(SUBSIDIE), { aantalLeden: 60, zetelInGemeente: false, soort: 'jeugd' });
    expect(result.explanation).to.contain(
      'Regel 2 is niet van toepassing omdat zetel in de gemeente (nee) niet waar is en soort vereniging („jeugd”) niet „sport” of „cultuur” is.',
    );
    expect(result.explanation).to.contain('Regel 3 is niet van toepassing omdat aantal leden (60) niet van 1 tot en met 50 is en soort vereniging („jeugd”) wel „jeugd” is.');
    expect(result.explanation).to.contain('Regel 4 is van toepassing: zetel in de gemeente (nee) is niet waar; aantal leden en soort vereniging zijn om het even.');
    expect(result.explanation.split('\n').pop()).to.equal('Besluit: subsidiabel = nee, bedrag = 0.');
  });

  it('says so when no rule applies, and shows a missing value as leeg', async () => {
    const result = evaluateDecision(await compileTable(SUBSIDIE), { aantalLeden: null, zetelInGemeente: null, soort: null });
    expect(result.explanation).to.contain('Regel 1 is niet van toepassing omdat aantal leden (leeg) niet minder dan 10 is en zetel in de gemeente (leeg) niet waar is.');
    expect(result.explanation.split('\n').pop()).to.equal('Besluit: geen enkele regel is van toepassing, er is geen uitkomst.');
  });

  it('lists the values of a multi-result decision and names the aggregation', async () => {
    const base: TableSpec = {
      hitPolicy: 'COLLECT',
      inputs: [['aantal leden', 'n']],
      outputs: [{ name: 'bedrag', label: 'toelage' }],
      rules: [
        ['a', ['> 5'], ['100']],
        ['b', ['-'], ['50']],
      ],
    };
    expect(evaluateDecision(await compileTable(base), { n: 8 }).explanation).to.match(/Besluit: toelage = 100 en 50\.$/);
    const summed = evaluateDecision(await compileTable({ ...base, aggregation: 'SUM' }), { n: 8 });
    expect(summed.explanation).to.match(/Besluit: toelage \(som\) = 150\.$/);
    const empty = evaluateDecision(await compileTable({ ...base, rules: [base.rules[0]!] }), { n: 1 });
    expect(empty.explanation).to.match(/Besluit: geen enkele regel is van toepassing, er is geen uitkomst\.$/);
  });

  describe('unary tests in words', () => {
    const cases: [string, string, string][] = [
      ['>= 10', 'is minstens 10', 'niet minstens 10 is'],
      ['> 10', 'is meer dan 10', 'niet meer dan 10 is'],
      ['<= 10', 'is hoogstens 10', 'niet hoogstens 10 is'],
      ['< 10', 'is minder dan 10', 'niet minder dan 10 is'],
      ['= 10', 'is 10', 'niet 10 is'],
      ['"vzw"', 'is „vzw”', 'niet „vzw” is'],
      ['"a","b","c"', 'is „a”, „b” of „c”', 'niet „a”, „b” of „c” is'],
      ['[1..5]', 'is van 1 tot en met 5', 'niet van 1 tot en met 5 is'],
      [']1..5[', 'is meer dan 1 en minder dan 5', 'niet meer dan 1 en minder dan 5 is'],
      ['< 5, > 10', 'is minder dan 5 of meer dan 10', 'niet minder dan 5 of meer dan 10 is'],
      ['not("a", "b")', 'is noch „a” noch „b”', 'wel „a” of „b” is'],
      ['not(>= 3)', 'is niet minstens 3', 'wel minstens 3 is'],
      ['true', 'is waar', 'niet waar is'],
      ['false', 'is niet waar', 'wel waar is'],
      ['? > 3 and ? < 5', 'voldoet aan ? > 3 and ? < 5', 'niet voldoet aan ? > 3 and ? < 5'],
      ['date("2024-01-01")', 'voldoet aan date("2024-01-01")', 'niet voldoet aan date("2024-01-01")'],
    ];
    for (const [test, held, failed] of cases) {
      it(test, () => expect(testInWords(test)).to.deep.equal({ held, failed }));
    }
    it("'-' and an empty cell are om het even", () => {
      expect(testInWords('-')).to.equal('any');
      expect(testInWords('')).to.equal('any');
    });
  });
});
