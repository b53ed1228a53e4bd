import { expect } from 'chai';
import { CommandRejected } from '../../../engine/src/index.js';
import { bpmn, chain, compile, TestCase } from '../helpers.js';
import { closedSubscriptionIds, effectsOf, fire, historyIn, onlyAt, openAt, openedSubscriptions, timer, tokenElements } from './helpers.js';

// TestCase starts its clock at 2026-01-05T09:00:00Z and moves it one second per command.
const START = '2026-01-05T09:00:00.000Z';

const timerCatch = (kind: 'timeDuration' | 'timeDate', text: string) =>
  compile(
    bpmn(`<bpmn:startEvent id="s"/>
      <bpmn:intermediateCatchEvent id="wait">${timer(kind, text)}</bpmn:intermediateCatchEvent>
      <bpmn:userTask id="after"/>
      ${chain('s', 'wait', 'after')}`),
  );

/** A user task with a timer boundary event that leads to its own user task. */
const taskWithTimerBoundary = (kind: 'timeDuration' | 'timeCycle', text: string, interrupting: boolean) =>
  compile(
    bpmn(`<bpmn:startEvent id="s"/>
      <bpmn:userTask id="work"/>
      <bpmn:boundaryEvent id="late" attachedToRef="work" cancelActivity="${interrupting}">${timer(kind, text)}</bpmn:boundaryEvent>
      <bpmn:userTask id="remind"/>
      <bpmn:endEvent id="e"/>
      ${chain('s', 'work', 'e')}${chain('late', 'remind')}`),
  );

