import { expect } from 'chai';
import { bpmn, chain, compile, TestCase } from '../helpers.js';
import { closedSubscriptionIds, fire, historyIn, message, onlyAt, timer, tokenElements } from './helpers.js';

/**
 * A subprocess that forks into two user tasks and has an event subprocess (timer) of its own; the message
 * boundary "withdrawn" sits on the subprocess.
 */
const subprocessWithMessageBoundary = (interrupting: boolean) =>
  compile(
    bpmn(`<bpmn:startEvent id="s"/>
      <bpmn:subProcess id="sub">
        <bpmn:startEvent id="subStart"/>
        <bpmn:parallelGateway id="fork"/>
        <bpmn:userTask id="checkA"/>
        <bpmn:userTask id="checkB"/>
        <bpmn:parallelGateway id="join"/>
        <bpmn:endEvent id="subEnd"/>
        ${chain('subStart', 'fork', 'checkA', 'join', 'subEnd')}${chain('fork', 'checkB', 'join')}
        <bpmn:subProcess id="reminders" triggeredByEvent="true">
          <bpmn:startEvent id="remindStart" isInterrupting="false">${timer('timeDuration', 'P7D')}</bpmn:startEvent>
          <bpmn:userTask id="remind"/>
          ${chain('remindStart', 'remind')}
        </bpmn:subProcess>
      </bpmn:subProcess>
      <bpmn:boundaryEvent id="withdrawn" attachedToRef="sub" cancelActivity="${interrupting}"><bpmn:messageEventDefinition messageRef="m"/></bpmn:boundaryEvent>
      <bpmn:userTask id="archive"/>
      <bpmn:userTask id="afterSub"/>
      ${chain('s', 'sub', 'afterSub')}${chain('withdrawn', 'archive')}`, { rootElements: message('m', 'ingetrokken', '=zaak') }),
  );

describe('boundary events on a subprocess with open children', () => {
  it('an interrupting message boundary closes both open tasks, terminates the subprocess and takes its own path', async () => {
    const c = new TestCase(await subprocessWithMessageBoundary(true)).start({ zaak: 'Z1' });
    const sub = c.state!.tokens.find((token) => token.elementId === 'sub')!;
    expect(onlyAt(c, 'withdrawn').ownerId).to.equal(sub.id);
    const reminderId = onlyAt(c, 'remindStart').id;
    const a = c.task('checkA');
    const b = c.task('checkB');

    const effects = fire(c, 'withdrawn', { reden: 'verhuisd' });
    expect(effects).to.deep.include({ type: 'task-closed', taskId: a.id, reason: 'terminated' });
    expect(effects).to.deep.include({ type: 'task-closed', taskId: b.id, reason: 'terminated' });
    expect(closedSubscriptionIds(effects)).to.include(reminderId);
    const terminated = historyIn(effects, 'element-terminated').map((e) => e.elementId);
    expect(terminated).to.have.members(['checkA', 'checkB', 'sub']);
    expect(terminated.at(-1)).to.equal('sub');
    expect(historyIn(effects, 'sequence-flow-taken').map((e) => e.elementId)).to.deep.equal(['f_withdrawn_archive']);
    expect(c.openTaskElements()).to.deep.equal(['archive']);
    expect(tokenElements(c)).to.deep.equal(['archive']);
    expect(c.state!.subscriptions).to.deep.equal([]);
    expect(Object.keys(c.state!.scopes)).to.deep.equal(['case1']);
    expect(c.variables.reden).to.equal('verhuisd');
  });

  it('also terminates a running instance of the subprocess’s own event subprocess', async () => {
    const c = new TestCase(await subprocessWithMessageBoundary(true)).start({ zaak: 'Z1' });
    fire(c, 'remindStart');
    expect(c.openTaskElements()).to.deep.equal(['checkA', 'checkB', 'remind']);
    const remind = c.task('remind');
    const effects = fire(c, 'withdrawn');
    expect(effects).to.deep.include({ type: 'task-closed', taskId: remind.id, reason: 'terminated' });
    expect(historyIn(effects, 'element-terminated').map((e) => e.elementId)).to.include.members(['remind', 'reminders']);
    expect(c.openTaskElements()).to.deep.equal(['archive']);
  });

  it('a non-interrupting one leaves the children running and the subprocess completes normally later', async () => {
    const c = new TestCase(await subprocessWithMessageBoundary(false)).start({ zaak: 'Z1' });
    fire(c, 'withdrawn');
    expect(c.openTaskElements()).to.deep.equal(['archive', 'checkA', 'checkB']);
    c.complete('checkA').complete('checkB');
    expect(c.openTaskElements()).to.deep.equal(['afterSub', 'archive']);
    expect(c.state!.subscriptions).to.deep.equal([]);
  });
});
