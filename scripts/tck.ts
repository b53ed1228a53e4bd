import { mkdirSync, writeFileSync } from 'node:fs';
import { runTck } from '../tests/engine/decisions/tck/run.js';

/**
 * `npm run tck`: every TCK case of selection.json through Loket's decision code; one line per category, a
 * total, and the failures (expected and actual) in tck-results/failures.txt (TCK_OUT=dir to put them elsewhere). `npm run tck -- L3-list` runs
 * the categories whose name contains the argument.
 */
const filter = process.argv[2];
const outcome = await runTck(filter ? (name) => name.includes(filter) : undefined);
const width = Math.max(...outcome.categories.map((c) => c.name.length));
for (const c of outcome.categories) {
  const percent = c.total === 0 ? 100 : (100 * c.passed) / c.total;
  console.log(`${c.name.padEnd(width)}  ${`${c.passed}/${c.total}`.padStart(9)}  ${percent.toFixed(1).padStart(5)}%  ${c.title}`);
}
const passed = outcome.categories.reduce((n, c) => n + c.passed, 0);
const total = outcome.categories.reduce((n, c) => n + c.total, 0);
console.log(`${'total'.padEnd(width)}  ${`${passed}/${total}`.padStart(9)}  ${((100 * passed) / total).toFixed(1).padStart(5)}%`);
const out = process.env.TCK_OUT ?? 'tck-results';
mkdirSync(out, { recursive: true });
const lines = outcome.failures.map((f) => `${f.category}  ${f.folder}/${f.testCase}  ${f.result}\n  expected: ${f.expected}\n  actual:   ${f.actual}`);
writeFileSync(`${out}/failures.txt`, lines.length > 0 ? `${lines.join('\n')}\n` : 'no failures\n');
writeFileSync(`${out}/summary.json`, `${JSON.stringify({ categories: outcome.categories, passed, total }, null, 2)}\n`);
console.log(`${outcome.failures.length} failing result(s) written to ${out}/failures.txt`);
