import { expect } from 'chai';
import { bpmn, chain, compile, flow, TestCase } from '../helpers.js';
import { completeJobAt, effectsOf, effectsOfType, extensions, ioMapping, multiInstance, taskDefinition, tokensAt } from './helpers.js';

// A FEEL range over text cannot be built: the expression fails, which a corrected variable repairs.
const RANGE = '=for i in 1..aantal return i';

const resolve = (c: TestCase) => effectsOf(c, { type: 'resolve-incident', incidentId: c.state!.incidents[0]!.id });

describe('incidents on leaving an element', () => {
  it('an output mapping that fails raises an incident that retries leaving, and resolves once the variable is fixed', async () => {
    const m = await compile(
      bpmn(`<bpmn:startEvent id="s"/>
        <bpmn:userTask id="t">${extensions(ioMapping({ outputs: [[RANGE, 'reeks']] }))}</bpmn:userTask>
        <bpmn:userTask id="next"/>${chain('s', 't', 'next')}`),
    );
    const c = new TestCase(m).start({ aantal: 'drie' });
    const taskId = c.task('t').id;
    c.complete('t');
    expect(c.status).to.equal('incident');
    const [incident] = c.state!.incidents;
    expect(incident).to.include({ elementId: 't', tokenId: taskId, retry: 'leave' });
    expect(incident!.message).to.match(/the output mapping to "reeks" failed/);
    expect(tokensAt(c, 't').map((t) => t.state)).to.deep.equal(['incident']);
    expect(c.tasks.size, 'the task itself was done').to.equal(0);
    expect(() => c.send({ type: 'complete-task', taskId })).to.throw(/not open/);

    c.send({ type: 'set-variables', variables: { aantal: 3 } });
    const resolved = resolve(c);
    expect(effectsOfType(resolved, 'task-opened').map((e) => e.task.elementId), 'the task is not opened again').to.deep.equal(['next']);
    expect(c.status).to.equal('active');
    expect(c.variables).to.deep.equal({ aantal: 3, reeks: [1, 2, 3] });
    expect(c.completedElements().filter((id) => id === 't')).to.have.length(1);
  });

  it('a retried leave that fails again raises a new incident', async () => {
    const m = await compile(
      bpmn(`<bpmn:startEvent id="s"/>
        <bpmn:userTask id="t">${extensions(ioMapping({ outputs: [[RANGE, 'reeks']] }))}</bpmn:userTask>${chain('s', 't')}`),
    );
    const c = new TestCase(m).start({ aantal: 'drie' }).complete('t');
    const first = c.state!.incidents[0]!.id;
    resolve(c);
    expect(c.status).to.equal('incident');
    expect(c.state!.incidents.map((i) => [i.retry, i.id === first])).to.deep.equal([['leave', false]]);
  });

  it('a job whose output mapping fails is not handed to a worker again when resolved', async () => {
    const m = await compile(
      bpmn(`<bpmn:startEvent id="s"/>
        <bpmn:serviceTask id="job">${extensions(taskDefinition('loket:http'), ioMapping({ outputs: [[RANGE, 'reeks']] }))}</bpmn:serviceTask>
        <bpmn:endEvent id="e"/>${chain('s', 'job', 'e')}`),
    );
    const c = new TestCase(m).start({ aantal: 'twee' });
    completeJobAt(c, 'job', { status: 200 });
    expect(c.state!.incidents.map((i) => i.retry)).to.deep.equal(['leave']);
    c.send({ type: 'set-variables', variables: { aantal: 2 } });
    const resolved = resolve(c);
    expect(effectsOfType(resolved, 'job-created')).to.deep.equal([]);
    expect(c.status).to.equal('completed');
    expect(c.variables).to.deep.equal({ aantal: 2, reeks: [1, 2] });
  });

  it('a subprocess whose output mapping fails keeps the case waiting until resolved', async () => {
    const m = await compile(
      bpmn(`<bpmn:startEvent id="s"/>
        <bpmn:subProcess id="sub">${extensions(ioMapping({ outputs: [[RANGE, 'reeks']] }))}
          <bpmn:startEvent id="ss"/><bpmn:userTask id="inner"/>${chain('ss', 'inner')}
        </bpmn:subProcess>
        <bpmn:userTask id="after"/>${chain('s', 'sub', 'after')}`),
    );
    const c = new TestCase(m).start({ aantal: 'x' }).complete('inner');
    expect(c.status).to.equal('incident');
    expect(c.state!.incidents[0]).to.include({ elementId: 'sub', retry: 'leave' });
    expect(c.openTaskElements()).to.deep.equal([]);
    c.send({ type: 'set-variables', variables: { aantal: 1 } });
    resolve(c);
    expect(c.openTaskElements()).to.deep.equal(['after']);
    expect(c.variables.reeks).to.deep.equal([1]);
  });

  it('a completion condition that gives no boolean raises an incident on the instance, resolved once repaired', async () => {
    const m = await compile(
      bpmn(`<bpmn:startEvent id="s"/>
        <bpmn:userTask id="review">${multiInstance({ inputCollection: '=[1, 2]', completionCondition: '=klaar' })}</bpmn:userTask>
        <bpmn:userTask id="after"/>${chain('s', 'review', 'after')}`),
    );
    const c = new TestCase(m).start({ klaar: 'misschien' });
    const [first] = tokensAt(c, 'review').filter((t) => t.loopCounter === 1);
    c.send({ type: 'complete-task', taskId: first!.id });
    expect(c.status).to.equal('incident');
    expect(c.state!.incidents[0]).to.include({ elementId: 'review', tokenId: first!.id, retry: 'leave' });
    expect(c.state!.incidents[0]!.message).to.match(/completion condition of review \("klaar"\) gave "misschien"/);

    c.send({ type: 'set-variables', variables: { klaar: true } });
    resolve(c);
    expect(c.status).to.equal('active');
    expect(c.openTaskElements(), 'the condition held, so the second instance ended').to.deep.equal(['after']);
  });
});

