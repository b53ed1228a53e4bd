import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { startTestServer, type TestServer } from './harness.js';

const README = fileURLToPath(new URL('../../README.md', import.meta.url));
const PROCESSES = fileURLToPath(new URL('../../processes', import.meta.url));

/** The shell block of the README that drives the subsidy service, pointed at the test server. */
function walkthrough(url: string): string {
  const blocks = readFileSync(README, 'utf8').split('```sh\n').slice(1).map((block) => block.split('```')[0]!);
  const script = blocks.find((block) => block.includes('processKey":"subsidy-club'));
  if (!script) throw new Error('the README has no walkthrough of the subsidy service');
  expect(script).to.match(/^B=http:\/\/localhost:3000$/m);
  return script.replace(/^B=http:\/\/localhost:3000$/m, `B=${url}`);
}

describe('README: the subsidy service with curl, as the README shows it', () => {
  let server: TestServer;
  before(async () => {
    // The README starts Loket with LOKET_ADMIN_PASSWORD=geheim.
    server = await startTestServer({ processesDir: PROCESSES, adminPassword: 'geheim' });
  });
  after(() => server.close());

  it('runs from the first login to a completed case, with the answers the comments promise', async function () {
    this.timeout(60_000);
    const { stdout } = await promisify(execFile)('bash', ['-euo', 'pipefail', '-c', walkthrough(server.url)], { cwd: fileURLToPath(new URL('../..', import.meta.url)) });
    const lines = stdout.trim().split('\n');
    const errors = lines.filter((line) => line.startsWith('{"error"')).map((line) => JSON.parse(line).error);
    expect(errors).to.deep.equal(['forbidden', 'bad-request', 'conflict']);
    expect(stdout).to.match(/Regel 7 .* is van toepassing/);
    expect(lines.at(-1)).to.equal('completed');
  });
});
