import { expect } from 'chai';
import { bpmn, chain, problemsOf } from '../helpers.js';
import { message, timer } from './helpers.js';

const messagesOf = async (xml: string) => (await problemsOf(xml)).map((problem) => problem.message);

/** A start → catching element → end process, for checking one event's settings. */
const around = (element: string, rootElements = '', extra = '') =>
  bpmn(`<bpmn:startEvent id="s"/>${element}<bpmn:endEvent id="e"/>${chain('s', 'x', 'e')}${extra}`, { rootElements });

/** A user task "work" with the given boundary event "b" on it, the boundary leading to an end event. */
const withBoundary = (boundary: string, rootElements = '') =>
  bpmn(`<bpmn:startEvent id="s"/><bpmn:userTask id="work"/><bpmn:endEvent id="e"/><bpmn:endEvent id="be"/>
    ${boundary}${chain('s', 'work', 'e')}${chain('b', 'be')}`, { rootElements });

describe('deploy-time validation of events', () => {
  it('accepts a model that uses every event correctly', async () => {
    const xml = bpmn(`<bpmn:startEvent id="s"/>
      <bpmn:eventBasedGateway id="race"/>
      <bpmn:intermediateCatchEvent id="paid"><bpmn:messageEventDefinition messageRef="m"/></bpmn:intermediateCatchEvent>
      <bpmn:intermediateCatchEvent id="wait">${timer('timeDuration', '=duration(termijn)')}</bpmn:intermediateCatchEvent>
      <bpmn:subProcess id="sub">
        <bpmn:startEvent id="subStart"/>
        <bpmn:receiveTask id="receive" messageRef="m"/>
        <bpmn:intermediateThrowEvent id="raise"><bpmn:escalationEventDefinition escalationRef="esc"/></bpmn:intermediateThrowEvent>
        <bpmn:endEvent id="fail"><bpmn:errorEventDefinition errorRef="err"/></bpmn:endEvent>
        ${chain('subStart', 'receive', 'raise', 'fail')}
      </bpmn:subProcess>
      <bpmn:boundaryEvent id="onError" attachedToRef="sub"><bpmn:errorEventDefinition errorRef="err"/></bpmn:boundaryEvent>
      <bpmn:boundaryEvent id="onEscalation" attachedToRef="sub" cancelActivity="false"><bpmn:escalationEventDefinition/></bpmn:boundaryEvent>
      <bpmn:boundaryEvent id="every" attachedToRef="sub" cancelActivity="false">${timer('timeCycle', 'R3/PT1H')}</bpmn:boundaryEvent>
      <bpmn:endEvent id="done"><bpmn:terminateEventDefinition/></bpmn:endEvent>
      <bpmn:endEvent id="e1"/><bpmn:endEvent id="e2"/><bpmn:endEvent id="e3"/>
      ${chain('s', 'race', 'paid', 'sub', 'done')}${chain('race', 'wait', 'e1')}${chain('onError', 'e2')}${chain('onEscalation', 'e3')}
      <bpmn:endEvent id="e4"/>${chain('every', 'e4')}`, {
      rootElements: message('m', 'betaald', '=orderId') + '<bpmn:error id="err" errorCode="FOUT"/><bpmn:escalation id="esc" escalationCode="ESC"/>',
    });
    expect(await problemsOf(xml)).to.deep.equal([]);
  });

  describe('messages', () => {
    it('refuses a message event whose message has no name', async () => {
      const xml = around(`<bpmn:intermediateCatchEvent id="x"><bpmn:messageEventDefinition messageRef="m"/></bpmn:intermediateCatchEvent>`, '<bpmn:message id="m"/>');
      expect(await problemsOf(xml)).to.deep.include({ elementId: 'x', line: 6, message: 'IntermediateCatchEvent x needs a message with a name', code: 'message-without-name' });
    });

    it('refuses a catching message event and a receive task without a correlation key', async () => {
      const root = message('m', 'betaald');
      expect(await messagesOf(around(`<bpmn:intermediateCatchEvent id="x"><bpmn:messageEventDefinition messageRef="m"/></bpmn:intermediateCatchEvent>`, root))).to.deep.equal([
        'IntermediateCatchEvent x needs a correlation key (zeebe:subscription correlationKey) to know which case a message is for',
      ]);
      expect(await messagesOf(around(`<bpmn:receiveTask id="x" messageRef="m"/>`, root))).to.deep.equal([
        'ReceiveTask x needs a correlation key (zeebe:subscription correlationKey)',
      ]);
      expect(await messagesOf(around(`<bpmn:receiveTask id="x"/>`, root))).to.deep.equal(['ReceiveTask x needs a message with a name']);
    });

    it('takes a correlation key on the element itself (older models) as well', async () => {
      const xml = around(
        `<bpmn:intermediateCatchEvent id="x"><bpmn:extensionElements><zeebe:subscription correlationKey="=zaak"/></bpmn:extensionElements><bpmn:messageEventDefinition messageRef="m"/></bpmn:intermediateCatchEvent>`,
        message('m', 'betaald'),
      );
      expect(await problemsOf(xml)).to.deep.equal([]);
    });

    it('needs no correlation key on a process message start event, but a fixed name there', async () => {
      const ok = bpmn(`<bpmn:startEvent id="s"><bpmn:messageEventDefinition messageRef="m"/></bpmn:startEvent><bpmn:endEvent id="e"/>${chain('s', 'e')}`, {
        rootElements: message('m', 'aanvraag'),
      });
      expect(await problemsOf(ok)).to.deep.equal([]);
      const dynamic = bpmn(`<bpmn:startEvent id="s"><bpmn:messageEventDefinition messageRef="m"/></bpmn:startEvent><bpmn:endEvent id="e"/>${chain('s', 'e')}`, {
        rootElements: message('m', '=soort'),
      });
      expect(await messagesOf(dynamic)).to.deep.equal(['the message name of start event s must be fixed text, not an expression']);
    });

    it('needs a correlation key on the message start of an event subprocess', async () => {
      const xml = bpmn(`<bpmn:startEvent id="s"/><bpmn:userTask id="t"/>${chain('s', 't')}
        <bpmn:subProcess id="esp" triggeredByEvent="true">
          <bpmn:startEvent id="espStart" isInterrupting="false"><bpmn:messageEventDefinition messageRef="m"/></bpmn:startEvent>
          <bpmn:endEvent id="espEnd"/>${chain('espStart', 'espEnd')}
        </bpmn:subProcess>`, { rootElements: message('m', 'vraag') });
      expect(await messagesOf(xml)).to.deep.equal([
        'StartEvent espStart needs a correlation key (zeebe:subscription correlationKey) to know which case a message is for',
      ]);
    });

    it('refuses a message throw event without a job type for the worker that sends it', async () => {
      const xml = around(`<bpmn:intermediateThrowEvent id="x"><bpmn:messageEventDefinition messageRef="m"/></bpmn:intermediateThrowEvent>`, message('m', 'brief'));
      expect(await messagesOf(xml)).to.deep.equal(['IntermediateThrowEvent x throws a message: give it a job type (zeebe:taskDefinition) so a worker sends it']);
    });
  });

  describe('timers', () => {
    it('refuses a timer without a time', async () => {
      const xml = around(`<bpmn:intermediateCatchEvent id="x"><bpmn:timerEventDefinition/></bpmn:intermediateCatchEvent>`);
      expect(await messagesOf(xml)).to.deep.equal([
        'IntermediateCatchEvent x needs a time: a date (timeDate), a duration (timeDuration) or a cycle (timeCycle)',
      ]);
      const blank = around(`<bpmn:intermediateCatchEvent id="x">${timer('timeDuration', '  ')}</bpmn:intermediateCatchEvent>`);
      expect(await messagesOf(blank)).to.have.length(1);
    });

    it('refuses a fixed timer text that is no date, duration or cycle, naming the text', async () => {
      const duration = await messagesOf(around(`<bpmn:intermediateCatchEvent id="x">${timer('timeDuration', 'twee dagen')}</bpmn:intermediateCatchEvent>`));
      expect(duration).to.have.length(1);
      expect(duration[0]).to.match(/^IntermediateCatchEvent x: .*twee dagen/);
      const date = await messagesOf(around(`<bpmn:intermediateCatchEvent id="x">${timer('timeDate', '2026-13-45')}</bpmn:intermediateCatchEvent>`));
      expect(date).to.have.length(1);
      expect(date[0]).to.match(/^IntermediateCatchEvent x: .*2026-13-45/);
      const cycle = await messagesOf(withBoundary(`<bpmn:boundaryEvent id="b" attachedToRef="work" cancelActivity="false">${timer('timeCycle', 'R3/elk uur')}</bpmn:boundaryEvent>`));
      expect(cycle).to.have.length(1);
      expect(cycle[0]).to.match(/^BoundaryEvent b: /);
      const [problem] = await problemsOf(around(`<bpmn:intermediateCatchEvent id="x">${timer('timeDuration', 'twee dagen')}</bpmn:intermediateCatchEvent>`));
      expect(problem).to.include({ code: 'timer-text-invalid' }).and.have.deep.property('params', { text: 'twee dagen' });
    });

    it('leaves a FEEL timer to run time, where a bad value is an incident', async () => {
      const xml = around(`<bpmn:intermediateCatchEvent id="x">${timer('timeDuration', '=wachttijd')}</bpmn:intermediateCatchEvent>`);
      expect(await problemsOf(xml)).to.deep.equal([]);
    });

    it('works out the FEEL of a process timer start event at deploy, where there are no variables yet', async () => {
      const startTimer = (kind: 'timeDate' | 'timeCycle', text: string) =>
        bpmn(`<bpmn:startEvent id="s">${timer(kind, text)}</bpmn:startEvent><bpmn:endEvent id="e"/>${chain('s', 'e')}`);
      expect(await problemsOf(startTimer('timeDate', '=date and time("2027-01-01T09:00:00Z")'))).to.deep.equal([]);
      expect(await problemsOf(startTimer('timeCycle', '="R/P" + string(7) + "D"'))).to.deep.equal([]);
      const needsVariable = await messagesOf(startTimer('timeCycle', '=interval'));
      expect(needsVariable).to.have.length(1);
      expect(needsVariable[0]).to.match(/^StartEvent s: the timer \("=interval"\) is worked out at deploy, without any variables, .*gives null, not a text$/);
      const [problem] = await problemsOf(startTimer('timeCycle', '=interval'));
      expect(problem).to.include({ code: 'timer-start-expression' }).and.have.deep.property('params', { expression: '=interval' });
      const badText = await messagesOf(startTimer('timeDate', '="volgende week"'));
      expect(badText).to.have.length(1);
      expect(badText[0]).to.match(/^StartEvent s: the timer .*volgende week/);
    });

    it('refuses a cycle where a timer fires only once: a catch event, an interrupting boundary', async () => {
      const catchCycle = await messagesOf(around(`<bpmn:intermediateCatchEvent id="x">${timer('timeCycle', 'R3/PT1H')}</bpmn:intermediateCatchEvent>`));
      expect(catchCycle).to.deep.equal(['IntermediateCatchEvent x: a timer catch event waits once; use a date or a duration, not a cycle']);
      const interrupting = await messagesOf(withBoundary(`<bpmn:boundaryEvent id="b" attachedToRef="work">${timer('timeCycle', 'R3/PT1H')}</bpmn:boundaryEvent>`));
      expect(interrupting).to.deep.equal(['BoundaryEvent b: an interrupting timer fires once; use a date or a duration, or make it non-interrupting']);
    });
  });

  describe('errors, escalations and signals', () => {
    it('refuses a non-interrupting error boundary event and a non-interrupting error start event', async () => {
      const boundary = await messagesOf(
        withBoundary(`<bpmn:boundaryEvent id="b" attachedToRef="work" cancelActivity="false"><bpmn:errorEventDefinition/></bpmn:boundaryEvent>`),
      );
      expect(boundary).to.deep.equal(['BoundaryEvent b: an error boundary event always interrupts its activity']);
      const start = await messagesOf(
        bpmn(`<bpmn:startEvent id="s"/><bpmn:userTask id="t"/>${chain('s', 't')}
          <bpmn:subProcess id="esp" triggeredByEvent="true">
            <bpmn:startEvent id="espStart" isInterrupting="false"><bpmn:errorEventDefinition/></bpmn:startEvent>
            <bpmn:endEvent id="espEnd"/>${chain('espStart', 'espEnd')}
          </bpmn:subProcess>`),
      );
      expect(start).to.deep.equal(['StartEvent espStart: an error start event always interrupts']);
    });

    it('refuses an error or escalation end event without a code to throw', async () => {
      const error = await messagesOf(bpmn(`<bpmn:startEvent id="s"/><bpmn:endEvent id="x"><bpmn:errorEventDefinition/></bpmn:endEvent>${chain('s', 'x')}`));
      expect(error).to.deep.equal(['EndEvent x needs an error with an error code to throw']);
      const escalation = await messagesOf(
        bpmn(`<bpmn:startEvent id="s"/><bpmn:endEvent id="x"><bpmn:escalationEventDefinition escalationRef="esc"/></bpmn:endEvent>${chain('s', 'x')}`, {
          rootElements: '<bpmn:escalation id="esc" name="zonder code"/>',
        }),
      );
      expect(escalation).to.deep.equal(['EndEvent x needs an escalation with an escalation code to throw']);
    });

    it('refuses an escalation boundary on a task or a call activity: escalations come only out of subprocesses', async () => {
      const messages = await messagesOf(withBoundary(`<bpmn:boundaryEvent id="b" attachedToRef="work"><bpmn:escalationEventDefinition/></bpmn:boundaryEvent>`));
      expect(messages).to.deep.equal(['BoundaryEvent b: escalations are caught only on subprocesses (a called process does not pass its escalations to the call activity yet)']);
      const onCall = await messagesOf(
        bpmn(`<bpmn:startEvent id="s"/>
          <bpmn:callActivity id="c"><bpmn:extensionElements><zeebe:calledElement processId="kind"/></bpmn:extensionElements></bpmn:callActivity>
          <bpmn:boundaryEvent id="b" attachedToRef="c"><bpmn:escalationEventDefinition/></bpmn:boundaryEvent>
          <bpmn:endEvent id="e"/><bpmn:endEvent id="e2"/>${chain('s', 'c', 'e')}${chain('b', 'e2')}`),
      );
      expect(onCall).to.deep.equal(['BoundaryEvent b: escalations are caught only on subprocesses (a called process does not pass its escalations to the call activity yet)']);
    });

    it('needs a process signal start event’s name to be worked out without variables', async () => {
      const start = (name: string) =>
        bpmn(`<bpmn:startEvent id="s"><bpmn:signalEventDefinition signalRef="sig"/></bpmn:startEvent><bpmn:endEvent id="e"/>${chain('s', 'e')}`, {
          rootElements: `<bpmn:signal id="sig" name="${name}"/>`,
        });
      expect(await problemsOf(start('=&quot;start-&quot; + &quot;subsidie&quot;'))).to.deep.equal([]);
      expect(await messagesOf(start('=&quot;start-&quot; + soort'))).to.deep.equal([
        'the signal name of start event s ("="start-" + soort") must give a text without any variables, as there is no case yet; it gives null',
      ]);
    });

    it('refuses a signal event whose signal has no name', async () => {
      const xml = around(`<bpmn:intermediateCatchEvent id="x"><bpmn:signalEventDefinition signalRef="sig"/></bpmn:intermediateCatchEvent>`, '<bpmn:signal id="sig"/>');
      expect(await messagesOf(xml)).to.deep.equal(['IntermediateCatchEvent x needs a signal with a name']);
    });
  });

  describe('boundary events', () => {
    it('refuses a boundary event attached to an element inside another subprocess', async () => {
      const xml = bpmn(`<bpmn:startEvent id="s"/>
        <bpmn:subProcess id="sub">
          <bpmn:startEvent id="subStart"/><bpmn:userTask id="inner"/>${chain('subStart', 'inner')}
        </bpmn:subProcess>
        <bpmn:boundaryEvent id="b" attachedToRef="inner">${timer('timeDuration', 'PT1H')}</bpmn:boundaryEvent>
        <bpmn:endEvent id="be"/>
        ${chain('s', 'sub')}${chain('b', 'be')}`);
      expect(await problemsOf(xml)).to.deep.include({ elementId: 'b', line: 10, message: 'BoundaryEvent b must sit in the same flow as the activity it is attached to', code: 'boundary-elsewhere' });
    });

    it('refuses a boundary event on something that is no activity, and one with incoming flows', async () => {
      const xml = bpmn(`<bpmn:startEvent id="s"/><bpmn:exclusiveGateway id="g"/><bpmn:endEvent id="e"/>
        <bpmn:boundaryEvent id="b" attachedToRef="g">${timer('timeDuration', 'PT1H')}</bpmn:boundaryEvent>
        <bpmn:endEvent id="be"/>
        ${chain('s', 'g', 'e')}${chain('b', 'be')}${chain('s', 'b')}`);
      expect(await messagesOf(xml)).to.include.members([
        'BoundaryEvent b must be attached to a task, subprocess or call activity',
        'BoundaryEvent b has incoming sequence flows',
      ]);
    });
  });

  describe('event-based gateway', () => {
    it('refuses an event-based gateway leading to a task', async () => {
      const xml = bpmn(`<bpmn:startEvent id="s"/>
        <bpmn:eventBasedGateway id="race"/>
        <bpmn:intermediateCatchEvent id="wait">${timer('timeDuration', 'PT1H')}</bpmn:intermediateCatchEvent>
        <bpmn:userTask id="task" name="Bellen"/>
        <bpmn:endEvent id="e1"/><bpmn:endEvent id="e2"/>
        ${chain('s', 'race', 'wait', 'e1')}${chain('race', 'task', 'e2')}`);
      expect(await problemsOf(xml)).to.deep.equal([
        {
          elementId: 'race',
          line: 7,
          message: 'EventBasedGateway race leads to UserTask "Bellen" (task); it may only lead to timer, message or signal catch events and receive tasks',
          code: 'event-gateway-target-kind',
          params: { target: 'Bellen' },
        },
      ]);
    });

    it('refuses an event-based gateway with a single way out', async () => {
      const xml = bpmn(`<bpmn:startEvent id="s"/>
        <bpmn:eventBasedGateway id="race"/>
        <bpmn:intermediateCatchEvent id="wait">${timer('timeDuration', 'PT1H')}</bpmn:intermediateCatchEvent>
        <bpmn:endEvent id="e1"/>
        ${chain('s', 'race', 'wait', 'e1')}`);
      expect(await messagesOf(xml)).to.deep.equal(['EventBasedGateway race needs at least two outgoing flows, each to an event that can happen']);
    });
  });
});
