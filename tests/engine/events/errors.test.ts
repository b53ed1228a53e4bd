import { expect } from 'chai';
import type { Effect } from '../../../engine/src/index.js';
import { bpmn, chain, compile, TestCase } from '../helpers.js';
import { effectsOf, elementsWith, historyIn, tokenElements } from './helpers.js';

const ERRORS =
  '<bpmn:error id="err_reject" name="Afgewezen" errorCode="AFGEWEZEN"/>' +
  '<bpmn:error id="err_other" name="Anders" errorCode="ANDERS"/>';

const errorEnd = (id: string, errorRef = 'err_reject') => `<bpmn:endEvent id="${id}"><bpmn:errorEventDefinition errorRef="${errorRef}"/></bpmn:endEvent>`;
const errorBoundary = (id: string, attachedTo: string, errorRef?: string) =>
  `<bpmn:boundaryEvent id="${id}" attachedToRef="${attachedTo}"><bpmn:errorEventDefinition${errorRef ? ` errorRef="${errorRef}"` : ''}/></bpmn:boundaryEvent>`;

const tasksClosed = (effects: readonly Effect[]) =>
  effects.flatMap((effect) => (effect.type === 'task-closed' && effect.reason === 'terminated' ? [effect.taskId] : []));

/**
 * A subprocess that forks into a user task and a user task "decide" that leads to an error end event.
 * The error boundary "rejected" sits on the subprocess.
 */
const subprocessWithErrorBoundary = (inside = '') =>
  compile(
    bpmn(`<bpmn:startEvent id="s"/>
      <bpmn:subProcess id="sub">
        <bpmn:startEvent id="subStart"/>
        <bpmn:parallelGateway id="fork"/>
        <bpmn:userTask id="other"/>
        <bpmn:userTask id="decide"/>
        ${errorEnd('fail')}
        ${chain('subStart', 'fork', 'other')}${chain('fork', 'decide', 'fail')}
        ${inside}
      </bpmn:subProcess>
      ${errorBoundary('rejected', 'sub', 'err_reject')}
      <bpmn:userTask id="handleRejection"/>
      <bpmn:userTask id="afterSub"/>
      ${chain('s', 'sub', 'afterSub')}${chain('rejected', 'handleRejection')}`, { rootElements: ERRORS }),
  );

