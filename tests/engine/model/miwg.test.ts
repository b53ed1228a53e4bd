import { expect } from 'chai';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { compileBpmn } from '../../../engine/src/index.js';

const REFERENCE = fileURLToPath(new URL('../../../../shared/conformance/bpmn-miwg/reference/', import.meta.url));
const models = readdirSync(REFERENCE).filter((name) => name.endsWith('.bpmn')).sort();

// The MIWG reference models use every BPMN element; Loket cannot run most of them yet. What counts here
// is that deploy-time validation reads each model and names every element it refuses, never crashing
// or failing on the file as a whole.
describe('BPMN MIWG reference models at deploy', () => {
  it('has the 21 reference models', () => {
    expect(models).to.have.length(21);
  });

  for (const name of models) {
    it(`${name}: every problem names an element of the model and its line`, async () => {
      const xml = readFileSync(REFERENCE + name, 'utf8').replace(/isExecutable="false"/g, 'isExecutable="true"');
      const { problems } = await compileBpmn(xml, { hasDecision: () => true, hasForm: () => true });
      const elementProblems = problems.filter((problem) => problem.elementId !== undefined);
      for (const problem of elementProblems) {
        expect(xml, problem.message).to.contain(`id="${problem.elementId}"`);
        expect(problem.line, problem.message).to.be.a('number');
        expect(problem.message).not.to.match(/\n/);
      }
      // Problems without an element are parser findings about the file itself (e.g. a vendor extension's unresolved reference).
      for (const problem of problems.filter((p) => p.elementId === undefined)) expect(problem.message).to.match(/unresolved reference|no executable process|cannot be read|unparsable/);
      expect(problems.some((problem) => /encoding/.test(problem.message))).to.equal(false);
    });
  }

  it('refuses the undefined tasks of A.1.0 by name', async () => {
    const { problems } = await compileBpmn(readFileSync(REFERENCE + 'A.1.0.bpmn', 'utf8').replace(/isExecutable="false"/g, 'isExecutable="true"'), {
      hasDecision: () => true,
      hasForm: () => true,
    });
    expect(problems.map((p) => p.message)).to.include.members([
      'Task "Task 1" (_ec59e164-68b4-4f94-98de-ffb1c58a84af) is an element kind Loket cannot execute yet',
    ]);
  });
});
