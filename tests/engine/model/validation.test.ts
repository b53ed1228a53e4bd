import { expect } from 'chai';
import { bpmn, chain, compile, flow, problemsOf } from '../helpers.js';

const messagesOf = async (xml: string, deployed = {}) => (await problemsOf(xml, deployed)).map((p) => p.message);

describe('model validation at deploy', () => {
  it('accepts a correct model', async () => {
    expect(await problemsOf(bpmn(`<bpmn:startEvent id="s"/><bpmn:userTask id="t"/><bpmn:endEvent id="e"/>${chain('s', 't', 'e')}`))).to.deep.equal([]);
  });

  it('reports malformed XML with its line', async () => {
    const problems = await problemsOf('<?xml version="1.0"?>\n<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL">\n<bpmn:process id="p">\n</bpmn:definitions>');
    expect(problems).to.have.length(1);
    expect(problems[0]!.line).to.equal(4);
    expect(problems[0]!.message).to.match(/cannot be read/);
  });

  it('reports XML that is not BPMN', async () => {
    const problems = await problemsOf('<html><body>hallo</body></html>');
    expect(problems).to.have.length.greaterThan(0);
  });

  it('names an element kind Loket cannot execute, with its id and line', async () => {
    const xml = bpmn(`<bpmn:startEvent id="s"/>
      <bpmn:complexGateway id="cg" name="Ingewikkeld"/>
      <bpmn:intermediateCatchEvent id="wait"><bpmn:timerEventDefinition id="td"/></bpmn:intermediateCatchEvent>
      ${chain('s', 'cg', 'wait')}`);
    const problems = await problemsOf(xml);
    expect(problems).to.deep.include({
      elementId: 'cg',
      line: 7,
      message: 'ComplexGateway "Ingewikkeld" (cg) is an element kind Loket cannot execute: complex gateways are not supported; model the join with an inclusive gateway',
      code: 'complex-gateway-unsupported',
    });
    expect(problems).to.deep.include({ elementId: 'wait', line: 8, message: 'IntermediateCatchEvent wait needs a time: a date (timeDate), a duration (timeDuration) or a cycle (timeCycle)', code: 'timer-without-time' });
  });

  it('refuses execution and task listeners rather than skipping them', async () => {
    const messages = await messagesOf(
      bpmn(`<bpmn:startEvent id="s"/>
        <bpmn:userTask id="t"><bpmn:extensionElements>
          <zeebe:executionListeners><zeebe:executionListener eventType="start" type="audit"/></zeebe:executionListeners>
          <zeebe:taskListeners><zeebe:taskListener eventType="completing" type="check"/></zeebe:taskListeners>
        </bpmn:extensionElements></bpmn:userTask>${chain('s', 't')}`),
    );
    expect(messages).to.deep.equal([
      'UserTask t has execution listeners, which Loket cannot execute yet',
      'UserTask t has task listeners, which Loket cannot execute yet',
    ]);
    const problems = await problemsOf(
      bpmn(`<bpmn:startEvent id="s"/>
        <bpmn:userTask id="t"><bpmn:extensionElements>
          <zeebe:taskListeners><zeebe:taskListener eventType="completing" type="check"/></zeebe:taskListeners>
        </bpmn:extensionElements></bpmn:userTask>${chain('s', 't')}`),
    );
    expect(problems.map((p) => p.code)).to.deep.equal(['task-listeners-unsupported']);
  });

  it('refuses event definitions it cannot run, and events that miss what they need', async () => {
    const messages = await messagesOf(
      bpmn(`<bpmn:startEvent id="s"><bpmn:messageEventDefinition id="md"/></bpmn:startEvent>
        <bpmn:intermediateThrowEvent id="c"><bpmn:compensateEventDefinition id="cd"/></bpmn:intermediateThrowEvent>
        <bpmn:intermediateCatchEvent id="l"><bpmn:linkEventDefinition id="ld" name="x"/></bpmn:intermediateCatchEvent>
        <bpmn:endEvent id="e"/>${chain('s', 'c', 'l', 'e')}`),
    );
    expect(messages).to.include.members([
      'StartEvent s needs a message with a name',
      'IntermediateThrowEvent c is a compensate event, which Loket cannot execute',
      'IntermediateCatchEvent l is a link event, which Loket cannot execute',
    ]);
    const linked = await problemsOf(
      bpmn(`<bpmn:startEvent id="s"/><bpmn:intermediateCatchEvent id="l"><bpmn:linkEventDefinition id="ld" name="x"/></bpmn:intermediateCatchEvent>${chain('s', 'l')}`),
    );
    expect(linked.map(({ code, params }) => ({ code, params }))).to.deep.equal([{ code: 'event-kind-unsupported', params: { kind: 'link' } }]);
  });

  it('checks a mapping source written without "=" as the FEEL it runs as', async () => {
    const messages = await messagesOf(
      bpmn(`<bpmn:startEvent id="s"/>
        <bpmn:userTask id="t"><bpmn:extensionElements><zeebe:ioMapping><zeebe:input source="a +" target="b"/></zeebe:ioMapping></bpmn:extensionElements></bpmn:userTask>
        ${chain('s', 't')}`),
    );
    expect(messages).to.deep.equal(['the input mapping to "b" of UserTask t: FEEL syntax error at position 4 in "a +"']);
  });

  it('reports a FEEL condition that does not parse, naming the flow', async () => {
    const problems = await problemsOf(
      bpmn(`<bpmn:startEvent id="s"/><bpmn:exclusiveGateway id="g" default="fb"/><bpmn:endEvent id="a"/><bpmn:endEvent id="b"/>
        ${flow('f0', 's', 'g')}${flow('fa', 'g', 'a', '=amount >')}${flow('fb', 'g', 'b')}`),
    );
    expect(problems).to.have.length(1);
    expect(problems[0]).to.include({ elementId: 'fa' });
    expect(problems[0]!.message).to.match(/the condition of SequenceFlow fa: FEEL syntax error .* "amount >"/);
  });

  it('reports FEEL errors in scripts, mappings and assignments', async () => {
    const messages = await messagesOf(
      bpmn(`<bpmn:startEvent id="s"/>
        <bpmn:scriptTask id="sc"><bpmn:extensionElements><zeebe:script expression="=1 +" resultVariable="r"/></bpmn:extensionElements></bpmn:scriptTask>
        <bpmn:userTask id="t"><bpmn:extensionElements>
          <zeebe:assignmentDefinition candidateGroups="=foo("/>
          <zeebe:ioMapping><zeebe:input source="=[1," target="x"/></zeebe:ioMapping>
        </bpmn:extensionElements></bpmn:userTask>
        ${chain('s', 'sc', 't')}`),
    );
    expect(messages).to.have.length(3);
    expect(messages.join('\n')).to.match(/the script of ScriptTask sc/).and.match(/candidateGroups of UserTask t/).and.match(/input mapping to "x"/);
  });

  it('reports a gateway without outgoing flows and conditions where no gateway decides', async () => {
    const messages = await messagesOf(
      bpmn(`<bpmn:startEvent id="s"/><bpmn:parallelGateway id="g"/><bpmn:userTask id="t"/>
        ${flow('f0', 's', 'g')}${flow('f1', 's', 't', '=true')}`),
    );
    expect(messages).to.include('ParallelGateway g has no outgoing sequence flows');
    expect(messages.join()).to.match(/sequence flow f1 has a condition, but leaves StartEvent s/);
  });

  it('requires a condition on every non-default flow out of an exclusive gateway', async () => {
    const messages = await messagesOf(
      bpmn(`<bpmn:startEvent id="s"/><bpmn:exclusiveGateway id="g"/><bpmn:endEvent id="a"/><bpmn:endEvent id="b"/>
        ${flow('f0', 's', 'g')}${flow('fa', 'g', 'a', '=x')}${flow('fb', 'g', 'b')}`),
    );
    expect(messages).to.deep.equal(['sequence flow fb leaves ExclusiveGateway g without a condition and is not its default flow']);
  });

  it('gives each problem a code and its particulars, for the modeler to say it in Dutch beside the element', async () => {
    const xml = bpmn(`<bpmn:startEvent id="s"/>
      <bpmn:businessRuleTask id="b"><bpmn:extensionElements><zeebe:calledDecision decisionId="regels" resultVariable="r"/></bpmn:extensionElements></bpmn:businessRuleTask>
      <bpmn:exclusiveGateway id="g" name="Wie beslist?"/><bpmn:endEvent id="e1"/><bpmn:endEvent id="e2"/>
      ${chain('s', 'b', 'g')}${flow('f1', 'g', 'e1')}${flow('f2', 'g', 'e2')}`);
    const coded = (await problemsOf(xml)).map(({ elementId, code, params }) => ({ elementId, code, params }));
    expect(coded).to.deep.include({ elementId: 'b', code: 'decision-not-deployed', params: { decision: 'regels' } });
    expect(coded).to.deep.include({ elementId: 'f1', code: 'flow-without-condition', params: { gateway: 'Wie beslist?' } });
    expect(coded).to.deep.include({ elementId: 'f2', code: 'flow-without-condition', params: { gateway: 'Wie beslist?' } });
  });

  it('reports a decision or form that is not deployed', async () => {
    const xml = bpmn(`<bpmn:startEvent id="s"/>
      <bpmn:businessRuleTask id="b"><bpmn:extensionElements><zeebe:calledDecision decisionId="regels" resultVariable="r"/></bpmn:extensionElements></bpmn:businessRuleTask>
      <bpmn:userTask id="t"><bpmn:extensionElements><zeebe:formDefinition formId="intake"/></bpmn:extensionElements></bpmn:userTask>
      ${chain('s', 'b', 't')}`);
    expect(await messagesOf(xml)).to.deep.equal([
      'BusinessRuleTask b calls decision "regels", which is not deployed',
      'UserTask t uses form "intake", which is not deployed',
    ]);
    expect(await messagesOf(xml, { decisions: ['regels'], forms: ['intake'] })).to.deep.equal([]);
  });

  it('requires the zeebe settings a script or business rule task runs on', async () => {
    const messages = await messagesOf(
      bpmn(`<bpmn:startEvent id="s"/><bpmn:scriptTask id="sc"/><bpmn:businessRuleTask id="b"/>${chain('s', 'sc', 'b')}`),
    );
    expect(messages.join('\n')).to.match(/ScriptTask sc needs a FEEL script/).and.match(/BusinessRuleTask b needs a called decision/);
  });

  it('reports a process without a start event and a file without an executable process', async () => {
    expect(await messagesOf(bpmn(`<bpmn:userTask id="t"/>`))).to.deep.equal(['process p has no start event']);
    const notExecutable = bpmn('<bpmn:startEvent id="s"/>').replace('isExecutable="true"', 'isExecutable="false"');
    expect(await messagesOf(notExecutable)).to.deep.equal(['the file has no executable process']);
  });

  it('reports every problem at once, not only the first', async () => {
    const problems = await problemsOf(
      bpmn(`<bpmn:startEvent id="s"/><bpmn:sendTask id="x"/><bpmn:exclusiveGateway id="g"/>${flow('f0', 's', 'x')}${flow('f1', 'x', 'g')}`),
    );
    expect(problems.map((p) => p.elementId)).to.include.members(['x', 'g']);
  });
});

describe('model compilation', () => {
  it('keeps the start form and the forms of user tasks', async () => {
    const xml = bpmn(`<bpmn:startEvent id="s"><bpmn:extensionElements><zeebe:formDefinition formId="aanvraag"/></bpmn:extensionElements></bpmn:startEvent>
      <bpmn:userTask id="t"><bpmn:extensionElements><zeebe:formDefinition formId="intake"/></bpmn:extensionElements></bpmn:userTask>
      ${chain('s', 't')}`);
    expect(await messagesOf(xml, { forms: ['intake'] })).to.deep.equal(['StartEvent s uses form "aanvraag", which is not deployed']);
    const model = await compile(xml, { forms: ['intake', 'aanvraag'] });
    expect(model.elements.get('s')).to.include({ kind: 'startEvent', formKey: 'aanvraag' });
    expect(model.referencedForms).to.deep.equal(['aanvraag', 'intake']);
    expect(Object.isFrozen(model.elements.get('t'))).to.equal(true);
  });
});
