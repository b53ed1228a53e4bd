import { expect } from 'chai';
import { evaluate } from 'feelin';
import { checkExpression, checkUnaryTests, evaluateExpression, testFeel } from '../../../engine/src/index.js';
import { toJson } from '../../../engine/src/expressions/feel.js';
import { withImplicitInput } from '../../../engine/src/expressions/unary-tests.js';

describe('FEEL checks at deploy', () => {
  it('accepts valid unary tests, including "-" and an empty cell', () => {
    for (const tests of ['< 10', '"a","b"', '[1..5]', 'not(1,2)', '-', '', 'date("2020-01-01")', '? > 3', '>= drempel']) {
      expect(checkUnaryTests(tests), tests).to.equal(null);
    }
  });

  it('refuses unary tests that do not parse, and those that parse but cannot be built ("> > 3")', () => {
    expect(checkUnaryTests('[18..')).to.match(/syntax error/);
    expect(checkUnaryTests('> > 3')).to.match(/"> > 3" is not a valid test/);
  });

  it('refuses an empty or broken expression', () => {
    expect(checkExpression(' ')).to.equal('the expression is empty');
    expect(checkExpression('a +')).to.match(/syntax error at position/);
    expect(checkExpression('a + 1')).to.equal(null);
  });

  it('evaluates to plain JSON and tests values', () => {
    expect(evaluateExpression('{d: date("2026-01-02"), n: 1 + 1}', {}).value).to.deep.equal({ d: '2026-01-02', n: 2 });
    expect(testFeel('[10..49]', 35, {})).to.equal(true);
    expect(testFeel('-', null, {})).to.equal(true);
  });

  it('refuses FEEL text longer than the size budget', () => {
    expect(checkExpression(`1${' + 1'.repeat(6000)}`)).to.match(/characters long; Loket accepts at most 20000/);
  });

  it('parses names with spaces and dots when told the names the model defines', () => {
    expect(checkExpression('decision A 2.1 + 1')).to.match(/syntax error/);
    expect(checkExpression('decision A 2.1 + 1', { 'decision A 2.1': null })).to.equal(null);
  });
});

describe('FEEL unary tests as DMN means them', () => {
  it('compares the input with a plain expression instead of taking the expression as a condition', () => {
    expect(withImplicitInput('Complex.aBoolean', { Complex: null })).to.equal('? in (Complex.aBoolean)');
    expect(withImplicitInput('not(limit.min, limit.max)', { limit: null })).to.equal('not(? in (limit.min), ? in (limit.max))');
    // Literals, comparisons, ranges and tests that use ? stay as written.
    for (const tests of ['"a","b"', '> 5', '[1..10]', '? > 3', 'true', 'null']) expect(withImplicitInput(tests)).to.equal(tests);
    // feelin alone takes `true` for "met" whatever the input; rewritten, an input false does not equal true.
    expect(testFeel('Complex.aBoolean', false, { Complex: { aBoolean: true } })).to.equal(true);
    expect(testFeel(withImplicitInput('Complex.aBoolean', { Complex: null }), false, { Complex: { aBoolean: true } })).to.equal(false);
    expect(testFeel(withImplicitInput('drempels', { drempels: null }), 3, { drempels: [1, 3, 5] })).to.equal(true);
  });
});

describe('FEEL: an expression that is only a variable name', () => {
  // The engine answers these without feelin; feelin's answer is the reference for every kind of value.
  const variables = { afdeling: 'burgerzaken', goedgekeurd: false, bedrag: 1250.5, nul: 0, leeg: '', niets: null, lijst: ['a'], ctx: { x: 1 }, count: 'eigen' };

  for (const text of ['afdeling', ' goedgekeurd ', 'bedrag', 'nul', 'leeg', 'niets', 'lijst', 'ctx', 'ontbreekt', 'count', 'true', 'null', 'not', 'afdeling2']) {
    it(`"${text}" gives what feelin gives`, () => {
      const reference = evaluate(text, variables);
      const ours = evaluateExpression(text, variables);
      expect(ours.value, text).to.deep.equal(toJson(reference.value));
      expect(ours.warnings, text).to.deep.equal(reference.warnings.map((w) => w.message));
    });
  }
});
