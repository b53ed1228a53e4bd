import { expect } from 'chai';
import { compileDmn, momentOf, versionInForce, type CompiledDecision, type DecisionVersion } from '../../../engine/src/index.js';
import { bpmn, chain, compile, TestCase } from '../helpers.js';
import { dmnTable } from './helpers.js';

async function tarief(amount: number): Promise<CompiledDecision> {
  const { decisions, problems } = await compileDmn(
    dmnTable({ id: 'tarief', hitPolicy: 'FIRST', inputs: [['Leden', 'leden']], outputs: [{ name: 'bedrag' }], rules: [['r', ['-'], [String(amount)]]] }),
  );
  expect(problems).to.deep.equal([]);
  return decisions[0]!;
}

describe('decisions: rules pinned in time', () => {
  describe('momentOf', () => {
    it('reads a date as midnight in Brussels, in winter and in summer', () => {
      expect(momentOf('2027-01-01')).to.deep.equal({ at: '2026-12-31T23:00:00.000Z' });
      expect(momentOf('2027-07-01')).to.deep.equal({ at: '2027-06-30T22:00:00.000Z' });
    });
    it('reads a date-time without offset as Brussels time, and one with an offset or zone exactly', () => {
      expect(momentOf('2027-01-01T09:30:00')).to.deep.equal({ at: '2027-01-01T08:30:00.000Z' });
      expect(momentOf('2027-01-01T09:30:00Z')).to.deep.equal({ at: '2027-01-01T09:30:00.000Z' });
      expect(momentOf('2027-01-01T09:30:00+02:00')).to.deep.equal({ at: '2027-01-01T07:30:00.000Z' });
      expect(momentOf('2027-01-01T09:30:00@Europe/Amsterdam')).to.deep.equal({ at: '2027-01-01T08:30:00.000Z' });
    });
    it('says why a text is not a date', () => {
      expect(momentOf('2027-02-30')).to.have.property('problem').that.includes('no day 30');
      expect(momentOf('morgen')).to.have.property('problem');
      expect(momentOf(42)).to.deep.equal({ problem: '42 is not a date' });
    });
  });

  describe('versionInForce', () => {
    let v1: DecisionVersion, v2: DecisionVersion, v3: DecisionVersion;
    before(async () => {
      v1 = { decision: await tarief(100), version: 1 };
      v2 = { decision: await tarief(150), version: 2, validFrom: '2026-12-31T23:00:00.000Z' };
      v3 = { decision: await tarief(120), version: 3 };
    });
    it('takes the highest version whose validFrom has come', () => {
      expect(versionInForce([v1, v2], '2026-12-31T22:59:59.999Z')).to.equal(v1);
      expect(versionInForce([v1, v2], '2026-12-31T23:00:00.000Z')).to.equal(v2);
    });
    it('counts a version without validFrom as always in force, so without any the latest decides', () => {
      expect(versionInForce([v1, v2, v3], '2026-06-01T00:00:00.000Z')).to.equal(v3);
      expect(versionInForce([v1, v3], '2020-01-01T00:00:00.000Z')).to.equal(v3);
    });
    it('finds none when every version takes effect later', () => {
      expect(versionInForce([v2], '2026-06-01T00:00:00.000Z')).to.equal(undefined);
    });
  });

  describe('a business rule task', () => {
    const task = (property: string) => `
      <bpmn:startEvent id="s"/>
      <bpmn:businessRuleTask id="check">
        <bpmn:extensionElements>
          <zeebe:calledDecision decisionId="tarief" resultVariable="bedrag"/>
          ${property}
        </bpmn:extensionElements>
      </bpmn:businessRuleTask>
      <bpmn:userTask id="next"/>
      ${chain('s', 'check', 'next')}`;
    const dateProperty = '<zeebe:properties><zeebe:property name="loket:decisionDate" value="=aanvraagDatum"/></zeebe:properties>';
    let versions: DecisionVersion[];
    before(async () => {
      versions = [
        { decision: await tarief(100), version: 1 },
        { decision: await tarief(150), version: 2, validFrom: '2026-12-31T23:00:00.000Z' },
      ];
    });

    it('decides with the version in force on its decision date, and records which version decided', async () => {
      const model = await compile(bpmn(task(dateProperty)), { decisions: ['tarief'] });
      const before = new TestCase(model, versions).start({ aanvraagDatum: '2026-12-31' });
      expect(before.variables.bedrag).to.equal(100);
      const after = new TestCase(model, versions).start({ aanvraagDatum: '2027-01-01' });
      expect(after.variables.bedrag).to.equal(150);
      const evaluated = after.history().find((e) => e.type === 'decision-evaluated')!;
      expect(evaluated.data).to.deep.include({ decisionId: 'tarief', decisionVersion: 2, validFrom: '2026-12-31T23:00:00.000Z', decidedAt: '2026-12-31T23:00:00.000Z' });
    });

    it('without a decision date, decides by the moment the case started', async () => {
      const model = await compile(bpmn(task('')), { decisions: ['tarief'] });
      const c = new TestCase(model, versions);
      c.clock = Date.parse('2027-03-01T10:00:00Z');
      c.start({});
      expect(c.variables.bedrag).to.equal(150);
      expect(c.history().find((e) => e.type === 'decision-evaluated')!.data).to.deep.include({ decisionVersion: 2, decidedAt: '2027-03-01T10:00:00.000Z' });
    });

    it('raises an incident naming the date when the decision date is not a date', async () => {
      const model = await compile(bpmn(task(dateProperty)), { decisions: ['tarief'] });
      const c = new TestCase(model, versions).start({ aanvraagDatum: 'gisteren' });
      expect(c.state!.incidents[0]!.message).to.include('decision date of check').and.include('"gisteren"');
    });

    it('refuses a decision date that is not valid FEEL at deploy', async () => {
      const broken = '<zeebe:properties><zeebe:property name="loket:decisionDate" value="=aanvraag +"/></zeebe:properties>';
      const problems = await compile(bpmn(task(broken)), { decisions: ['tarief'] }).then(
        () => [],
        (err: Error) => [err.message],
      );
      expect(problems.join('\n')).to.include('the decision date (loket:decisionDate)');
    });
  });
});
