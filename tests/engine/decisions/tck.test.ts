import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import { compileDmn, evaluateDecision } from '../../../engine/src/decisions/index.js';
import { readTckCases } from './tck-reader.js';

/** The DMN TCK (dmn-tck/tck, DMN 1.3) checked out beside the repo; see shared/conformance/dmn-tck/PROVENANCE.md. */
const TCK = new URL('../../../../shared/conformance/dmn-tck/TestCases/compliance-level-2/', import.meta.url);

/** The compliance level 2 cases whose model is one decision table over plain input data. */
const CASES = [
  '0004-simpletable-U',
  '0005-simpletable-A',
  '0006-simpletable-P1',
  '0007-simpletable-P2',
  '0010-multi-output-U',
  '0108-first-hitpolicy',
  '0109-ruleOrder-hitpolicy',
  '0110-outputOrder-hitpolicy',
  '0111-first-hitpolicy-singleoutputcol',
  '0112-ruleOrder-hitpolicy-singleinoutcol',
  '0113-outputOrder-hitpolicy-singleinoutcol',
  '0114-min-collect-hitpolicy',
  '0115-sum-collect-hitpolicy',
  '0116-count-collect-hitpolicy',
  '0117-multi-any-hitpolicy',
  '0118-multi-priority-hitpolicy',
  '0119-multi-collect-hitpolicy',
];

describe('decisions: DMN TCK compliance level 2 decision tables', () => {
  for (const name of CASES) {
    it(name, async () => {
      const folder = new URL(`${name}/`, TCK);
      const { decisions, problems } = await compileDmn(readFileSync(new URL(`${name}.dmn`, folder), 'utf8'));
      expect(problems).to.deep.equal([]);
      const cases = readTckCases(readFileSync(new URL(`${name}-test-01.xml`, folder), 'utf8'));
      expect(cases).to.not.be.empty;
      for (const testCase of cases) {
        for (const result of testCase.results) {
          const decision = decisions.find((d) => d.name === result.name);
          expect(decision, `decision "${result.name}"`).to.exist;
          const label = `${name} test ${testCase.id}`;
          if (result.errorResult) {
            let value: unknown = null;
            try {
              value = evaluateDecision(decision!, testCase.inputs).resultValue;
            } catch {
              value = null;
            }
            expect(value, label).to.equal(null);
          } else {
            expect(evaluateDecision(decision!, testCase.inputs).resultValue, label).to.deep.equal(result.expected);
          }
        }
      }
    });
  }
});
