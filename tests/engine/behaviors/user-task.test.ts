import { expect } from 'chai';
import { CommandRejected } from '../../../engine/src/index.js';
import { bpmn, chain, compile, TestCase } from '../helpers.js';

const LANES = `
  <bpmn:laneSet id="ls">
    <bpmn:lane id="l1" name="Burgerzaken"><bpmn:flowNodeRef>s</bpmn:flowNodeRef><bpmn:flowNodeRef>t1</bpmn:flowNodeRef></bpmn:lane>
    <bpmn:lane id="l2" name="Financiën" loket:department="financien"><bpmn:flowNodeRef>t2</bpmn:flowNodeRef></bpmn:lane>
    <bpmn:lane id="l3" name="College"><bpmn:flowNodeRef>t3</bpmn:flowNodeRef></bpmn:lane>
  </bpmn:laneSet>`;

describe('user task', () => {
  it('waits for a person and gives the task to the department of its lane', async () => {
    const model = await compile(
      bpmn(
        `<bpmn:startEvent id="s"/>
         <bpmn:userTask id="t1" name="Aanvraag controleren"/>
         <bpmn:userTask id="t2" name="Besluit voorbereiden"/>
         <bpmn:userTask id="t3" name="Goedkeuren">
           <bpmn:extensionElements><zeebe:assignmentDefinition candidateGroups="college, schepen"/></bpmn:extensionElements>
         </bpmn:userTask>
         <bpmn:endEvent id="e"/>${chain('s', 't1', 't2', 't3', 'e')}`,
        { laneSet: LANES },
      ),
    );
    const c = new TestCase(model).start();
    expect(c.status).to.equal('active');
    const t1 = c.task('t1');
    expect(t1).to.include({ name: 'Aanvraag controleren', assignee: null, dueDate: null, formKey: null });
    expect(t1.candidateGroups).to.deep.equal(['burgerzaken']);
    c.complete('t1', { ok: true });
    expect(c.task('t2').candidateGroups, 'loket:department wins over the lane name').to.deep.equal(['financien']);
    c.complete('t2');
    expect(c.task('t3').candidateGroups, 'an assignment definition wins over the lane').to.deep.equal(['college', 'schepen']);
    c.complete('t3');
    expect(c.status).to.equal('completed');
    expect(c.variables).to.deep.equal({ ok: true });
  });

  it('evaluates FEEL assignment, candidate users, assignee, due date and the form', async () => {
    const model = await compile(
      bpmn(`<bpmn:startEvent id="s"/>
        <bpmn:userTask id="t">
          <bpmn:extensionElements>
            <zeebe:assignmentDefinition candidateGroups="=[dienst, &quot;college&quot;]" candidateUsers="an, bert" assignee="=behandelaar"/>
            <zeebe:taskSchedule dueDate="=string(date and time(ontvangen) + duration(&quot;P14D&quot;))"/>
            <zeebe:formDefinition formId="intake"/>
          </bpmn:extensionElements>
        </bpmn:userTask>${chain('s', 't')}`),
      { forms: ['intake'] },
    );
    const c = new TestCase(model).start({ dienst: 'milieu', behandelaar: 'chris', ontvangen: '2026-01-01T10:00:00Z' });
    expect(c.task('t')).to.deep.include({
      candidateGroups: ['milieu', 'college'],
      candidateUsers: ['an', 'bert'],
      assignee: 'chris',
      dueDate: '2026-01-15T10:00:00.000Z',
      formKey: 'intake',
    });
  });

  it('is due so many working or calendar days after it opens (loket:deadline), unless the model computes a due date', async () => {
    const model = await compile(
      bpmn(`<bpmn:startEvent id="s"/>
        <bpmn:userTask id="t" loket:deadline="5" loket:deadlineDays="working"/>
        <bpmn:userTask id="u" loket:deadline="5"/>
        <bpmn:userTask id="v" loket:deadline="5">
          <bpmn:extensionElements><zeebe:taskSchedule dueDate="2026-02-01T12:00:00Z"/></bpmn:extensionElements>
        </bpmn:userTask>${chain('s', 't', 'u', 'v')}`),
    );
    const c = new TestCase(model);
    c.clock = Date.parse('2026-01-09T15:00:00Z'); // a Friday
    c.start();
    expect(c.task('t').dueDate, 'five working days').to.equal('2026-01-16T15:00:00.000Z');
    c.complete('t');
    expect(c.task('u').dueDate, 'five calendar days, counted from when it opened').to.equal('2026-01-14T15:00:01.000Z');
    c.complete('u');
    expect(c.task('v').dueDate, 'the due date of the model wins').to.equal('2026-02-01T12:00:00.000Z');
  });

  it('passes over the public holidays of the host’s calendar when counting working days', async () => {
    const model = await compile(bpmn(`<bpmn:startEvent id="s"/><bpmn:userTask id="t" loket:deadline="1" loket:deadlineDays="working"/>${chain('s', 't')}`));
    for (const [holidays, due] of [[undefined, '2026-04-03T09:00:00.000Z'], ['be', '2026-04-03T09:00:00.000Z'], ['nl', '2026-04-07T09:00:00.000Z']] as const) {
      const c = new TestCase(model);
      if (holidays) c.holidays = holidays;
      c.clock = Date.parse('2026-04-02T09:00:00Z'); // the Thursday before Good Friday and Easter Monday
      c.start();
      expect(c.task('t').dueDate, holidays ?? 'no calendar').to.equal(due);
    }
  });

  it('records who completed the task and closes it', async () => {
    const model = await compile(bpmn(`<bpmn:startEvent id="s"/><bpmn:userTask id="t"/>${chain('s', 't')}`));
    const c = new TestCase(model).start();
    const taskId = c.task('t').id;
    c.complete('t', {}, 'jan');
    const completed = c.history().find((event) => event.type === 'task-completed')!;
    expect(completed).to.include({ elementId: 't', user: 'jan' });
    expect(c.effects).to.deep.include({ type: 'task-closed', taskId, reason: 'completed', user: 'jan' });
  });

  it('refuses to complete a task twice, leaving the state as it was', async () => {
    const model = await compile(bpmn(`<bpmn:startEvent id="s"/><bpmn:userTask id="t"/><bpmn:userTask id="u"/>${chain('s', 't', 'u')}`));
    const c = new TestCase(model).start();
    const taskId = c.task('t').id;
    c.complete('t');
    const before = structuredClone(c.state);
    expect(() => c.send({ type: 'complete-task', taskId })).to.throw(CommandRejected, /not open/);
    expect(c.state).to.deep.equal(before);
  });

  it('raises an incident when a FEEL assignment gives something that is not a group', async () => {
    const model = await compile(
      bpmn(`<bpmn:startEvent id="s"/>
        <bpmn:userTask id="t"><bpmn:extensionElements><zeebe:assignmentDefinition candidateGroups="=42"/></bpmn:extensionElements></bpmn:userTask>
        ${chain('s', 't')}`),
    );
    const c = new TestCase(model).start();
    expect(c.status).to.equal('incident');
    expect(c.state!.incidents[0]!.message).to.match(/candidate groups of t must be text/);
    expect(c.tasks.size).to.equal(0);
  });
});
