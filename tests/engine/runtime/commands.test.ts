import { expect } from 'chai';
import { CommandRejected, step } from '../../../engine/src/index.js';
import { bpmn, chain, compile, flow, TestCase } from '../helpers.js';

const twoBranches = () =>
  compile(
    bpmn(`<bpmn:startEvent id="s"/><bpmn:parallelGateway id="fork"/><bpmn:userTask id="a"/><bpmn:userTask id="b"/>
      ${flow('f0', 's', 'fork')}${flow('fa', 'fork', 'a')}${flow('fb', 'fork', 'b')}`),
  );

describe('engine commands', () => {
  it('cancel terminates every open element and closes its tasks', async () => {
    const c = new TestCase(await twoBranches()).start();
    const taskIds = [...c.tasks.keys()];
    c.send({ type: 'cancel', user: 'admin' });
    expect(c.status).to.equal('terminated');
    expect(c.state!.tokens).to.deep.equal([]);
    expect(c.tasks.size).to.equal(0);
    for (const taskId of taskIds) expect(c.effects).to.deep.include({ type: 'task-closed', taskId, reason: 'terminated' });
    const terminated = c.history().filter((e) => e.type === 'element-terminated').map((e) => e.elementId);
    expect(terminated.sort()).to.deep.equal(['a', 'b']);
    expect(c.history().at(-1)).to.include({ type: 'instance-terminated', user: 'admin' });
  });

  it('refuses every command on a case that has ended', async () => {
    const c = new TestCase(await twoBranches()).start().send({ type: 'cancel' });
    for (const command of [{ type: 'cancel' as const }, { type: 'set-variables' as const, variables: { a: 1 } }]) {
      expect(() => c.send(command)).to.throw(CommandRejected, /terminated/);
    }
  });

  it('refuses to start an instance twice and to resolve an unknown incident', async () => {
    const c = new TestCase(await twoBranches()).start();
    expect(() => c.start()).to.throw(CommandRejected, /already started/);
    expect(() => c.send({ type: 'resolve-incident', incidentId: 'nope' })).to.throw(CommandRejected, /not open/);
  });

  it('never changes the state it is given', async () => {
    const model = await compile(bpmn(`<bpmn:startEvent id="s"/><bpmn:userTask id="t"/><bpmn:userTask id="u"/>${chain('s', 't', 'u')}`));
    const context = { now: '2026-01-01T00:00:00.000Z', decision: () => undefined };
    const started = step(model, null, { type: 'start', instanceId: 'i', variables: { a: { b: 1 } } }, context).state;
    const frozen = JSON.stringify(started);
    const taskId = started.tokens[0]!.id;
    const next = step(model, started, { type: 'complete-task', taskId, variables: { a: { b: 2 } } }, context).state;
    expect(JSON.stringify(started)).to.equal(frozen);
    expect(next.scopes.i!.variables).to.deep.equal({ a: { b: 2 } });
  });

  it('gives the same result for the same inputs (deterministic ids and times)', async () => {
    const model = await twoBranches();
    const run = () => new TestCase(model).start().complete('a');
    expect(JSON.stringify(run().effects)).to.equal(JSON.stringify(run().effects));
    expect(run().state).to.deep.equal(run().state);
  });
});
