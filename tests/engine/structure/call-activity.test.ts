import { expect } from 'chai';
import { bpmn, chain, compile, TestCase } from '../helpers.js';
import { effectsOf, effectsOfType, extensions, ioMapping, multiInstance, tokensAt } from './helpers.js';

const calledElement = (processId: string, attributes = '') => `<zeebe:calledElement processId="${processId}" ${attributes}/>`;

/** start → call (call activity) → after (user task), with a catch-all error boundary to `failed` when asked. */
const caller = (called: string, { io = '', errorBoundary = false } = {}) =>
  compile(
    bpmn(
      `<bpmn:startEvent id="s"/>
      <bpmn:callActivity id="call">${extensions(called, io)}</bpmn:callActivity>
      ${errorBoundary ? '<bpmn:boundaryEvent id="onError" attachedToRef="call"><bpmn:errorEventDefinition errorRef="afgewezen"/></bpmn:boundaryEvent><bpmn:userTask id="failed"/>' : ''}
      <bpmn:userTask id="after"/>${chain('s', 'call', 'after')}${errorBoundary ? chain('onError', 'failed') : ''}`,
      { rootElements: errorBoundary ? '<bpmn:error id="afgewezen" errorCode="AFGEWEZEN"/>' : '' },
    ),
  );

const callToken = (c: TestCase) => tokensAt(c, 'call')[0]!;

