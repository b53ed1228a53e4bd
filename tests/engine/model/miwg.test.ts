import { expect } from 'chai';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { compileBpmn } from '../../../engine/src/index.js';

const REFERENCE = fileURLToPath(new URL('../../../../shared/conformance/bpmn-miwg/reference/', import.meta.url));
const models = readdirSync(REFERENCE).filter((name) => name.endsWith('.bpmn')).sort();

// The MIWG reference models use every BPMN element, most without the settings an engine needs (message
// names, job types, FEEL conditions). What counts here is that deploy-time validation reads each model and
// either compiles it or names every element it refuses, never crashing or failing on the file as a whole.
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

  it('runs the undefined tasks of A.1.0 as pass-through, as Zeebe does', async () => {
    const { problems } = await compileBpmn(readFileSync(REFERENCE + 'A.1.0.bpmn', 'utf8').replace(/isExecutable="false"/g, 'isExecutable="true"'), {
      hasDecision: () => true,
      hasForm: () => true,
    });
    expect(problems).to.deep.equal([]);
  });

  it('refuses compensation in C.6.0 by naming each handler and compensate event', async () => {
    const xml = readFileSync(REFERENCE + 'C.6.0.bpmn', 'utf8').replace(/isExecutable="false"/g, 'isExecutable="true"');
    const { processes, problems } = await compileBpmn(xml, { hasDecision: () => true, hasForm: () => true });
    expect(processes).to.have.length(0);
    const messages = problems.map((p) => p.message);
    expect(messages).to.include('ServiceTask "Cancel Hotel" (_3a2f133c-3ae1-4e21-94b5-6e8cf51acd74) is a compensation handler; Loket does not execute compensation');
    expect(messages).to.include('IntermediateThrowEvent "Hotel" (_99bf4db9-3616-4ed1-a0f8-b8175c3fd46f) is a compensate event, which Loket cannot execute');
  });

  it('compiles the models drawn for an executing engine (C.9.1) and refuses the others only for what they lack', async () => {
    const compiled: string[] = [];
    for (const name of models) {
      const xml = readFileSync(REFERENCE + name, 'utf8').replace(/isExecutable="false"/g, 'isExecutable="true"');
      const { processes } = await compileBpmn(xml, { hasDecision: () => true, hasForm: () => true });
      if (processes.length > 0) compiled.push(name);
    }
    expect(compiled).to.include.members(['A.1.0.bpmn', 'A.4.0.bpmn', 'A.4.1.bpmn', 'C.9.1.bpmn']);
  });
});
