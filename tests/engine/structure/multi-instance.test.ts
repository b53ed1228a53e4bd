import { expect } from 'chai';
import type { LoopSettings } from './helpers.js';
import { bpmn, chain, compile, TestCase } from '../helpers.js';
import { effectsOf, effectsOfType, extensions, fireAt, ioMapping, localVariables, multiInstance, timerBoundary, tokensAt } from './helpers.js';

/** start → review (a multi-instance user task) → after. */
const review = (loop: LoopSettings, io = '') =>
  compile(
    bpmn(`<bpmn:startEvent id="s"/>
      <bpmn:userTask id="review">${io ? extensions(io) : ''}${multiInstance(loop)}</bpmn:userTask>
      <bpmn:userTask id="after"/>${chain('s', 'review', 'after')}`),
  );

/** The open tasks of an element, in loop counter order. */
const innerTokens = (c: TestCase, elementId: string) =>
  tokensAt(c, elementId)
    .filter((t) => t.loopCounter !== undefined)
    .sort((a, b) => a.loopCounter! - b.loopCounter!);

const completeInner = (c: TestCase, elementId: string, loopCounter: number, variables = {}) => {
  const token = innerTokens(c, elementId).find((t) => t.loopCounter === loopCounter)!;
  return c.send({ type: 'complete-task', taskId: token.id, variables });
};

const ADVISEURS = ['jan', 'piet', 'klaas'];

