import { expect } from 'chai';
import { QUICK, runBench } from '../../bench/run.js';
import type { Row } from '../../bench/report.js';

/**
 * The benchmark's short version: every workload runs end to end on this database and gives figures. The
 * figures themselves are judged by `npm run bench` at full size, never here: a timed unit test proves nothing.
 */
describe('bench: every workload runs (npm run bench -- --quick)', function () {
  this.timeout(180_000);
  let rows: Row[];
  before(async () => {
    rows = await runBench(QUICK);
  });

  it('gives figures for W1 to W6', () => {
    const workloads = new Set(rows.map((r) => r.workload.split(' ')[0]));
    expect([...workloads].sort()).to.deep.equal(['W1', 'W2', 'W3', 'W4', 'W5', 'W6']);
    for (const row of rows.filter((r) => !r.metric.includes('growth'))) {
      expect(row.loket, `${row.workload}: ${row.metric}`).to.be.a('number').and.satisfy(Number.isFinite).and.be.above(0);
    }
  });

  it('completes real cases in W2 and W3, and fires every W5 timer exactly once', () => {
    const byWorkload = (prefix: string) => rows.filter((r) => r.workload.startsWith(prefix));
    expect(byWorkload('W2')[0]!.comparison, 'the database ceiling').to.be.above(0);
    expect(byWorkload('W3')[0]!.loket).to.be.above(0);
    const once = byWorkload('W5').find((r) => r.metric === 'timers fired exactly once')!;
    expect(once.loket).to.equal(QUICK.timers);
    expect(once.met).to.equal(true);
  });

  it('compares the engine with bpmn-engine on the same model', () => {
    const [speed, heap] = rows.filter((r) => r.workload.startsWith('W1'));
    expect(speed!.comparisonLabel).to.equal('bpmn-engine');
    expect(speed!.comparison).to.be.above(0);
    expect(heap!.comparison).to.be.above(0);
  });
});
