import { expect } from 'chai';
import { checkExpression, checkUnaryTests, evaluateExpression, testUnary } from '../../../engine/src/index.js';

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
    expect(testUnary('[10..49]', 35, {})).to.equal(true);
    expect(testUnary('-', null, {})).to.equal(true);
  });
});