describe('multi-instance', () => {
  describe('parallel user task', () => {
    const parallel = () =>
      review(
        { inputCollection: '=adviseurs', inputElement: 'adviseur', outputCollection: 'adviezen', outputElement: '=advies' },
        ioMapping({ inputs: [['=null', 'advies']] }),
      );

    it('opens one task per item, each with its item and loop counter in its own scope', async () => {
      const c = new TestCase(await parallel()).start({ adviseurs: ADVISEURS });
      expect(c.openTaskElements()).to.deep.equal(['review', 'review', 'review']);
      const inner = innerTokens(c, 'review');
      expect(inner.map((t) => localVariables(c, t))).to.deep.equal([
        { loopCounter: 1, adviseur: 'jan', advies: null },
        { loopCounter: 2, adviseur: 'piet', advies: null },
        { loopCounter: 3, adviseur: 'klaas', advies: null },
      ]);
      const [body] = tokensAt(c, 'review').filter((t) => t.body);
      expect(inner.every((t) => t.parentScopeId === body!.id)).to.equal(true);
      expect(localVariables(c, body!)).to.deep.equal({ adviezen: [null, null, null] });
      expect(c.variables).to.deep.equal({ adviseurs: ADVISEURS });
      expect(c.history().filter((e) => e.type === 'element-activated' && e.elementId === 'review').map((e) => e.elementType)).to.deep.equal([
        'multiInstanceBody',
        'userTask',
        'userTask',
        'userTask',
      ]);
    });

    it('collects the output in input order, whatever order the tasks complete in', async () => {
      const c = new TestCase(await parallel()).start({ adviseurs: ADVISEURS });
      completeInner(c, 'review', 3, { advies: 'nee' });
      completeInner(c, 'review', 2, { advies: 'ja' });
      expect(c.openTaskElements()).to.deep.equal(['review']);
      completeInner(c, 'review', 1, { advies: 'misschien' });
      expect(c.openTaskElements()).to.deep.equal(['after']);
      expect(c.variables).to.deep.equal({ adviseurs: ADVISEURS, adviezen: ['misschien', 'ja', 'nee'] });
      expect(Object.keys(c.state!.scopes)).to.deep.equal(['case1']);
      const bodyCompleted = c.history().filter((e) => e.type === 'element-completed' && e.elementType === 'multiInstanceBody');
      expect(bodyCompleted).to.have.length(1);
    });
  });

  it('opens the tasks of a sequential multi-instance one after the other', async () => {
    const m = await review({ inputCollection: '=adviseurs', inputElement: 'adviseur', sequential: true });
    const c = new TestCase(m).start({ adviseurs: ADVISEURS });
    const seen: unknown[] = [];
    for (let round = 1; round <= 3; round++) {
      const inner = innerTokens(c, 'review');
      expect(inner, `round ${round}`).to.have.length(1);
      seen.push(localVariables(c, inner[0]!));
      c.complete('review');
    }
    expect(seen).to.deep.equal([
      { loopCounter: 1, adviseur: 'jan' },
      { loopCounter: 2, adviseur: 'piet' },
      { loopCounter: 3, adviseur: 'klaas' },
    ]);
    expect(c.openTaskElements()).to.deep.equal(['after']);
  });

  describe('completion condition', () => {
    it('ends the other instances once enough have completed (numberOfCompletedInstances)', async () => {
      const m = await review({ inputCollection: '=adviseurs', outputCollection: 'adviezen', outputElement: '=advies', completionCondition: '=numberOfCompletedInstances >= 2' });
      const c = new TestCase(m).start({ adviseurs: ADVISEURS });
      const third = innerTokens(c, 'review')[2]!;
      completeInner(c, 'review', 1, { advies: 'ja' });
      expect(c.openTaskElements()).to.have.length(2);
      const second = innerTokens(c, 'review')[0]!;
      expect(second.loopCounter).to.equal(2);
      const effects = effectsOf(c, { type: 'complete-task', taskId: second.id, variables: { advies: 'nee' } });
      expect(effectsOfType(effects, 'task-closed')).to.deep.equal([
        { type: 'task-closed', taskId: second.id, reason: 'completed' },
        { type: 'task-closed', taskId: third.id, reason: 'terminated' },
      ]);
      expect(c.openTaskElements()).to.deep.equal(['after']);
      expect(c.variables.adviezen).to.deep.equal(['ja', 'nee', null]);
    });

    it('ends the other instances when the condition on the output holds', async () => {
      const m = await review({ inputCollection: '=adviseurs', outputCollection: 'adviezen', outputElement: '=advies', completionCondition: '=advies = "veto"' });
      const c = new TestCase(m).start({ adviseurs: ADVISEURS });
      completeInner(c, 'review', 1, { advies: 'ja' });
      expect(c.openTaskElements()).to.have.length(2);
      completeInner(c, 'review', 2, { advies: 'veto' });
      expect(c.openTaskElements()).to.deep.equal(['after']);
      expect(c.variables.adviezen).to.deep.equal(['ja', 'veto', null]);
      const terminated = c.history().filter((e) => e.type === 'element-terminated');
      expect(terminated.map((e) => [e.elementId, e.elementType])).to.deep.equal([['review', 'userTask']]);
    });

    it('sees numberOfInstances and numberOfActiveInstances', async () => {
      const m = await review({ inputCollection: '=adviseurs', completionCondition: '=numberOfActiveInstances = 1 and numberOfInstances = 3' });
      const c = new TestCase(m).start({ adviseurs: ADVISEURS });
      completeInner(c, 'review', 1);
      expect(c.openTaskElements(), 'two are still active').to.have.length(2);
      completeInner(c, 'review', 2);
      expect(c.openTaskElements()).to.deep.equal(['after']);
    });

    it('ends a sequential multi-instance without starting the rest', async () => {
      const m = await review({ inputCollection: '=adviseurs', sequential: true, completionCondition: '=akkoord' });
      const c = new TestCase(m).start({ adviseurs: ADVISEURS });
      c.complete('review', { akkoord: false }).complete('review', { akkoord: true });
      expect(c.openTaskElements()).to.deep.equal(['after']);
      expect(c.effects.filter((e) => e.type === 'task-opened' && e.task.elementId === 'review')).to.have.length(2);
    });
  });

  it('completes at once over an empty collection, with an empty output collection', async () => {
    const m = await review({ inputCollection: '=adviseurs', outputCollection: 'adviezen', outputElement: '=advies' });
    const c = new TestCase(m).start({ adviseurs: [] });
    expect(c.openTaskElements()).to.deep.equal(['after']);
    expect(c.variables.adviezen).to.deep.equal([]);
    expect(c.effects.filter((e) => e.type === 'task-opened' && e.task.elementId === 'review')).to.deep.equal([]);
  });

  it('raises an incident on the body when the input collection is not a list, and starts once it is', async () => {
    const m = await review({ inputCollection: '=adviseurs', inputElement: 'adviseur' });
    const c = new TestCase(m).start({ adviseurs: 'jan' });
    expect(c.status).to.equal('incident');
    const [incident] = c.state!.incidents;
    expect(incident!.message).to.match(/the input collection of review \("adviseurs"\) is "jan", not a list/);
    expect(incident).to.include({ elementId: 'review', retry: 'activate' });
    expect(tokensAt(c, 'review').map((t) => t.state)).to.deep.equal(['incident']);

    c.send({ type: 'set-variables', variables: { adviseurs: ['jan', 'piet'] } });
    c.send({ type: 'resolve-incident', incidentId: incident!.id });
    expect(c.status).to.equal('active');
    expect(innerTokens(c, 'review').map((t) => localVariables(c, t).adviseur)).to.deep.equal(['jan', 'piet']);
  });

  it('runs a subprocess once per item, each with its own scope', async () => {
    const m = await compile(
      bpmn(`<bpmn:startEvent id="s"/>
        <bpmn:subProcess id="perDocument">
          ${multiInstance({ inputCollection: '=documenten', inputElement: 'document', outputCollection: 'oordelen', outputElement: '=oordeel' })}
          ${extensions(ioMapping({ inputs: [['=null', 'oordeel']] }))}
          <bpmn:startEvent id="ss"/><bpmn:userTask id="check"/><bpmn:endEvent id="se"/>${chain('ss', 'check', 'se')}
        </bpmn:subProcess>
        <bpmn:userTask id="after"/>${chain('s', 'perDocument', 'after')}`),
    );
    const c = new TestCase(m).start({ documenten: ['paspoort', 'loonstrook'] });
    const checks = tokensAt(c, 'check');
    expect(checks).to.have.length(2);
    const seen = checks.map((t) => c.state!.scopes[t.parentScopeId]!.variables);
    expect(seen).to.deep.equal([
      { loopCounter: 1, document: 'paspoort', oordeel: null },
      { loopCounter: 2, document: 'loonstrook', oordeel: null },
    ]);
    c.send({ type: 'complete-task', taskId: checks[1]!.id, variables: { oordeel: 'echt' } });
    expect(c.openTaskElements()).to.deep.equal(['check']);
    c.send({ type: 'complete-task', taskId: checks[0]!.id, variables: { oordeel: 'vals' } });
    expect(c.openTaskElements()).to.deep.equal(['after']);
    expect(c.variables).to.deep.equal({ documenten: ['paspoort', 'loonstrook'], oordelen: ['vals', 'echt'] });
    expect(c.status).to.equal('active');
  });

  it('runs a sequential subprocess one instance after the other', async () => {
    const m = await compile(
      bpmn(`<bpmn:startEvent id="s"/>
        <bpmn:subProcess id="perDocument">
          ${multiInstance({ inputCollection: '=documenten', inputElement: 'document', sequential: true })}
          <bpmn:startEvent id="ss"/><bpmn:userTask id="check"/><bpmn:endEvent id="se"/>${chain('ss', 'check', 'se')}
        </bpmn:subProcess>
        <bpmn:userTask id="after"/>${chain('s', 'perDocument', 'after')}`),
    );
    const c = new TestCase(m).start({ documenten: ['paspoort', 'loonstrook'] });
    const documentOf = () => tokensAt(c, 'check').map((t) => c.state!.scopes[t.parentScopeId]!.variables.document);
    expect(documentOf()).to.deep.equal(['paspoort']);
    c.complete('check');
    expect(documentOf()).to.deep.equal(['loonstrook']);
    c.complete('check');
    expect(c.openTaskElements()).to.deep.equal(['after']);
    expect(c.status).to.equal('active');
  });

  describe('script task', () => {
    const doubling = (loop: Partial<LoopSettings> = {}) =>
      compile(
        bpmn(`<bpmn:startEvent id="s"/>
          <bpmn:scriptTask id="double">
            ${extensions('<zeebe:script expression="=getal * 2" resultVariable="dubbel"/>', ioMapping({ inputs: [['=null', 'dubbel']] }))}
            ${multiInstance({ inputCollection: '=getallen', inputElement: 'getal', outputCollection: 'dubbelen', outputElement: '=dubbel', ...loop })}
          </bpmn:scriptTask>
          <bpmn:userTask id="after"/>${chain('s', 'double', 'after')}`),
      );

    it('runs once per item without waiting, in parallel or in sequence', async () => {
      for (const sequential of [false, true]) {
        const c = new TestCase(await doubling({ sequential })).start({ getallen: [1, 2, 3] });
        expect(c.variables.dubbelen, `sequential: ${sequential}`).to.deep.equal([2, 4, 6]);
        expect(c.openTaskElements()).to.deep.equal(['after']);
        expect(c.state!.tokens.map((t) => t.elementId)).to.deep.equal(['after']);
      }
    });

    it('stops starting instances once the completion condition holds', async () => {
      for (const sequential of [false, true]) {
        const c = new TestCase(await doubling({ sequential, completionCondition: '=dubbel >= 4' })).start({ getallen: [1, 2, 3] });
        expect(c.variables.dubbelen, `sequential: ${sequential}`).to.deep.equal([2, 4, null]);
        expect(c.completedElements().filter((id) => id === 'double'), 'two instances and the body').to.have.length(3);
        expect(c.openTaskElements()).to.deep.equal(['after']);
        expect(c.state!.tokens.map((t) => t.elementId)).to.deep.equal(['after']);
        expect(Object.keys(c.state!.scopes)).to.deep.equal(['case1']);
      }
    });
  });

  it('opens one job per item for a service task, and collects what the worker returns', async () => {
    const m = await compile(
      bpmn(`<bpmn:startEvent id="s"/>
        <bpmn:serviceTask id="notify">
          ${extensions('<zeebe:taskDefinition type="loket:mail"/>', ioMapping({ inputs: [['=null', 'verzonden']] }))}
          ${multiInstance({ inputCollection: '=ontvangers', inputElement: 'ontvanger', outputCollection: 'bewijzen', outputElement: '=verzonden' })}
        </bpmn:serviceTask>
        <bpmn:userTask id="after"/>${chain('s', 'notify', 'after')}`),
    );
    const c = new TestCase(m).start({ ontvangers: ['a@x.nl', 'b@x.nl'] });
    const jobs = effectsOfType(c.effects, 'job-created').map((e) => e.job);
    expect(jobs.map((job) => [job.elementId, job.type])).to.deep.equal([
      ['notify', 'loket:mail'],
      ['notify', 'loket:mail'],
    ]);
    const inner = innerTokens(c, 'notify');
    expect(jobs.map((job) => job.id)).to.deep.equal(inner.map((t) => t.id));
    c.send({ type: 'complete-job', jobId: jobs[1]!.id, variables: { verzonden: 'msg-2' } });
    c.send({ type: 'complete-job', jobId: jobs[0]!.id, variables: { verzonden: 'msg-1' } });
    expect(c.variables.bewijzen).to.deep.equal(['msg-1', 'msg-2']);
    expect(c.openTaskElements()).to.deep.equal(['after']);
  });

  it('lets an error boundary on the body catch an error one job threw, closing the other jobs once', async () => {
    const m = await compile(
      bpmn(
        `<bpmn:startEvent id="s"/>
        <bpmn:serviceTask id="check">${extensions('<zeebe:taskDefinition type="loket:http"/>')}${multiInstance({ inputCollection: '=[1, 2, 3]' })}</bpmn:serviceTask>
        <bpmn:boundaryEvent id="onError" attachedToRef="check"><bpmn:errorEventDefinition errorRef="err"/></bpmn:boundaryEvent>
        <bpmn:userTask id="after"/><bpmn:userTask id="handle"/>${chain('s', 'check', 'after')}${chain('onError', 'handle')}`,
        { rootElements: '<bpmn:error id="err" errorCode="ONBEREIKBAAR"/>' },
      ),
    );
    const c = new TestCase(m).start();
    const jobIds = effectsOfType(c.effects, 'job-created').map((e) => e.job.id);
    const effects = effectsOf(c, { type: 'throw-error', jobId: jobIds[1]!, errorCode: 'ONBEREIKBAAR' });
    expect(effectsOfType(effects, 'job-closed').map((e) => e.jobId).sort()).to.deep.equal([...jobIds].sort());
    expect(c.openTaskElements()).to.deep.equal(['handle']);
    expect(c.state!.tokens.map((t) => t.elementId)).to.deep.equal(['handle']);
  });

  describe('boundary timer on the body', () => {
    const withTimer = () =>
      compile(
        bpmn(`<bpmn:startEvent id="s"/>
          <bpmn:userTask id="review">${multiInstance({ inputCollection: '=adviseurs' })}</bpmn:userTask>
          ${timerBoundary('late', 'review', 'PT72H')}
          <bpmn:userTask id="after"/><bpmn:userTask id="escalate"/>
          ${chain('s', 'review', 'after')}${chain('late', 'escalate')}`),
      );

    it('opens one subscription, owned by the body', async () => {
      const c = new TestCase(await withTimer()).start({ adviseurs: ADVISEURS });
      const [body] = tokensAt(c, 'review').filter((t) => t.body);
      expect(c.state!.subscriptions.map((s) => [s.elementId, s.ownerId])).to.deep.equal([['late', body!.id]]);
      expect(effectsOfType(c.effects, 'subscription-opened')).to.have.length(1);
    });

    it('ends every inner instance when it interrupts, closing their tasks and nothing else', async () => {
      const c = new TestCase(await withTimer()).start({ adviseurs: ADVISEURS });
      completeInner(c, 'review', 2);
      const open = innerTokens(c, 'review').map((t) => t.id);
      const effects = fireAt(c, 'late');
      expect(effectsOfType(effects, 'task-closed')).to.deep.equal(open.map((taskId) => ({ type: 'task-closed', taskId, reason: 'terminated' })));
      expect(c.openTaskElements()).to.deep.equal(['escalate']);
      expect(tokensAt(c, 'review')).to.deep.equal([]);
      expect(c.state!.subscriptions).to.deep.equal([]);
    });

    it('closes its subscription when the body completes', async () => {
      const c = new TestCase(await withTimer()).start({ adviseurs: ['jan'] });
      const effects = effectsOf(c, { type: 'complete-task', taskId: innerTokens(c, 'review')[0]!.id });
      expect(effectsOfType(effects, 'subscription-closed').map((e) => e.kind)).to.deep.equal(['timer']);
      expect(c.openTaskElements()).to.deep.equal(['after']);
    });
  });

  it('closes only the inner tasks when the case is cancelled', async () => {
    const m = await review({ inputCollection: '=adviseurs' });
    const c = new TestCase(m).start({ adviseurs: ADVISEURS });
    const inner = innerTokens(c, 'review').map((t) => t.id);
    const effects = effectsOf(c, { type: 'cancel' });
    expect(effectsOfType(effects, 'task-closed').map((e) => e.taskId)).to.deep.equal(inner);
  });

  it('refuses to complete the body as if it were a task', async () => {
    const m = await review({ inputCollection: '=adviseurs' });
    const c = new TestCase(m).start({ adviseurs: ADVISEURS });
    const [body] = tokensAt(c, 'review').filter((t) => t.body);
    expect(() => c.send({ type: 'complete-task', taskId: body!.id })).to.throw(/not open|multi-instance/);
    expect(innerTokens(c, 'review')).to.have.length(3);
  });
});
