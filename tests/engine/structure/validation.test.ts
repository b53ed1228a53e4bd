import { expect } from 'chai';
import { bpmn, chain, compile, flow, problemsOf } from '../helpers.js';
import { extensions, multiInstance, taskDefinition } from './helpers.js';

const messagesOf = async (xml: string) => (await problemsOf(xml)).map((p) => p.message);

/** A process start → <element id="x"> → end, around the given element. */
const around = (element: string, rootElements = '') =>
  bpmn(`<bpmn:startEvent id="s"/>${element}<bpmn:endEvent id="e"/>${chain('s', 'x', 'e')}`, { rootElements });

const subProcess = (inner: string, attributes = '') => `<bpmn:subProcess id="x" ${attributes}>${inner}</bpmn:subProcess>`;

describe('deploy-time validation of structure', () => {
  describe('notification (loket:notification)', () => {
    it('accepts a template with a subject on any step', async () => {
      expect(await messagesOf(around('<bpmn:userTask id="x" loket:notification="bevestiging.hbs" loket:notificationSubject="Ontvangen"/>'))).to.deep.equal([]);
      expect(await messagesOf(around('<bpmn:task id="x" loket:notification="klaar.hbs" loket:notificationSubject="Klaar: {{naam}}"/>'))).to.deep.equal([]);
    });

    it('refuses a subject without a template, a template that is no *.hbs and a template without a subject', async () => {
      expect(await messagesOf(around('<bpmn:task id="x" loket:notificationSubject="Hallo"/>'))).to.deep.equal([
        'Task x has a notification subject (loket:notificationSubject) but no template (loket:notification)',
      ]);
      expect(await messagesOf(around('<bpmn:task id="x" loket:notification="brief.txt" loket:notificationSubject="Hallo"/>'))).to.deep.equal([
        'the notification template of Task x must be the name of a *.hbs resource, not "brief.txt"',
      ]);
      expect(await messagesOf(around('<bpmn:task id="x" loket:notification="brief.hbs"/>'))).to.deep.equal([
        'the notification of Task x needs a subject line (loket:notificationSubject)',
      ]);
    });
  });

  describe("citizen's action (loket:citizenAction)", () => {
    const message = '<bpmn:message id="m" name="nog-defect"><bpmn:extensionElements><zeebe:subscription correlationKey="=werkbon"/></bpmn:extensionElements></bpmn:message>';

    it('accepts it on a step that waits for a message and gives the element its words', async () => {
      const xml = around('<bpmn:intermediateCatchEvent id="x" loket:citizenAction=" De lamp brandt nog altijd niet "><bpmn:messageEventDefinition id="md" messageRef="m"/></bpmn:intermediateCatchEvent>', message);
      expect(await messagesOf(xml)).to.deep.equal([]);
      expect((await compile(xml)).elements.get('x')!.citizenAction).to.equal('De lamp brandt nog altijd niet');
      expect(await messagesOf(around('<bpmn:receiveTask id="x" messageRef="m" loket:citizenAction="Ik heb de stukken opgestuurd"/>', message))).to.deep.equal([]);
    });

    it('refuses it on a step that waits for something else, and without words', async () => {
      expect(await messagesOf(around('<bpmn:userTask id="x" loket:citizenAction="Doe iets"/>'))).to.deep.equal([
        "UserTask x has a citizen's action (loket:citizenAction), but only a step that waits for a message can offer one",
      ]);
      expect(await messagesOf(around('<bpmn:intermediateCatchEvent id="x" loket:citizenAction="Wacht"><bpmn:timerEventDefinition id="td"><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>'))).to.deep.equal([
        "IntermediateCatchEvent x has a citizen's action (loket:citizenAction), but only a step that waits for a message can offer one",
      ]);
      expect(await messagesOf(around('<bpmn:receiveTask id="x" messageRef="m" loket:citizenAction=" "/>', message))).to.deep.equal([
        "the citizen's action of ReceiveTask x needs the words of its button",
      ]);
    });
  });

  describe('deadline (loket:deadline)', () => {
    it('accepts a whole number of calendar or working days on a user task', async () => {
      for (const attributes of ['loket:deadline="10"', 'loket:deadline="1" loket:deadlineDays="working"', 'loket:deadline="3650" loket:deadlineDays="calendar"']) {
        expect(await messagesOf(around(`<bpmn:userTask id="x" ${attributes}/>`)), attributes).to.deep.equal([]);
      }
    });

    it('refuses other numbers, other ways of counting, a count without days, and a deadline elsewhere than on a user task', async () => {
      expect(await messagesOf(around('<bpmn:userTask id="x" loket:deadline="0"/>'))).to.deep.equal([
        'the deadline of UserTask x must be a whole number of days from 1 to 3650, not "0"',
      ]);
      expect(await messagesOf(around('<bpmn:userTask id="x" loket:deadline="2.5"/>'))).to.deep.equal([
        'the deadline of UserTask x must be a whole number of days from 1 to 3650, not "2.5"',
      ]);
      expect(await messagesOf(around('<bpmn:userTask id="x" loket:deadline="5" loket:deadlineDays="werkdagen"/>'))).to.deep.equal([
        'the deadline of UserTask x counts "calendar" or "working" days, not "werkdagen"',
      ]);
      expect(await messagesOf(around('<bpmn:userTask id="x" loket:deadlineDays="working"/>'))).to.deep.equal([
        'UserTask x says how its deadline counts days (loket:deadlineDays) but not how many (loket:deadline)',
      ]);
      expect(await messagesOf(around(`<bpmn:serviceTask id="x" loket:deadline="5">${extensions(taskDefinition('loket:mail'))}</bpmn:serviceTask>`))).to.deep.equal([
        'ServiceTask x has a deadline (loket:deadline), which only a user task can have',
      ]);
    });
  });

  describe('task settings', () => {
    it('requires a job type on a service task and a send task', async () => {
      expect(await messagesOf(around('<bpmn:serviceTask id="x" name="Mail sturen"/>'))).to.deep.equal([
        'ServiceTask "Mail sturen" (x) needs a job type (zeebe:taskDefinition type) for the worker that does it, e.g. loket:mail',
      ]);
      expect(await messagesOf(around('<bpmn:sendTask id="x"/>'))).to.deep.equal([
        'SendTask x needs a job type (zeebe:taskDefinition type) for the worker that does it, e.g. loket:mail',
      ]);
      expect(await messagesOf(around(`<bpmn:serviceTask id="x">${extensions('<zeebe:taskDefinition type=" "/>')}</bpmn:serviceTask>`))).to.deep.equal([
        'ServiceTask x has a job definition without a job type',
      ]);
      expect(await messagesOf(around(`<bpmn:serviceTask id="x">${extensions(taskDefinition('loket:mail'))}</bpmn:serviceTask>`))).to.deep.equal([]);
    });

    it('requires an input collection on a multi-instance activity, and an output element with an output collection', async () => {
      const loop = (attributes: string) =>
        `<bpmn:userTask id="x"><bpmn:multiInstanceLoopCharacteristics>${extensions(`<zeebe:loopCharacteristics ${attributes}/>`)}</bpmn:multiInstanceLoopCharacteristics></bpmn:userTask>`;
      expect(await messagesOf(around(loop('inputElement="item"')))).to.deep.equal([
        'UserTask x is multi-instance but has no input collection (zeebe:loopCharacteristics inputCollection)',
      ]);
      expect(await messagesOf(around('<bpmn:userTask id="x"><bpmn:multiInstanceLoopCharacteristics/></bpmn:userTask>'))).to.deep.equal([
        'UserTask x is multi-instance but has no input collection (zeebe:loopCharacteristics inputCollection)',
      ]);
      expect(await messagesOf(around(loop('inputCollection="=items" outputCollection="out"')))).to.deep.equal([
        'UserTask x has an output collection but no output element to fill it with',
      ]);
      expect(await messagesOf(around(`<bpmn:userTask id="x">${multiInstance({ inputCollection: '=items', outputCollection: 'out', outputElement: '=r' })}</bpmn:userTask>`))).to.deep.equal([]);
    });

    it('requires the process a call activity calls', async () => {
      expect(await messagesOf(around('<bpmn:callActivity id="x"/>'))).to.deep.equal([
        'CallActivity x does not say which process to call (zeebe:calledElement processId)',
      ]);
      expect(await messagesOf(around(`<bpmn:callActivity id="x">${extensions('<zeebe:calledElement processId=""/>')}</bpmn:callActivity>`))).to.deep.equal([
        'CallActivity x does not say which process to call (zeebe:calledElement processId)',
      ]);
      expect(await messagesOf(around(`<bpmn:callActivity id="x">${extensions('<zeebe:calledElement processId="child"/>')}</bpmn:callActivity>`))).to.deep.equal([]);
    });

    it('refuses sequence flows into or out of an event subprocess', async () => {
      const eventSubProcess = `<bpmn:subProcess id="x" triggeredByEvent="true">
        <bpmn:startEvent id="es"><bpmn:signalEventDefinition signalRef="sig"/></bpmn:startEvent><bpmn:endEvent id="ee"/>${chain('es', 'ee')}
      </bpmn:subProcess>`;
      const messages = await messagesOf(around(eventSubProcess, '<bpmn:signal id="sig" name="stop"/>'));
      expect(messages).to.include('SubProcess x is an event subprocess and cannot have sequence flows');
      const alone = bpmn(`<bpmn:startEvent id="s"/><bpmn:endEvent id="e"/>${chain('s', 'e')}${eventSubProcess}`, { rootElements: '<bpmn:signal id="sig" name="stop"/>' });
      expect(await messagesOf(alone)).to.deep.equal([]);
    });
  });

  describe('supported elements', () => {
    it('refuses a standard loop', async () => {
      expect(await messagesOf(around('<bpmn:userTask id="x"><bpmn:standardLoopCharacteristics/></bpmn:userTask>'))).to.deep.equal([
        'UserTask x is a standard loop, which Loket cannot execute; use a multi-instance marker or a gateway loop',
      ]);
    });

    it('refuses a compensation handler', async () => {
      const xml = bpmn(`<bpmn:startEvent id="s"/><bpmn:endEvent id="e"/>${chain('s', 'e')}<bpmn:serviceTask id="undo" isForCompensation="true">${extensions(taskDefinition('x'))}</bpmn:serviceTask>`);
      expect(await messagesOf(xml)).to.deep.equal(['ServiceTask undo is a compensation handler; Loket does not execute compensation']);
    });

    it('refuses a transaction', async () => {
      const transaction = `<bpmn:transaction id="x" name="Betaling"><bpmn:startEvent id="ts"/><bpmn:endEvent id="te"/>${chain('ts', 'te')}</bpmn:transaction>`;
      expect(await messagesOf(around(transaction))).to.deep.equal([
        'Transaction "Betaling" (x) is an element kind Loket cannot execute: transactions need compensation, which Loket does not execute',
      ]);
    });
  });

  describe('start events of subprocesses', () => {
    it('requires exactly one start event without a trigger in an embedded subprocess', async () => {
      const none = await messagesOf(around(subProcess('<bpmn:userTask id="inner"/>')));
      expect(none).to.deep.equal(['SubProcess x needs exactly one start event, without a trigger']);

      const timed = subProcess(
        '<bpmn:startEvent id="ts"><bpmn:timerEventDefinition><bpmn:timeDuration xsi:type="bpmn:tFormalExpression">PT1H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:startEvent>',
      );
      expect(await messagesOf(around(timed))).to.deep.equal(['SubProcess x needs exactly one start event, without a trigger']);

      const two = subProcess('<bpmn:startEvent id="a"/><bpmn:startEvent id="b"/>');
      expect(await messagesOf(around(two))).to.deep.equal(['SubProcess x needs exactly one start event, without a trigger']);

      expect(await messagesOf(around(subProcess(`<bpmn:startEvent id="ss"/><bpmn:endEvent id="se"/>${chain('ss', 'se')}`)))).to.deep.equal([]);
    });
  });

  describe('sequence flows', () => {
    it('refuses a flow that crosses the border of a subprocess', async () => {
      const xml = bpmn(`<bpmn:startEvent id="s"/>
        ${subProcess(`<bpmn:startEvent id="ss"/><bpmn:userTask id="inner"/>${chain('ss', 'inner')}`)}
        <bpmn:endEvent id="e"/>${chain('s', 'x', 'e')}${flow('jump', 's', 'inner')}`);
      expect(await messagesOf(xml)).to.include('sequence flow jump crosses the border of a subprocess; connect to the subprocess itself');
    });

    it('requires a condition on every flow out of an inclusive gateway but its default', async () => {
      const gateway = (withDefault: boolean, conditionOnB: boolean) =>
        bpmn(`<bpmn:startEvent id="s"/><bpmn:inclusiveGateway id="g" ${withDefault ? 'default="toC"' : ''}/>
          <bpmn:endEvent id="a"/><bpmn:endEvent id="b"/><bpmn:endEvent id="c"/>
          ${chain('s', 'g')}${flow('toA', 'g', 'a', '=x')}${flow('toB', 'g', 'b', conditionOnB ? '=y' : undefined)}${flow('toC', 'g', 'c')}`);
      expect(await messagesOf(gateway(true, false))).to.deep.equal([
        'sequence flow toB leaves InclusiveGateway g without a condition and is not its default flow',
      ]);
      expect(await messagesOf(gateway(false, true))).to.deep.equal([
        'sequence flow toC leaves InclusiveGateway g without a condition and is not its default flow',
      ]);
      expect(await messagesOf(gateway(true, true))).to.deep.equal([]);
    });

    it('refuses a condition on a flow out of a parallel gateway or a task', async () => {
      const xml = bpmn(`<bpmn:startEvent id="s"/><bpmn:parallelGateway id="g"/><bpmn:task id="t"/><bpmn:endEvent id="e"/>
        ${chain('s', 'g')}${flow('toT', 'g', 't', '=x')}${flow('toE', 't', 'e', '=y')}`);
      expect(await messagesOf(xml)).to.deep.equal([
        'sequence flow toT has a condition, but leaves ParallelGateway g: only exclusive and inclusive gateways choose flows by condition',
        'sequence flow toE has a condition, but leaves Task t: only exclusive and inclusive gateways choose flows by condition',
      ]);
    });
  });
});