describe('incidents inside a subprocess', () => {
  it('keep the subprocess open; resolving moves on inside it and then after it', async () => {
    const m = await compile(
      bpmn(`<bpmn:startEvent id="s"/>
        <bpmn:subProcess id="sub">
          <bpmn:startEvent id="ss"/><bpmn:exclusiveGateway id="g"/><bpmn:userTask id="inner"/>
          ${chain('ss', 'g')}${flow('toInner', 'g', 'inner', '=ok')}
        </bpmn:subProcess>
        <bpmn:userTask id="after"/>${chain('s', 'sub', 'after')}`),
    );
    const c = new TestCase(m).start();
    expect(c.status).to.equal('incident');
    expect(tokensAt(c, 'sub').map((t) => t.state)).to.deep.equal(['waiting']);
    c.send({ type: 'set-variables', variables: { ok: true } });
    resolve(c);
    expect(c.openTaskElements()).to.deep.equal(['inner']);
    c.complete('inner');
    expect(c.openTaskElements()).to.deep.equal(['after']);
  });

  it('are cleared with everything else when the case is cancelled', async () => {
    const m = await compile(
      bpmn(`<bpmn:startEvent id="s"/>
        <bpmn:subProcess id="sub"><bpmn:startEvent id="ss"/><bpmn:exclusiveGateway id="g"/><bpmn:userTask id="inner"/>
          ${chain('ss', 'g')}${flow('toInner', 'g', 'inner', '=ok')}</bpmn:subProcess>${chain('s', 'sub')}`),
    );
    const c = new TestCase(m).start().send({ type: 'cancel' });
    expect(c.status).to.equal('terminated');
    expect(c.state!.incidents).to.deep.equal([]);
    expect(c.state!.tokens).to.deep.equal([]);
  });
});
