import { expect } from 'chai';
import { bpmn, chain, compile, TestCase } from '../helpers.js';
import { elementsWith, historyIn, tokenElements } from './helpers.js';

const ESCALATIONS = '<bpmn:escalation id="esc_late" name="Te laat" escalationCode="TE_LAAT"/>';

/**
 * A subprocess that throws the escalation on its way from "prepare" to "finish"; the escalation boundary
 * "late" sits on the subprocess and leads to "notify".
 */
const escalatingSubprocess = (boundary: string) =>
  compile(
    bpmn(`<bpmn:startEvent id="s"/>
      <bpmn:subProcess id="sub">
        <bpmn:startEvent id="subStart"/>
        <bpmn:userTask id="prepare"/>
        <bpmn:intermediateThrowEvent id="raise"><bpmn:escalationEventDefinition escalationRef="esc_late"/></bpmn:intermediateThrowEvent>
        <bpmn:userTask id="finish"/>
        ${chain('subStart', 'prepare', 'raise', 'finish')}
      </bpmn:subProcess>
      ${boundary}
      <bpmn:userTask id="notify"/>
      <bpmn:userTask id="afterSub"/>
      ${chain('s', 'sub', 'afterSub')}`, { rootElements: ESCALATIONS }),
  );

const boundary = (interrupting: boolean, escalationRef = 'esc_late') => `
  <bpmn:boundaryEvent id="late" attachedToRef="sub" cancelActivity="${interrupting}"><bpmn:escalationEventDefinition escalationRef="${escalationRef}"/></bpmn:boundaryEvent>
  ${chain('late', 'notify')}`;

describe('escalation events', () => {
  it('a non-interrupting boundary on the subprocess takes its path while the thrower goes on', async () => {
    const c = new TestCase(await escalatingSubprocess(boundary(false))).start().complete('prepare');
    expect(c.openTaskElements()).to.deep.equal(['finish', 'notify']);
    expect(historyIn(c.effects, 'escalation-thrown')[0]).to.deep.include({ elementId: 'raise', data: { escalationCode: 'TE_LAAT', caught: true } });
    expect(elementsWith(c, 'element-completed')).to.include('raise');
    expect(elementsWith(c, 'element-terminated')).to.deep.equal([]);

    c.complete('finish');
    expect(c.openTaskElements()).to.deep.equal(['afterSub', 'notify']);
    c.complete('notify');
    expect(c.status).to.equal('active');
  });

  it('an interrupting boundary terminates the subprocess, the thrower with it', async () => {
    const c = new TestCase(await escalatingSubprocess(boundary(true))).start().complete('prepare');
    expect(c.openTaskElements()).to.deep.equal(['notify']);
    expect(elementsWith(c, 'element-terminated')).to.have.members(['raise', 'sub']);
    expect(elementsWith(c, 'element-completed')).to.not.include('raise');
    expect(elementsWith(c, 'element-completed')).to.not.include('sub');
    expect(tokenElements(c)).to.deep.equal(['notify']);
  });

  it('an uncaught escalation is no incident: the thrower goes on', async () => {
    const c = new TestCase(await escalatingSubprocess('')).start().complete('prepare');
    expect(c.status).to.equal('active');
    expect(c.state!.incidents).to.deep.equal([]);
    expect(c.openTaskElements()).to.deep.equal(['finish']);
    expect(historyIn(c.effects, 'escalation-thrown')[0]!.data).to.deep.equal({ escalationCode: 'TE_LAAT', caught: false });
  });

  it('a boundary for another code does not catch it; one without a code catches every escalation', async () => {
    const other = '<bpmn:escalation id="esc_other" escalationCode="ANDERS"/>';
    const withOther = await compile(
      bpmn(`<bpmn:startEvent id="s"/>
        <bpmn:subProcess id="sub">
          <bpmn:startEvent id="subStart"/>
          <bpmn:intermediateThrowEvent id="raise"><bpmn:escalationEventDefinition escalationRef="esc_late"/></bpmn:intermediateThrowEvent>
          <bpmn:userTask id="finish"/>
          ${chain('subStart', 'raise', 'finish')}
        </bpmn:subProcess>
        <bpmn:boundaryEvent id="otherCode" attachedToRef="sub" cancelActivity="false"><bpmn:escalationEventDefinition escalationRef="esc_other"/></bpmn:boundaryEvent>
        <bpmn:boundaryEvent id="anyCode" attachedToRef="sub" cancelActivity="false"><bpmn:escalationEventDefinition/></bpmn:boundaryEvent>
        <bpmn:userTask id="viaOther"/><bpmn:userTask id="viaAny"/>
        ${chain('s', 'sub')}${chain('otherCode', 'viaOther')}${chain('anyCode', 'viaAny')}`, { rootElements: ESCALATIONS + other }),
    );
    const c = new TestCase(withOther).start();
    expect(c.openTaskElements()).to.deep.equal(['finish', 'viaAny']);
  });

  it('an escalation end event caught by a non-interrupting event subprocess of the case ends only its own path', async () => {
    const model = await compile(
      bpmn(`<bpmn:startEvent id="s"/>
        <bpmn:parallelGateway id="fork"/>
        <bpmn:userTask id="work"/>
        <bpmn:endEvent id="raiseEnd"><bpmn:escalationEventDefinition escalationRef="esc_late"/></bpmn:endEvent>
        ${chain('s', 'fork', 'work')}${chain('fork', 'raiseEnd')}
        <bpmn:subProcess id="onLate" triggeredByEvent="true">
          <bpmn:startEvent id="onLateStart" isInterrupting="false"><bpmn:escalationEventDefinition escalationRef="esc_late"/></bpmn:startEvent>
          <bpmn:userTask id="inform"/>
          ${chain('onLateStart', 'inform')}
        </bpmn:subProcess>`, { rootElements: ESCALATIONS }),
    );
    const c = new TestCase(model).start();
    expect(c.openTaskElements()).to.deep.equal(['inform', 'work']);
    expect(elementsWith(c, 'element-completed')).to.include('raiseEnd');
    c.complete('work');
    c.complete('inform');
    expect(c.status).to.equal('completed');
  });
});
