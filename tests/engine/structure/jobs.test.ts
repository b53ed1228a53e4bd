import { expect } from 'chai';
import { CommandRejected } from '../../../engine/src/index.js';
import { bpmn, chain, compile, TestCase } from '../helpers.js';
import { completeJobAt, effectsOf, effectsOfType, extensions, ioMapping, jobAt, openJobs, taskDefinition, tokensAt } from './helpers.js';

/** start → mail (service task) → after (user task). */
const mailTask = (definition: string, io = '') =>
  compile(
    bpmn(`<bpmn:startEvent id="s"/>
      <bpmn:serviceTask id="mail">${extensions(definition, io)}</bpmn:serviceTask>
      <bpmn:userTask id="after"/>${chain('s', 'mail', 'after')}`),
  );

const rejection = (fn: () => unknown): CommandRejected => {
  try {
    fn();
  } catch (err) {
    if (err instanceof CommandRejected) return err;
    throw err;
  }
  throw new Error('the command was not rejected');
};

describe('service task jobs', () => {
  it('creates a job with its type, retries and headers, and waits', async () => {
    const m = await mailTask(taskDefinition('loket:mail', { retries: '5', headers: { template: 'ontvangstbevestiging', onderwerp: 'Uw aanvraag' } }));
    const c = new TestCase(m).start();
    const [token] = tokensAt(c, 'mail');
    expect(effectsOfType(c.effects, 'job-created')).to.deep.equal([
      {
        type: 'job-created',
        job: { id: token!.id, elementId: 'mail', type: 'loket:mail', retries: 5, headers: { template: 'ontvangstbevestiging', onderwerp: 'Uw aanvraag' } },
      },
    ]);
    expect(token!.state).to.equal('waiting');
    expect(c.status).to.equal('active');
    expect(c.history().filter((e) => e.type === 'job-created').map((e) => e.data)).to.deep.equal([{ jobId: token!.id, type: 'loket:mail' }]);
  });

  it('gives a job three retries and no headers when the model says nothing', async () => {
    const c = new TestCase(await mailTask(taskDefinition('loket:mail'))).start();
    expect(jobAt(c, 'mail')).to.include({ retries: 3 }).and.to.have.deep.property('headers', {});
  });

  it('evaluates a FEEL job type and retries in the case variables', async () => {
    const c = new TestCase(await mailTask(taskDefinition('="loket:" + kanaal', { retries: '=pogingen + 1' }))).start({ kanaal: 'sms', pogingen: 1 });
    expect(jobAt(c, 'mail')).to.include({ type: 'loket:sms', retries: 2 });
  });

  it('raises an incident when a FEEL job type gives no text', async () => {
    const c = new TestCase(await mailTask(taskDefinition('=kanaal'))).start({ kanaal: 7 });
    expect(c.status).to.equal('incident');
    expect(c.state!.incidents[0]!.message).to.match(/the job type of mail is 7, not a text/);
    expect(openJobs(c)).to.deep.equal([]);
  });

  it('completes the job: closes it, sets its variables and moves on', async () => {
    const c = new TestCase(await mailTask(taskDefinition('loket:mail'))).start({ aanvrager: 'Jan' });
    const jobId = jobAt(c, 'mail').id;
    const effects = completeJobAt(c, 'mail', { berichtId: 'm-1' });
    expect(effectsOfType(effects, 'job-closed')).to.deep.equal([{ type: 'job-closed', jobId }]);
    expect(c.variables).to.deep.equal({ aanvrager: 'Jan', berichtId: 'm-1' });
    expect(c.openTaskElements()).to.deep.equal(['after']);
    expect(c.history().some((e) => e.type === 'job-completed' && e.elementId === 'mail')).to.equal(true);
  });

  it('keeps the worker variables local when output mappings say what leaves the task', async () => {
    const m = await mailTask(taskDefinition('loket:mail'), ioMapping({ outputs: [['=antwoord.id', 'berichtId']] }));
    const c = new TestCase(m).start();
    completeJobAt(c, 'mail', { antwoord: { id: 'm-9', status: 250 } });
    expect(c.variables).to.deep.equal({ berichtId: 'm-9' });
    expect(Object.keys(c.state!.scopes)).to.deep.equal(['case1']);
  });

  it('refuses to complete a job twice, and a user task as a job', async () => {
    const c = new TestCase(await mailTask(taskDefinition('loket:mail'))).start();
    const jobId = jobAt(c, 'mail').id;
    c.send({ type: 'complete-job', jobId });
    const before = structuredClone(c.state);
    expect(rejection(() => c.send({ type: 'complete-job', jobId })).code).to.equal('conflict');
    expect(c.state).to.deep.equal(before);

    const userTaskId = c.task('after').id;
    expect(rejection(() => c.send({ type: 'complete-job', jobId: userTaskId })).code).to.equal('conflict');
    expect(rejection(() => c.send({ type: 'complete-task', taskId: 'case1-none' })).code).to.equal('conflict');
  });

  it('raises an incident when the job fails for good; resolving it opens a new job and the case can complete', async () => {
    const m = await compile(
      bpmn(`<bpmn:startEvent id="s"/>
        <bpmn:serviceTask id="mail">${extensions(taskDefinition('loket:mail', { retries: '2' }))}</bpmn:serviceTask>
        <bpmn:endEvent id="e"/>${chain('s', 'mail', 'e')}`),
    );
    const c = new TestCase(m).start();
    const jobId = jobAt(c, 'mail').id;
    const failed = effectsOf(c, { type: 'fail-job', jobId, message: 'SMTP server weigert' });
    expect(effectsOfType(failed, 'job-closed')).to.deep.equal([{ type: 'job-closed', jobId }]);
    expect(c.status).to.equal('incident');
    expect(tokensAt(c, 'mail').map((t) => t.state)).to.deep.equal(['incident']);
    const [incident] = c.state!.incidents;
    expect(incident).to.include({ elementId: 'mail', retry: 'activate' });
    expect(incident!.message).to.match(/SMTP server weigert/);
    expect(c.history().some((e) => e.type === 'job-failed' && e.data?.message === 'SMTP server weigert')).to.equal(true);
    expect(rejection(() => c.send({ type: 'complete-job', jobId })).code, 'the failed job is closed').to.equal('conflict');

    const resolved = effectsOf(c, { type: 'resolve-incident', incidentId: incident!.id });
    expect(effectsOfType(resolved, 'job-created').map((e) => e.job)).to.deep.equal([{ id: jobId, elementId: 'mail', type: 'loket:mail', retries: 2, headers: {} }]);
    expect(c.status).to.equal('active');
    completeJobAt(c, 'mail');
    expect(c.status).to.equal('completed');
  });

  it('closes an open job when the case is cancelled, but not a failed one again', async () => {
    const m = await compile(
      bpmn(`<bpmn:startEvent id="s"/><bpmn:parallelGateway id="fork"/>
        <bpmn:serviceTask id="mail">${extensions(taskDefinition('loket:mail'))}</bpmn:serviceTask>
        <bpmn:serviceTask id="sms">${extensions(taskDefinition('loket:sms'))}</bpmn:serviceTask>
        ${chain('s', 'fork', 'mail')}${chain('fork', 'sms')}`),
    );
    const c = new TestCase(m).start();
    const smsJob = jobAt(c, 'sms').id;
    c.send({ type: 'fail-job', jobId: jobAt(c, 'mail').id, message: 'kapot' });
    const effects = effectsOf(c, { type: 'cancel' });
    expect(effectsOfType(effects, 'job-closed')).to.deep.equal([{ type: 'job-closed', jobId: smsJob }]);
  });

  describe('other elements that hand their work to a job worker', () => {
    it('a send task, a message throw event and a message end event each wait for their job', async () => {
      const m = await compile(
        bpmn(
          `<bpmn:startEvent id="s"/>
          <bpmn:sendTask id="send">${extensions(taskDefinition('loket:mail'))}</bpmn:sendTask>
          <bpmn:intermediateThrowEvent id="throw">${extensions(taskDefinition('loket:bericht'))}<bpmn:messageEventDefinition messageRef="msg"/></bpmn:intermediateThrowEvent>
          <bpmn:endEvent id="end">${extensions(taskDefinition('loket:afsluiten'))}<bpmn:messageEventDefinition messageRef="msg"/></bpmn:endEvent>
          ${chain('s', 'send', 'throw', 'end')}`,
          { rootElements: '<bpmn:message id="msg" name="besluit"/>' },
        ),
      );
      const c = new TestCase(m).start();
      for (const [elementId, type] of [
        ['send', 'loket:mail'],
        ['throw', 'loket:bericht'],
        ['end', 'loket:afsluiten'],
      ] as const) {
        expect(openJobs(c).map((job) => [job.elementId, job.type]), elementId).to.deep.equal([[elementId, type]]);
        expect(c.status).to.equal('active');
        completeJobAt(c, elementId, { [`${elementId}Klaar`]: true });
      }
      expect(c.status).to.equal('completed');
      expect(c.variables).to.deep.equal({ sendKlaar: true, throwKlaar: true, endKlaar: true });
    });

    it('a script task and a business rule task with a job type become jobs instead of running themselves', async () => {
      const m = await compile(
        bpmn(`<bpmn:startEvent id="s"/>
          <bpmn:scriptTask id="script">${extensions(taskDefinition('extern:script'))}</bpmn:scriptTask>
          <bpmn:businessRuleTask id="rules">${extensions(taskDefinition('extern:regels', { headers: { tabel: 'subsidie' } }))}</bpmn:businessRuleTask>
          <bpmn:endEvent id="e"/>${chain('s', 'script', 'rules', 'e')}`),
      );
      const c = new TestCase(m).start();
      expect(openJobs(c).map((job) => [job.elementId, job.type])).to.deep.equal([['script', 'extern:script']]);
      completeJobAt(c, 'script', { score: 7 });
      expect(jobAt(c, 'rules')).to.include({ type: 'extern:regels' }).and.to.have.deep.property('headers', { tabel: 'subsidie' });
      completeJobAt(c, 'rules', { besluit: 'toekennen' });
      expect(c.status).to.equal('completed');
      expect(c.variables).to.deep.equal({ score: 7, besluit: 'toekennen' });
      expect(c.history().some((e) => e.type === 'decision-evaluated'), 'no decision of its own').to.equal(false);
    });
  });
});
