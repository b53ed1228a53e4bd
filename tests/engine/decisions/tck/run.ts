import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { compileDmn, evaluateDecision, type CompiledDecision } from '../../../../engine/src/decisions/index.js';
import { sameResult, show } from './compare.js';
import { readTckCases, readTckModelName } from './reader.js';

/** The DMN TCK beside the repository: ../shared/conformance/dmn-tck (see its PROVENANCE.md and selection.json). */
export const TCK_ROOT = new URL('../../../../../shared/conformance/dmn-tck/', import.meta.url);

interface Selection {
  categories: Record<string, { title: string; version: 'dmn13' | 'dmn14'; cases: string[] }>;
}

export interface TckFailure {
  category: string;
  folder: string;
  testCase: string;
  result: string;
  expected: string;
  actual: string;
}

export interface CategoryOutcome {
  name: string;
  title: string;
  passed: number;
  total: number;
}

export interface TckOutcome {
  categories: CategoryOutcome[];
  failures: TckFailure[];
}

const DIRS = { dmn13: 'TestCases', dmn14: 'TestCases-dmn14' } as const;

function readSelection(): Selection {
  return JSON.parse(readFileSync(new URL('selection.json', TCK_ROOT), 'utf8')) as Selection;
}

/** Runs one TCK folder: every test file, every test case; a case passes when every result node does. */
async function runFolder(category: string, folder: string, dir: URL): Promise<{ passed: number; total: number; failures: TckFailure[] }> {
  const failures: TckFailure[] = [];
  let passed = 0;
  let total = 0;
  const compiled = new Map<string, { decisions: CompiledDecision[]; problems: string[] }>();
  const modelOf = async (name: string) => {
    let model = compiled.get(name);
    if (!model) {
      const { decisions, problems } = await compileDmn(readFileSync(new URL(name, dir), 'utf8'));
      model = { decisions, problems: problems.map((p) => p.message) };
      compiled.set(name, model);
    }
    return model;
  };
  const testFiles = readdirSync(dir).filter((f) => /-test-\d+\.xml$/.test(f)).sort();
  for (const file of testFiles) {
    const xml = readFileSync(new URL(file, dir), 'utf8');
    const modelName = readTckModelName(xml) ?? `${folder.split('/').pop()}.dmn`;
    const model = await modelOf(modelName);
    for (const testCase of readTckCases(xml)) {
      total++;
      let ok = true;
      for (const result of testCase.results) {
        const fail = (actual: string) => {
          ok = false;
          failures.push({ category, folder, testCase: `${file}#${testCase.id}`, result: result.name, expected: result.errorResult ? 'an error or null' : show(result.expected), actual });
        };
        const decision = model.decisions.find((d) => d.name === result.name);
        if (!decision) {
          fail(`no such decision${model.problems.length > 0 ? `; the model has problems: ${model.problems.join(' | ')}` : ''}`);
          continue;
        }
        try {
          const value = evaluateDecision(decision, testCase.inputs).value;
          if (result.errorResult ? value !== null : !sameResult(result.expected, value)) fail(show(value));
        } catch (err) {
          if (!result.errorResult) fail(`error: ${(err as Error).message}`);
        }
      }
      if (ok) passed++;
    }
  }
  return { passed, total, failures };
}

/** Runs every folder of every category in selection.json through Loket's own decision code. */
export async function runTck(only?: (category: string) => boolean): Promise<TckOutcome> {
  const selection = readSelection();
  const outcome: TckOutcome = { categories: [], failures: [] };
  for (const [name, category] of Object.entries(selection.categories)) {
    if (only && !only(name)) continue;
    const result: CategoryOutcome = { name, title: category.title, passed: 0, total: 0 };
    for (const folder of category.cases) {
      const dir = new URL(`${DIRS[category.version]}/${folder}/`, TCK_ROOT);
      if (!existsSync(dir)) throw new Error(`the TCK folder ${folder} listed in selection.json is missing`);
      const { passed, total, failures } = await runFolder(name, folder, dir);
      result.passed += passed;
      result.total += total;
      outcome.failures.push(...failures);
    }
    outcome.categories.push(result);
  }
  return outcome;
}
