import { readdirSync, readFileSync } from 'node:fs';
import { compileDmn, evaluateDecision } from '../../engine/src/index.js';
import { measure, type MeasureOptions } from '../measure.js';
import type { Row } from '../report.js';

const SERVICE = new URL('../../processes/subsidy-club/', import.meta.url);

/** W6: evaluations of the shipped subsidy eligibility decision, with its explanation, in the pure engine. */
export async function dmn(options: MeasureOptions): Promise<Row[]> {
  const file = readdirSync(SERVICE).find((name) => name.endsWith('.dmn'))!;
  const { decisions, problems } = await compileDmn(readFileSync(new URL(file, SERVICE), 'utf8'));
  if (problems.length > 0) throw new Error(`the subsidy decision does not compile: ${JSON.stringify(problems)}`);
  const decision = decisions[0]!;
  const clubs = [35, 5, 60, 12].map((aantalLeden, i) => ({
    verenigingNaam: `Club ${i}`,
    soortVereniging: i === 3 ? 'jeugd' : 'sport',
    zetelInGemeente: true,
    aantalLeden,
    aangevraagdBedrag: 1500,
  }));
  let n = 0;
  const result = await measure(() => evaluateDecision(decision, clubs[n++ % clubs.length]!), { ...options, concurrency: 1 });
  return [{ workload: 'W6 DMN', metric: 'subsidy decisions/s (with explanation)', loket: result.perSecond, p50Ms: result.p50Ms, p99Ms: result.p99Ms }];
}