describe('call activity', () => {
  describe('starting the child case', () => {
    it('asks for the called process with every variable the call activity sees', async () => {
      const m = await caller(calledElement('child'), { io: ioMapping({ inputs: [['=aanvraag.bedrag', 'bedrag']] }) });
      const c = new TestCase(m).start({ aanvraag: { bedrag: 10 }, naam: 'Jan' });
      expect(effectsOfType(c.effects, 'child-requested')).to.deep.equal([
        { type: 'child-requested', tokenId: callToken(c).id, processId: 'child', variables: { aanvraag: { bedrag: 10 }, naam: 'Jan', bedrag: 10 } },
      ]);
      expect(callToken(c).state).to.equal('waiting');
    });

    it('hands the child a copy of the variables, not the case state itself', async () => {
      const c = new TestCase(await caller(calledElement('child'))).start({ aanvraag: { bedrag: 10 } });
      const [requested] = effectsOfType(c.effects, 'child-requested');
      expect(requested!.variables.aanvraag).to.deep.equal({ bedrag: 10 });
      expect(requested!.variables.aanvraag).to.not.equal(c.variables.aanvraag);
    });

    it('passes only the input mappings when propagateAllParentVariables is false', async () => {
      const m = await caller(calledElement('child', 'propagateAllParentVariables="false"'), { io: ioMapping({ inputs: [['=naam', 'aanvrager']] }) });
      const c = new TestCase(m).start({ naam: 'Jan', geheim: 'x' });
      expect(effectsOfType(c.effects, 'child-requested').map((e) => e.variables)).to.deep.equal([{ aanvrager: 'Jan' }]);
    });

    it('evaluates a FEEL process id', async () => {
      const c = new TestCase(await caller(calledElement('=&quot;vergunning-&quot; + soort'))).start({ soort: 'kap' });
      expect(effectsOfType(c.effects, 'child-requested').map((e) => e.processId)).to.deep.equal(['vergunning-kap']);
    });

    it('raises an incident when the called process cannot be started, and asks again when resolved', async () => {
      const c = new TestCase(await caller(calledElement('child'))).start();
      c.send({ type: 'child-failed', tokenId: callToken(c).id, message: 'process child is not deployed' });
      expect(c.status).to.equal('incident');
      expect(c.state!.incidents[0]).to.include({ elementId: 'call', message: 'process child is not deployed' });
      const resolved = effectsOf(c, { type: 'resolve-incident', incidentId: c.state!.incidents[0]!.id });
      expect(effectsOfType(resolved, 'child-requested')).to.have.length(1);
      expect(c.status).to.equal('active');
    });
  });

  describe('when the child case ends', () => {
    it('leaves with all the child variables on completion', async () => {
      const c = new TestCase(await caller(calledElement('child'))).start({ naam: 'Jan' });
      c.send({ type: 'child-completed', tokenId: callToken(c).id, variables: { naam: 'Jan', besluit: 'toegekend' } });
      expect(c.variables).to.deep.equal({ naam: 'Jan', besluit: 'toegekend' });
      expect(c.openTaskElements()).to.deep.equal(['after']);
      expect(c.completedElements()).to.include('call');
    });

    it('takes only the output mappings when propagateAllChildVariables is false', async () => {
      const m = await caller(calledElement('child', 'propagateAllChildVariables="false"'), { io: ioMapping({ outputs: [['=besluit', 'uitkomst']] }) });
      const c = new TestCase(m).start();
      c.send({ type: 'child-completed', tokenId: callToken(c).id, variables: { besluit: 'toegekend', ruis: 1 } });
      expect(c.variables).to.deep.equal({ uitkomst: 'toegekend' });
      expect(c.openTaskElements()).to.deep.equal(['after']);
    });

    it('takes nothing when propagateAllChildVariables is false and there are no output mappings', async () => {
      const c = new TestCase(await caller(calledElement('child', 'propagateAllChildVariables="false"'))).start({ a: 1 });
      c.send({ type: 'child-completed', tokenId: callToken(c).id, variables: { a: 2, b: 3 } });
      expect(c.variables).to.deep.equal({ a: 1 });
    });

    it('lets an error boundary on the call activity catch the error the child threw', async () => {
      const c = new TestCase(await caller(calledElement('child'), { errorBoundary: true })).start();
      const effects = effectsOf(c, { type: 'child-error', tokenId: callToken(c).id, errorCode: 'AFGEWEZEN', message: 'niet ontvankelijk' });
      expect(c.openTaskElements()).to.deep.equal(['failed']);
      expect(c.status).to.equal('active');
      expect(effectsOfType(effects, 'child-cancelled'), 'the child has ended already').to.deep.equal([]);
    });

    it('raises an incident for an error nothing catches', async () => {
      const c = new TestCase(await caller(calledElement('child'), { errorBoundary: true })).start();
      c.send({ type: 'child-error', tokenId: callToken(c).id, errorCode: 'ANDERS' });
      expect(c.status).to.equal('incident');
      expect(c.state!.incidents[0]!.message).to.match(/"ANDERS" is not caught/);
    });

    it('raises an incident when the child was ended before it completed; resolving starts a new child', async () => {
      const c = new TestCase(await caller(calledElement('child'))).start();
      const tokenId = callToken(c).id;
      c.send({ type: 'child-terminated', tokenId });
      expect(c.status).to.equal('incident');
      expect(c.state!.incidents[0]).to.include({ elementId: 'call', tokenId });
      const resolved = effectsOf(c, { type: 'resolve-incident', incidentId: c.state!.incidents[0]!.id });
      expect(effectsOfType(resolved, 'child-requested').map((e) => e.tokenId)).to.deep.equal([tokenId]);
      c.send({ type: 'child-completed', tokenId, variables: {} });
      expect(c.openTaskElements()).to.deep.equal(['after']);
    });

    it('refuses news of a child for a call activity that no longer waits', async () => {
      const c = new TestCase(await caller(calledElement('child'))).start();
      const tokenId = callToken(c).id;
      c.send({ type: 'child-completed', tokenId, variables: {} });
      expect(() => c.send({ type: 'child-completed', tokenId, variables: {} })).to.throw(/no longer waits/);
      expect(() => c.send({ type: 'child-completed', tokenId: c.task('after').id, variables: {} })).to.throw(/not a call activity/);
    });
  });

  it('cancels the child case when the parent is cancelled', async () => {
    const c = new TestCase(await caller(calledElement('child'))).start();
    const tokenId = callToken(c).id;
    const effects = effectsOf(c, { type: 'cancel' });
    expect(effectsOfType(effects, 'child-cancelled')).to.deep.equal([{ type: 'child-cancelled', tokenId }]);
  });

  it('runs one child per item as a multi-instance, and cancels only those children', async () => {
    const m = await compile(
      bpmn(`<bpmn:startEvent id="s"/>
        <bpmn:callActivity id="call">${extensions(calledElement('child'))}${multiInstance({ inputCollection: '=panden', inputElement: 'pand' })}</bpmn:callActivity>
        <bpmn:userTask id="after"/>${chain('s', 'call', 'after')}`),
    );
    const c = new TestCase(m).start({ panden: ['A', 'B'] });
    const requested = effectsOfType(c.effects, 'child-requested');
    expect(requested.map((e) => e.variables.pand)).to.deep.equal(['A', 'B']);
    const inner = tokensAt(c, 'call').filter((t) => t.loopCounter !== undefined);
    expect(requested.map((e) => e.tokenId)).to.deep.equal(inner.map((t) => t.id));

    const effects = effectsOf(c, { type: 'cancel' });
    expect(effectsOfType(effects, 'child-cancelled').map((e) => e.tokenId)).to.deep.equal(inner.map((t) => t.id));
  });

  describe('a case started by a call activity', () => {
    const parent = { instanceId: 'parent1', tokenId: 'parent1-7' };
    const child = () => compile(bpmn(`<bpmn:startEvent id="s"/><bpmn:userTask id="t"/><bpmn:endEvent id="e"/>${chain('s', 't', 'e')}`));
    const startChild = async () => new TestCase(await child()).send({ type: 'start', instanceId: 'child1', variables: { a: 1 }, parent });

    it('tells its parent it completed, with its variables', async () => {
      const c = await startChild();
      expect(c.state!.parent).to.deep.equal(parent);
      const effects = effectsOf(c, { type: 'complete-task', taskId: c.task('t').id, variables: { b: 2 } });
      expect(effectsOfType(effects, 'parent-notified')).to.deep.equal([
        { type: 'parent-notified', parent, outcome: { type: 'completed', variables: { a: 1, b: 2 } } },
      ]);
      expect(c.status).to.equal('completed');
    });

    it('tells its parent it was terminated when cancelled on its own', async () => {
      const c = await startChild();
      const effects = effectsOf(c, { type: 'cancel', user: 'admin' });
      expect(effectsOfType(effects, 'parent-notified')).to.deep.equal([{ type: 'parent-notified', parent, outcome: { type: 'terminated' } }]);
    });

    it('tells its parent nothing when the parent cancelled it', async () => {
      const c = await startChild();
      const effects = effectsOf(c, { type: 'cancel', byParent: true });
      expect(effectsOfType(effects, 'parent-notified')).to.deep.equal([]);
      expect(c.status).to.equal('terminated');
    });

    it('does not notify a parent it does not have', async () => {
      const c = new TestCase(await child()).start();
      c.complete('t');
      expect(effectsOfType(c.effects, 'parent-notified')).to.deep.equal([]);
    });
  });
});