describe('timer events', () => {
  describe('intermediate timer catch event', () => {
    it('opens a timer due one duration after the step, and moves on with timer-fired when triggered', async () => {
      const c = new TestCase(await timerCatch('timeDuration', 'PT2H'));
      const started = effectsOf(c, { type: 'start', instanceId: 'case1' });
      const [subscription, ...others] = openedSubscriptions(started);
      expect(others).to.deep.equal([]);
      expect(subscription).to.include({ kind: 'timer', elementId: 'wait', interrupting: true, dueAt: '2026-01-05T11:00:00.000Z' });
      const waiting = c.state!.tokens.find((token) => token.elementId === 'wait')!;
      expect(subscription!.ownerId).to.equal(waiting.id);
      expect(c.openTaskElements()).to.deep.equal([]);

      const fired = fire(c, 'wait');
      expect(historyIn(fired, 'timer-fired')).to.have.length(1);
      expect(historyIn(fired, 'timer-fired')[0]).to.deep.include({
        elementId: 'wait',
        data: { subscriptionId: subscription!.id, dueAt: '2026-01-05T11:00:00.000Z' },
      });
      expect(closedSubscriptionIds(fired)).to.deep.equal([subscription!.id]);
      expect(c.state!.subscriptions).to.deep.equal([]);
      expect(c.openTaskElements()).to.deep.equal(['after']);
      expect(c.completedElements()).to.deep.equal(['s', 'wait']);
    });

    it('waits until a fixed date', async () => {
      const c = new TestCase(await timerCatch('timeDate', '2026-03-01T12:00:00Z')).start();
      expect(onlyAt(c, 'wait').dueAt).to.equal('2026-03-01T12:00:00.000Z');
    });

    it('works out a FEEL duration from the variables when the timer opens', async () => {
      const c = new TestCase(await timerCatch('timeDuration', '=duration("PT" + string(n) + "H")')).start({ n: 3 });
      expect(onlyAt(c, 'wait').dueAt).to.equal('2026-01-05T12:00:00.000Z');
    });

    it('works out a FEEL date from the variables', async () => {
      const c = new TestCase(await timerCatch('timeDate', '=deadline')).start({ deadline: '2026-02-01T08:30:00Z' });
      expect(onlyAt(c, 'wait').dueAt).to.equal('2026-02-01T08:30:00.000Z');
    });

    it('raises an incident on the catch event when FEEL gives no usable time, and waits once that is fixed', async () => {
      const c = new TestCase(await timerCatch('timeDuration', '="PT" + wanneer')).start({ wanneer: 'soon' });
      expect(c.status).to.equal('incident');
      expect(c.state!.subscriptions).to.deep.equal([]);
      const [incident] = c.state!.incidents;
      expect(incident).to.include({ elementId: 'wait', retry: 'activate' });
      expect(incident!.message).to.match(/timer of wait/).and.match(/PTsoon/);

      c.send({ type: 'set-variables', variables: { wanneer: '30M' } });
      c.send({ type: 'resolve-incident', incidentId: incident!.id });
      expect(c.status).to.equal('active');
      expect(onlyAt(c, 'wait').dueAt).to.equal('2026-01-05T09:30:02.000Z');
    });

    it('raises an incident when FEEL gives something that is not text', async () => {
      const c = new TestCase(await timerCatch('timeDuration', '=n * 2')).start({ n: 4 });
      expect(c.state!.incidents[0]!.message).to.match(/gave 8 instead of a text/);
    });
  });

  describe('timer boundary event', () => {
    it('interrupting: ends the task (closed as terminated) and takes the boundary flows', async () => {
      const c = new TestCase(await taskWithTimerBoundary('timeDuration', 'P1D', true)).start();
      const work = c.task('work');
      expect(onlyAt(c, 'late')).to.include({ ownerId: work.id, interrupting: true, dueAt: '2026-01-06T09:00:00.000Z' });

      const fired = fire(c, 'late');
      expect(fired).to.deep.include({ type: 'task-closed', taskId: work.id, reason: 'terminated' });
      expect(historyIn(fired, 'element-terminated').map((event) => event.elementId)).to.deep.equal(['work']);
      expect(historyIn(fired, 'sequence-flow-taken').map((event) => event.elementId)).to.deep.equal(['f_late_remind']);
      expect(c.openTaskElements()).to.deep.equal(['remind']);
      expect(c.state!.subscriptions).to.deep.equal([]);
      expect(() => c.send({ type: 'complete-task', taskId: work.id })).to.throw(CommandRejected, /not open/);
    });

    it('is closed when the task completes first', async () => {
      const c = new TestCase(await taskWithTimerBoundary('timeDuration', 'P1D', true)).start();
      const { id } = onlyAt(c, 'late');
      const completed = effectsOf(c, { type: 'complete-task', taskId: c.task('work').id });
      expect(closedSubscriptionIds(completed)).to.deep.equal([id]);
      expect(c.status).to.equal('completed');
      expect(() => c.send({ type: 'trigger', subscriptionId: id })).to.throw(CommandRejected);
    });

    it('non-interrupting cycle R3/PT1H: fires three times an hour apart, the task staying open', async () => {
      const c = new TestCase(await taskWithTimerBoundary('timeCycle', 'R3/PT1H', false)).start();
      const work = c.task('work');
      const dues = [onlyAt(c, 'late').dueAt];
      for (let i = 1; i <= 3; i++) {
        const previous = onlyAt(c, 'late');
        const fired = fire(c, 'late');
        expect(closedSubscriptionIds(fired)).to.deep.equal([previous.id]);
        expect(fired.some((effect) => effect.type === 'task-closed')).to.equal(false);
        const next = openedSubscriptions(fired);
        if (i < 3) {
          expect(next).to.have.length(1);
          expect(next[0]).to.include({ elementId: 'late', ownerId: work.id, interrupting: false, fired: i });
          expect(next[0]!.id).to.not.equal(previous.id);
          dues.push(next[0]!.dueAt);
        } else {
          expect(next).to.deep.equal([]);
        }
      }
      expect(dues).to.deep.equal(['2026-01-05T10:00:00.000Z', '2026-01-05T11:00:00.000Z', '2026-01-05T12:00:00.000Z']);
      expect(openAt(c, 'late')).to.deep.equal([]);
      expect(c.openTaskElements()).to.deep.equal(['remind', 'remind', 'remind', 'work']);
      expect(c.task('work').id).to.equal(work.id);
      expect(c.history().filter((event) => event.type === 'timer-fired')).to.have.length(3);
    });

    it('non-interrupting with a duration: fires once and is not opened again', async () => {
      const c = new TestCase(await taskWithTimerBoundary('timeDuration', 'PT8H', false)).start();
      const fired = fire(c, 'late');
      expect(openedSubscriptions(fired)).to.deep.equal([]);
      expect(openAt(c, 'late')).to.deep.equal([]);
      expect(c.openTaskElements()).to.deep.equal(['remind', 'work']);
    });

    it('interrupting: also ends a task stuck on an incident, and the incident goes with it', async () => {
      const model = await compile(
        bpmn(`<bpmn:startEvent id="s"/>
          <bpmn:serviceTask id="mail"><bpmn:extensionElements><zeebe:taskDefinition type="loket:mail"/></bpmn:extensionElements></bpmn:serviceTask>
          <bpmn:boundaryEvent id="late" attachedToRef="mail">${timer('timeDuration', 'P2D')}</bpmn:boundaryEvent>
          <bpmn:userTask id="byHand"/>
          ${chain('s', 'mail')}${chain('late', 'byHand')}`),
      );
      const c = new TestCase(model).start();
      c.send({ type: 'fail-job', jobId: c.state!.tokens[0]!.id, message: 'smtp weg' });
      expect(c.status).to.equal('incident');
      const fired = fire(c, 'late');
      expect(fired.filter((effect) => effect.type === 'job-closed'), 'the failed job was closed already').to.deep.equal([]);
      expect(c.state!.incidents).to.deep.equal([]);
      expect(c.status).to.equal('active');
      expect(c.openTaskElements()).to.deep.equal(['byHand']);
      expect(tokenElements(c)).to.deep.equal(['byHand']);
    });

    it('interrupting on a call activity: the called case is cancelled', async () => {
      const model = await compile(
        bpmn(`<bpmn:startEvent id="s"/>
          <bpmn:callActivity id="call"><bpmn:extensionElements><zeebe:calledElement processId="child"/></bpmn:extensionElements></bpmn:callActivity>
          <bpmn:boundaryEvent id="late" attachedToRef="call">${timer('timeDuration', 'P2D')}</bpmn:boundaryEvent>
          <bpmn:userTask id="byHand"/>
          ${chain('s', 'call')}${chain('late', 'byHand')}`),
      );
      const c = new TestCase(model).start();
      const call = c.state!.tokens.find((token) => token.elementId === 'call')!;
      const fired = fire(c, 'late');
      expect(fired).to.deep.include({ type: 'child-cancelled', tokenId: call.id });
      expect(c.openTaskElements()).to.deep.equal(['byHand']);
    });

    it('a cycle that fell behind fires once for the times it missed, then keeps its hourly rhythm within its five times', async () => {
      const c = new TestCase(await taskWithTimerBoundary('timeCycle', 'R5/PT1H', false)).start();
      c.clock = Date.parse('2026-01-05T12:30:00Z');
      // Due at 10:00, handled at 12:30: 11:00 and 12:00 are skipped but count among the five.
      expect(openedSubscriptions(fire(c, 'late'))[0]).to.include({ dueAt: '2026-01-05T13:00:00.000Z', fired: 3 });
      expect(openedSubscriptions(fire(c, 'late'))[0]).to.include({ dueAt: '2026-01-05T14:00:00.000Z', fired: 4 });
      expect(openedSubscriptions(fire(c, 'late'))).to.deep.equal([]);
      expect(c.openTaskElements()).to.deep.equal(['remind', 'remind', 'remind', 'work']);
    });
  });

  describe('timer event subprocess', () => {
    const withTimerEventSubProcess = (interrupting: boolean) =>
      compile(
        bpmn(`<bpmn:startEvent id="s"/>
          <bpmn:userTask id="work"/>
          <bpmn:endEvent id="e"/>
          ${chain('s', 'work', 'e')}
          <bpmn:subProcess id="esp" triggeredByEvent="true">
            <bpmn:startEvent id="espStart" isInterrupting="${interrupting}">${timer('timeDuration', 'PT4H')}</bpmn:startEvent>
            <bpmn:userTask id="escalate"/>
            <bpmn:endEvent id="espEnd"/>
            ${chain('espStart', 'escalate', 'espEnd')}
          </bpmn:subProcess>`),
      );

    it('opens its timer when the case starts, owned by the case', async () => {
      const c = new TestCase(await withTimerEventSubProcess(true)).start();
      expect(onlyAt(c, 'espStart')).to.include({ ownerId: 'case1', interrupting: true, dueAt: '2026-01-05T13:00:00.000Z' });
    });

    it('interrupting: ends the main flow and runs the event subprocess; the case completes with it', async () => {
      const c = new TestCase(await withTimerEventSubProcess(true)).start();
      const work = c.task('work');
      const fired = fire(c, 'espStart');
      expect(fired).to.deep.include({ type: 'task-closed', taskId: work.id, reason: 'terminated' });
      expect(c.openTaskElements()).to.deep.equal(['escalate']);
      expect(tokenElements(c)).to.deep.equal(['escalate', 'esp']);
      c.complete('escalate');
      expect(c.status).to.equal('completed');
      expect(c.completedElements()).to.include.members(['espStart', 'escalate', 'espEnd', 'esp']);
    });

    it('non-interrupting: the main flow goes on beside it; the case completes when both are done', async () => {
      const c = new TestCase(await withTimerEventSubProcess(false)).start();
      fire(c, 'espStart');
      expect(c.openTaskElements()).to.deep.equal(['escalate', 'work']);
      c.complete('work');
      expect(c.status).to.equal('active');
      c.complete('escalate');
      expect(c.status).to.equal('completed');
    });

    it('interrupting: fires only once and closes the other event subprocesses of its scope', async () => {
      const model = await compile(
        bpmn(`<bpmn:startEvent id="s"/>
          <bpmn:userTask id="work"/>
          ${chain('s', 'work')}
          <bpmn:subProcess id="deadline" triggeredByEvent="true">
            <bpmn:startEvent id="deadlineStart">${timer('timeDuration', 'P30D')}</bpmn:startEvent>
            <bpmn:userTask id="close"/>
            ${chain('deadlineStart', 'close')}
          </bpmn:subProcess>
          <bpmn:subProcess id="weekly" triggeredByEvent="true">
            <bpmn:startEvent id="weeklyStart" isInterrupting="false">${timer('timeCycle', 'R/P7D')}</bpmn:startEvent>
            <bpmn:userTask id="report"/>
            ${chain('weeklyStart', 'report')}
          </bpmn:subProcess>`),
      );
      const c = new TestCase(model).start();
      fire(c, 'weeklyStart');
      const weekly = onlyAt(c, 'weeklyStart');
      expect(c.openTaskElements()).to.deep.equal(['report', 'work']);
      const deadline = onlyAt(c, 'deadlineStart');
      const fired = fire(c, 'deadlineStart');
      expect(closedSubscriptionIds(fired)).to.have.members([deadline.id, weekly.id]);
      expect(c.state!.subscriptions).to.deep.equal([]);
      expect(c.openTaskElements()).to.deep.equal(['close']);
      expect(() => c.send({ type: 'trigger', subscriptionId: deadline.id })).to.throw(CommandRejected);
    });

    it('non-interrupting: is closed when the main flow completes first', async () => {
      const c = new TestCase(await withTimerEventSubProcess(false)).start();
      const { id } = onlyAt(c, 'espStart');
      const completed = effectsOf(c, { type: 'complete-task', taskId: c.task('work').id });
      expect(closedSubscriptionIds(completed)).to.deep.equal([id]);
      expect(c.status).to.equal('completed');
    });
  });
});
