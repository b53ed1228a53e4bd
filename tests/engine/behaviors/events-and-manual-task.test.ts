import { expect } from 'chai';
import { bpmn, chain, compile, TestCase } from '../helpers.js';

describe('none start and end events, manual task', () => {
  it('runs a case from start to end through a manual task without waiting', async () => {
    const model = await compile(bpmn(`
      <bpmn:startEvent id="s"/>
      <bpmn:manualTask id="m" name="Brief versturen"/>
      <bpmn:endEvent id="e"/>
      ${chain('s', 'm', 'e')}`));
    const c = new TestCase(model).start({ x: 1 });
    expect(c.status).to.equal('completed');
    expect(c.completedElements()).to.deep.equal(['s', 'm', 'e']);
    const types = c.history().map((event) => event.type);
    expect(types[0]).to.equal('instance-started');
    expect(types.at(-1)).to.equal('instance-completed');
    expect(c.variables).to.deep.equal({ x: 1 });
  });

  it('treats an activity without outgoing flows as an implicit end', async () => {
    const model = await compile(bpmn(`<bpmn:startEvent id="s"/><bpmn:manualTask id="m"/>${chain('s', 'm')}`));
    expect(new TestCase(model).start().status).to.equal('completed');
  });

  it('stamps every history event with the time of its step', async () => {
    const model = await compile(bpmn(`<bpmn:startEvent id="s"/><bpmn:endEvent id="e"/>${chain('s', 'e')}`));
    const c = new TestCase(model).start();
    expect(new Set(c.history().map((event) => event.at))).to.deep.equal(new Set(['2026-01-05T09:00:00.000Z']));
  });

  it('starts at the start event the command names, and refuses one that does not exist', async () => {
    const model = await compile(bpmn(`
      <bpmn:startEvent id="s1"/><bpmn:startEvent id="s2"><bpmn:signalEventDefinition signalRef="sig"/></bpmn:startEvent>
      <bpmn:userTask id="t1"/><bpmn:userTask id="t2"/>
      ${chain('s1', 't1')}${chain('s2', 't2')}`, { rootElements: '<bpmn:signal id="sig" name="go"/>' }));
    const c = new TestCase(model).send({ type: 'start', instanceId: 'x', startEventId: 's2' });
    expect(c.openTaskElements()).to.deep.equal(['t2']);
    expect(() => new TestCase(model).send({ type: 'start', instanceId: 'y', startEventId: 'nope' })).to.throw(/no start event nope/);
  });
});
