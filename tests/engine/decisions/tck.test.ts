import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import { runTck, type TckOutcome } from './tck/run.js';

/**
 * The DMN TCK (../shared/conformance/dmn-tck, the folders of selection.json) as a ratchet: no category may pass
 * fewer cases than recorded in tck-levels.json. When a change makes more pass, raise the level there, so it stays.
 * `npm run tck` prints the same figures and writes the failures.
 */
const LEVELS = JSON.parse(readFileSync(new URL('tck-levels.json', import.meta.url), 'utf8')) as Record<string, number>;

describe('decisions: the DMN TCK ratchet', function () {
  this.timeout(120_000);
  let outcome: TckOutcome;
  before(async () => {
    outcome = await runTck();
  });

  it('records a level for every category of selection.json', () => {
    expect(Object.keys(LEVELS).sort()).to.deep.equal(outcome.categories.map((c) => c.name).sort());
  });

  for (const [category, level] of Object.entries(LEVELS)) {
    it(`${category}: at least ${level} cases pass`, () => {
      const result = outcome.categories.find((c) => c.name === category)!;
      const failing = outcome.failures.filter((f) => f.category === category).map((f) => `${f.folder}/${f.testCase} ${f.result}: expected ${f.expected}, got ${f.actual}`);
      expect(result.passed, failing.slice(0, 10).join('\n')).to.be.at.least(level);
    });
  }
});