describe('error events', () => {
  it('an error end event in a subprocess is caught by the error boundary on it: children terminated, boundary path taken', async () => {
    const c = new TestCase(await subprocessWithErrorBoundary()).start();
    const other = c.task('other');
    const effects = effectsOf(c, { type: 'complete-task', taskId: c.task('decide').id });
    expect(historyIn(effects, 'error-thrown')[0]).to.deep.include({ elementId: 'fail', data: { errorCode: 'AFGEWEZEN' } });
    expect(tasksClosed(effects)).to.deep.equal([other.id]);
    expect(historyIn(effects, 'element-terminated').map((e) => e.elementId)).to.have.members(['other', 'fail', 'sub']);
    expect(c.openTaskElements()).to.deep.equal(['handleRejection']);
    expect(tokenElements(c)).to.deep.equal(['handleRejection']);
    expect(c.status).to.equal('active');
    expect(elementsWith(c, 'element-completed')).to.not.include('sub');
  });

  it('ends the parallel branch too when the error is thrown before that branch has arrived', async () => {
    const model = await compile(
      bpmn(`<bpmn:startEvent id="s"/>
        <bpmn:subProcess id="sub">
          <bpmn:startEvent id="subStart"/>
          <bpmn:parallelGateway id="fork"/>
          ${errorEnd('fail')}
          <bpmn:userTask id="other"/>
          ${chain('subStart', 'fork', 'fail')}${chain('fork', 'other')}
        </bpmn:subProcess>
        ${errorBoundary('rejected', 'sub', 'err_reject')}
        <bpmn:userTask id="handleRejection"/>
        ${chain('s', 'sub')}${chain('rejected', 'handleRejection')}`, { rootElements: ERRORS }),
    );
    const c = new TestCase(model).start();
    expect(c.openTaskElements()).to.deep.equal(['handleRejection']);
    expect(tokenElements(c)).to.deep.equal(['handleRejection']);
    expect(c.state!.incidents).to.deep.equal([]);
  });

  it('the nearest catch wins: an error event subprocess inside the subprocess catches before the boundary on it', async () => {
    const inside = `
      <bpmn:subProcess id="onError" triggeredByEvent="true">
        <bpmn:startEvent id="onErrorStart"><bpmn:errorEventDefinition errorRef="err_reject"/></bpmn:startEvent>
        <bpmn:userTask id="repair"/>
        ${chain('onErrorStart', 'repair')}
      </bpmn:subProcess>`;
    const c = new TestCase(await subprocessWithErrorBoundary(inside)).start();
    const other = c.task('other');
    const effects = effectsOf(c, { type: 'complete-task', taskId: c.task('decide').id });
    expect(tasksClosed(effects)).to.deep.equal([other.id]);
    expect(c.openTaskElements()).to.deep.equal(['repair']);
    expect(elementsWith(c, 'element-activated')).to.not.include('rejected');

    c.complete('repair');
    expect(c.openTaskElements()).to.deep.equal(['afterSub']);
    expect(c.status).to.equal('active');
    expect(elementsWith(c, 'element-completed')).to.include.members(['onError', 'sub']);
  });

  it('goes outwards through nested subprocesses to an error event subprocess of the case', async () => {
    const model = await compile(
      bpmn(`<bpmn:startEvent id="s"/>
        <bpmn:parallelGateway id="fork"/>
        <bpmn:userTask id="outside"/>
        <bpmn:subProcess id="outer">
          <bpmn:startEvent id="outerStart"/>
          <bpmn:subProcess id="inner">
            <bpmn:startEvent id="innerStart"/>
            <bpmn:userTask id="deep"/>
            ${errorEnd('fail', 'err_other')}
            ${chain('innerStart', 'deep', 'fail')}
          </bpmn:subProcess>
          ${chain('outerStart', 'inner')}
        </bpmn:subProcess>
        ${errorBoundary('wrongCode', 'outer', 'err_reject')}
        <bpmn:endEvent id="wrongEnd"/>
        ${chain('s', 'fork', 'outside')}${chain('fork', 'outer')}${chain('wrongCode', 'wrongEnd')}
        <bpmn:subProcess id="onError" triggeredByEvent="true">
          <bpmn:startEvent id="onErrorStart"><bpmn:errorEventDefinition errorRef="err_other"/></bpmn:startEvent>
          <bpmn:userTask id="repair"/>
          ${chain('onErrorStart', 'repair')}
        </bpmn:subProcess>`, { rootElements: ERRORS }),
    );
    const c = new TestCase(model).start();
    const outside = c.task('outside');
    const effects = effectsOf(c, { type: 'complete-task', taskId: c.task('deep').id });
    expect(tasksClosed(effects)).to.deep.equal([outside.id]);
    expect(historyIn(effects, 'element-terminated').map((e) => e.elementId)).to.have.members(['outside', 'fail', 'inner', 'outer']);
    expect(elementsWith(c, 'element-activated')).to.not.include('wrongCode');
    expect(c.openTaskElements()).to.deep.equal(['repair']);
    expect(tokenElements(c)).to.deep.equal(['onError', 'repair']);
    c.complete('repair');
    expect(c.status).to.equal('completed');
  });

  it('an error event subprocess of the case also ends a branch that had not arrived yet', async () => {
    const model = await compile(
      bpmn(`<bpmn:startEvent id="s"/>
        <bpmn:parallelGateway id="fork"/>
        ${errorEnd('fail')}
        <bpmn:userTask id="late"/>
        ${chain('s', 'fork', 'fail')}${chain('fork', 'late')}
        <bpmn:subProcess id="onError" triggeredByEvent="true">
          <bpmn:startEvent id="onErrorStart"><bpmn:errorEventDefinition/></bpmn:startEvent>
          <bpmn:userTask id="repair"/>
          ${chain('onErrorStart', 'repair')}
        </bpmn:subProcess>`, { rootElements: ERRORS }),
    );
    const c = new TestCase(model).start();
    expect(c.openTaskElements()).to.deep.equal(['repair']);
    expect(tokenElements(c)).to.deep.equal(['onError', 'repair']);
  });

  it('an error event subprocess does not catch an error thrown inside itself', async () => {
    const model = await compile(
      bpmn(`<bpmn:startEvent id="s"/><bpmn:userTask id="work"/>${chain('s', 'work')}
        <bpmn:subProcess id="onMessage" triggeredByEvent="true">
          <bpmn:startEvent id="onMessageStart" isInterrupting="false"><bpmn:signalEventDefinition signalRef="sig"/></bpmn:startEvent>
          ${errorEnd('fail')}
          ${chain('onMessageStart', 'fail')}
        </bpmn:subProcess>
        <bpmn:subProcess id="onError" triggeredByEvent="true">
          <bpmn:startEvent id="onErrorStart"><bpmn:errorEventDefinition/></bpmn:startEvent>
          <bpmn:userTask id="repair"/>
          ${chain('onErrorStart', 'repair')}
        </bpmn:subProcess>`, { rootElements: ERRORS + '<bpmn:signal id="sig" name="s"/>' }),
    );
    const c = new TestCase(model).start();
    const signal = c.state!.subscriptions.find((s) => s.elementId === 'onMessageStart')!;
    c.send({ type: 'trigger', subscriptionId: signal.id });
    expect(c.openTaskElements()).to.deep.equal(['repair']);
    expect(c.state!.incidents).to.deep.equal([]);
  });

  it('an error from a called case is caught by the boundary on the call activity', async () => {
    const model = await compile(
      bpmn(`<bpmn:startEvent id="s"/>
        <bpmn:callActivity id="call"><bpmn:extensionElements><zeebe:calledElement processId="child"/></bpmn:extensionElements></bpmn:callActivity>
        ${errorBoundary('rejected', 'call', 'err_reject')}
        <bpmn:userTask id="handleRejection"/>
        ${chain('s', 'call')}${chain('rejected', 'handleRejection')}`, { rootElements: ERRORS }),
    );
    const c = new TestCase(model).start();
    const call = c.state!.tokens.find((token) => token.elementId === 'call')!;
    const effects = effectsOf(c, { type: 'child-error', tokenId: call.id, errorCode: 'AFGEWEZEN' });
    expect(historyIn(effects, 'error-thrown')[0]).to.deep.include({ elementId: 'call', data: { errorCode: 'AFGEWEZEN' } });
    expect(c.openTaskElements()).to.deep.equal(['handleRejection']);
    expect(tokenElements(c)).to.deep.equal(['handleRejection']);
  });

  describe('a specific error code wins over a catch-all at the same activity', () => {
    const twoBoundaries = () =>
      compile(
        bpmn(`<bpmn:startEvent id="s"/>
          <bpmn:serviceTask id="check"><bpmn:extensionElements><zeebe:taskDefinition type="toets"/></bpmn:extensionElements></bpmn:serviceTask>
          ${errorBoundary('anyError', 'check')}
          ${errorBoundary('rejected', 'check', 'err_reject')}
          <bpmn:userTask id="general"/>
          <bpmn:userTask id="specific"/>
          <bpmn:endEvent id="e"/>
          ${chain('s', 'check', 'e')}${chain('anyError', 'general')}${chain('rejected', 'specific')}`, { rootElements: ERRORS }),
      );

    it('the code with its own boundary goes there, with the variables of the error', async () => {
      const c = new TestCase(await twoBoundaries()).start();
      const jobId = c.state!.tokens[0]!.id;
      const effects = effectsOf(c, { type: 'throw-error', jobId, errorCode: 'AFGEWEZEN', message: 'te laat', variables: { reden: 'termijn' } });
      expect(effects).to.deep.include({ type: 'job-closed', jobId });
      expect(effects.filter((effect) => effect.type === 'job-closed')).to.have.length(1);
      expect(historyIn(effects, 'error-thrown')[0]).to.deep.include({ elementId: 'check', data: { errorCode: 'AFGEWEZEN', message: 'te laat' } });
      expect(c.openTaskElements()).to.deep.equal(['specific']);
      expect(c.variables.reden).to.equal('termijn');
    });

    it('any other code goes to the catch-all', async () => {
      const c = new TestCase(await twoBoundaries()).start();
      c.send({ type: 'throw-error', jobId: c.state!.tokens[0]!.id, errorCode: 'IETS_ANDERS' });
      expect(c.openTaskElements()).to.deep.equal(['general']);
    });
  });

  it('an uncaught error is an incident on the thrower that names the code', async () => {
    const model = await compile(
      bpmn(`<bpmn:startEvent id="s"/><bpmn:userTask id="t"/>${errorEnd('fail', 'err_other')}${chain('s', 't', 'fail')}`, { rootElements: ERRORS }),
    );
    const c = new TestCase(model).start().complete('t');
    expect(c.status).to.equal('incident');
    expect(c.state!.incidents).to.have.length(1);
    expect(c.state!.incidents[0]).to.include({ elementId: 'fail' });
    expect(c.state!.incidents[0]!.message).to.contain('"ANDERS"');
    expect(tokenElements(c)).to.deep.equal(['fail']);
  });

  it('a job that throws an uncaught error: the job is closed and the task gets an incident', async () => {
    const model = await compile(
      bpmn(`<bpmn:startEvent id="s"/>
        <bpmn:serviceTask id="check"><bpmn:extensionElements><zeebe:taskDefinition type="toets"/></bpmn:extensionElements></bpmn:serviceTask>
        ${chain('s', 'check')}`),
    );
    const c = new TestCase(model).start();
    const jobId = c.state!.tokens[0]!.id;
    const effects = effectsOf(c, { type: 'throw-error', jobId, errorCode: 'KAPOT', message: 'stuk' });
    expect(effects.filter((effect) => effect.type === 'job-closed')).to.deep.equal([{ type: 'job-closed', jobId }]);
    expect(c.state!.incidents[0]).to.include({ elementId: 'check' });
    expect(c.state!.incidents[0]!.message).to.contain('"KAPOT"').and.contain('stuk');
  });

  describe('inside a multi-instance subprocess', () => {
    const multiInstance = (innerFlow: string) =>
      compile(
        bpmn(`<bpmn:startEvent id="s"/>
          <bpmn:subProcess id="perApplicant">
            <bpmn:multiInstanceLoopCharacteristics><bpmn:extensionElements><zeebe:loopCharacteristics inputCollection="=aanvragers" inputElement="aanvrager"/></bpmn:extensionElements></bpmn:multiInstanceLoopCharacteristics>
            ${innerFlow}
          </bpmn:subProcess>
          ${errorBoundary('rejected', 'perApplicant', 'err_reject')}
          <bpmn:userTask id="handleRejection"/>
          <bpmn:userTask id="afterAll"/>
          ${chain('s', 'perApplicant', 'afterAll')}${chain('rejected', 'handleRejection')}`, { rootElements: ERRORS }),
      );

    it('an error in one inner instance is caught on the body: all inner instances are terminated', async () => {
      const model = await multiInstance(`<bpmn:startEvent id="innerStart"/><bpmn:userTask id="check"/>${errorEnd('fail')}${chain('innerStart', 'check', 'fail')}`);
      const c = new TestCase(model).start({ aanvragers: ['a', 'b', 'c'] });
      const checks = [...c.tasks.values()].map((task) => task.id);
      expect(checks).to.have.length(3);
      const effects = effectsOf(c, { type: 'complete-task', taskId: checks[1]! });
      expect(tasksClosed(effects)).to.have.members([checks[0], checks[2]]);
      const terminated = historyIn(effects, 'element-terminated');
      expect(terminated.filter((e) => e.elementId === 'perApplicant' && e.elementType === 'multiInstanceBody')).to.have.length(1);
      expect(terminated.filter((e) => e.elementId === 'perApplicant' && e.elementType === 'subProcess')).to.have.length(3);
      expect(c.openTaskElements()).to.deep.equal(['handleRejection']);
      expect(tokenElements(c)).to.deep.equal(['handleRejection']);
      expect(Object.keys(c.state!.scopes)).to.deep.equal(['case1']);
    });

    it('inner instances that all throw at once are caught once, and nothing is left behind', async () => {
      const model = await multiInstance(`<bpmn:startEvent id="innerStart"/>${errorEnd('fail')}${chain('innerStart', 'fail')}`);
      const c = new TestCase(model).start({ aanvragers: ['a', 'b', 'c'] });
      expect(c.state!.incidents).to.deep.equal([]);
      expect(elementsWith(c, 'element-activated').filter((id) => id === 'rejected')).to.have.length(1);
      expect(c.openTaskElements()).to.deep.equal(['handleRejection']);
      expect(tokenElements(c)).to.deep.equal(['handleRejection']);
    });
  });

  describe('in a called case', () => {
    const parent = { instanceId: 'parentCase', tokenId: 'parentCase-7' };
    const child = () =>
      compile(
        bpmn(`<bpmn:startEvent id="s"/>
          <bpmn:parallelGateway id="fork"/>
          <bpmn:userTask id="t"/>
          <bpmn:userTask id="other"/>
          ${errorEnd('fail')}
          ${chain('s', 'fork', 't', 'fail')}${chain('fork', 'other')}`, { rootElements: ERRORS }),
      );

    it('an uncaught error goes to the calling case, and this case ends as terminated', async () => {
      const c = new TestCase(await child()).send({ type: 'start', instanceId: 'child1', parent });
      const other = c.task('other');
      const effects = effectsOf(c, { type: 'complete-task', taskId: c.task('t').id });
      expect(effects).to.deep.include({ type: 'parent-notified', parent, outcome: { type: 'error', errorCode: 'AFGEWEZEN' } });
      expect(tasksClosed(effects)).to.deep.equal([other.id]);
      expect(c.status).to.equal('terminated');
      expect(c.state!.tokens).to.deep.equal([]);
      expect(c.state!.incidents).to.deep.equal([]);
      expect(historyIn(effects, 'instance-terminated')[0]).to.deep.include({ data: { errorCode: 'AFGEWEZEN' } });
      expect(effects.filter((effect) => effect.type === 'parent-notified')).to.have.length(1);
    });

    it('a case without a parent keeps the incident instead', async () => {
      const c = new TestCase(await child()).start();
      const effects = effectsOf(c, { type: 'complete-task', taskId: c.task('t').id });
      expect(effects.some((effect) => effect.type === 'parent-notified')).to.equal(false);
      expect(c.status).to.equal('incident');
    });
  });
});
