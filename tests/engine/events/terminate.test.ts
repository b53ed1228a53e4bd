import { expect } from 'chai';
import { bpmn, chain, compile, TestCase } from '../helpers.js';
import { closedSubscriptionIds, effectsOf, elementsWith, historyIn, onlyAt, timer, tokenElements } from './helpers.js';

const terminateEnd = (id: string) => `<bpmn:endEvent id="${id}"><bpmn:terminateEventDefinition/></bpmn:endEvent>`;

describe('terminate end event', () => {
  describe('inside a subprocess', () => {
    const model = () =>
      compile(
        bpmn(`<bpmn:startEvent id="s"/>
          <bpmn:parallelGateway id="outerFork"/>
          <bpmn:userTask id="outside"/>
          <bpmn:subProcess id="sub">
            <bpmn:startEvent id="subStart"/>
            <bpmn:parallelGateway id="fork"/>
            <bpmn:userTask id="slow"/>
            <bpmn:userTask id="decide"/>
            ${terminateEnd('stop')}
            ${chain('subStart', 'fork', 'slow')}${chain('fork', 'decide', 'stop')}
          </bpmn:subProcess>
          <bpmn:userTask id="afterSub"/>
          ${chain('s', 'outerFork', 'outside')}${chain('outerFork', 'sub', 'afterSub')}`),
      );

    it('ends only the other tokens of that subprocess; the subprocess completes and the flow after it goes on', async () => {
      const c = new TestCase(await model()).start();
      const slow = c.task('slow');
      const outside = c.task('outside');
      const effects = effectsOf(c, { type: 'complete-task', taskId: c.task('decide').id });
      expect(effects).to.deep.include({ type: 'task-closed', taskId: slow.id, reason: 'terminated' });
      expect(historyIn(effects, 'element-terminated').map((e) => e.elementId)).to.deep.equal(['slow']);
      expect(historyIn(effects, 'element-completed').map((e) => e.elementId)).to.deep.equal(['decide', 'stop', 'sub']);
      expect(c.openTaskElements()).to.deep.equal(['afterSub', 'outside']);
      expect(c.task('outside').id).to.equal(outside.id);
      expect(c.status).to.equal('active');
    });

    it('also ends a branch that had not arrived yet when the terminate end event was reached', async () => {
      const early = await compile(
        bpmn(`<bpmn:startEvent id="s"/>
          <bpmn:subProcess id="sub">
            <bpmn:startEvent id="subStart"/>
            <bpmn:parallelGateway id="fork"/>
            ${terminateEnd('stop')}
            <bpmn:userTask id="slow"/>
            ${chain('subStart', 'fork', 'stop')}${chain('fork', 'slow')}
          </bpmn:subProcess>
          <bpmn:userTask id="afterSub"/>
          ${chain('s', 'sub', 'afterSub')}`),
      );
      const c = new TestCase(early).start();
      expect(c.openTaskElements()).to.deep.equal(['afterSub']);
      expect(tokenElements(c)).to.deep.equal(['afterSub']);
      expect(elementsWith(c, 'element-completed')).to.include('sub');
      expect(c.status).to.equal('active');
    });
  });

  describe('at process level', () => {
    it('completes the case and terminates every other task, closing their subscriptions', async () => {
      const model = await compile(
        bpmn(`<bpmn:startEvent id="s"/>
          <bpmn:parallelGateway id="fork"/>
          <bpmn:userTask id="a"/>
          <bpmn:boundaryEvent id="aLate" attachedToRef="a">${timer('timeDuration', 'P1D')}</bpmn:boundaryEvent>
          <bpmn:userTask id="b"/>
          <bpmn:userTask id="decide"/>
          <bpmn:userTask id="aLateTask"/>
          ${terminateEnd('stop')}
          ${chain('s', 'fork', 'a')}${chain('fork', 'b')}${chain('fork', 'decide', 'stop')}${chain('aLate', 'aLateTask')}`),
      );
      const c = new TestCase(model).start();
      const a = c.task('a');
      const b = c.task('b');
      const timerId = onlyAt(c, 'aLate').id;
      const effects = effectsOf(c, { type: 'complete-task', taskId: c.task('decide').id });
      expect(c.status).to.equal('completed');
      expect(effects).to.deep.include({ type: 'task-closed', taskId: a.id, reason: 'terminated' });
      expect(effects).to.deep.include({ type: 'task-closed', taskId: b.id, reason: 'terminated' });
      expect(closedSubscriptionIds(effects)).to.deep.equal([timerId]);
      expect(c.state!.tokens).to.deep.equal([]);
      expect(c.state!.subscriptions).to.deep.equal([]);
      expect(historyIn(effects).at(-1)!.type).to.equal('instance-completed');
      expect(historyIn(effects, 'element-terminated').map((e) => e.elementId)).to.have.members(['a', 'b']);
    });

    it('completes the case even when a parallel branch had not arrived yet', async () => {
      const model = await compile(
        bpmn(`<bpmn:startEvent id="s"/>
          <bpmn:parallelGateway id="fork"/>
          ${terminateEnd('stop')}
          <bpmn:userTask id="late"/>
          ${chain('s', 'fork', 'stop')}${chain('fork', 'late')}`),
      );
      const c = new TestCase(model).start();
      expect(c.status).to.equal('completed');
      expect(c.state!.tokens).to.deep.equal([]);
      expect(c.tasks.size).to.equal(0);
    });
  });
});
