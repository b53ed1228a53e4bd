import { expect } from 'chai';
import { bpmn, chain, compile, TestCase } from '../helpers.js';

const script = (expression: string, io = '') => `
  <bpmn:startEvent id="s"/>
  <bpmn:scriptTask id="sc"><bpmn:extensionElements><zeebe:script expression="${expression}" resultVariable="result"/>${io}</bpmn:extensionElements></bpmn:scriptTask>
  <bpmn:userTask id="t"/>
  ${chain('s', 'sc', 't')}`;

describe('script task', () => {
  it('stores the value of its FEEL expression in the result variable', async () => {
    const c = new TestCase(await compile(bpmn(script('=min(gevraagd, 2000) * 2')))).start({ gevraagd: 1500 });
    expect(c.variables).to.deep.equal({ gevraagd: 1500, result: 3000 });
  });

  it('turns FEEL dates and contexts into plain JSON values', async () => {
    const c = new TestCase(await compile(bpmn(script('={dag: date(&quot;2026-03-01&quot;), lijst: [1, 2]}')))).start();
    expect(c.variables.result).to.deep.equal({ dag: '2026-03-01', lijst: [1, 2] });
  });

  it("gives FEEL's now() and today() the moment of the step, not the machine's clock", async () => {
    const c = new TestCase(await compile(bpmn(script('={nu: now(), termijn: today() + duration(&quot;P1M&quot;)}'))));
    c.clock = Date.parse('2026-01-31T23:30:00Z');
    c.start();
    expect(c.variables.result).to.deep.equal({ nu: '2026-01-31T23:30:00Z', termijn: '2026-02-28' });
  });

  it('gives null for a variable that does not exist, as FEEL does', async () => {
    const c = new TestCase(await compile(bpmn(script('=onbekend')))).start();
    expect(c.variables).to.deep.equal({ result: null });
    expect(c.status).to.equal('active');
  });

  it('keeps the result local when output mappings say what leaves the task', async () => {
    const io = '<zeebe:ioMapping><zeebe:output source="=result + 1" target="total"/></zeebe:ioMapping>';
    const c = new TestCase(await compile(bpmn(script('=a * 10', io)))).start({ a: 2 });
    expect(c.variables).to.deep.equal({ a: 2, total: 21 });
  });
});
