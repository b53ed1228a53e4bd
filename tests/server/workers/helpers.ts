import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import type { ApiClient, TestServer } from '../harness.js';
import { bpmnProcess, chain, end, start, userTask } from '../fixtures/definitions.js';
import type { BuiltInWorker, JobOutcome, JobToRun } from '../../../server/src/jobs/worker.js';

/** start → user task → end: a case that stays active, so jobs can belong to it. */
export function waitingProcess(key: string, taskName = 'Behandelen'): string {
  return bpmnProcess(key, [start(), userTask('behandelen', undefined, taskName), end(), chain('start', 'behandelen', 'end')]);
}

export async function deployResources(client: ApiClient, resources: { name: string; content: string }[], name = 'workers-test') {
  const response = await client.post('/api/deployments', { name, resources });
  expect(response.status, JSON.stringify(response.body)).to.equal(201);
  return response.body as { id: string; processes: { key: string; version: number; id: string }[] };
}

export async function startCase(client: ApiClient, processKey: string, variables: Record<string, unknown> = {}, version?: number): Promise<string> {
  const response = await client.post('/api/process-instances', { processKey, variables, ...(version ? { version } : {}) });
  expect(response.status, JSON.stringify(response.body)).to.equal(201);
  return response.body.id as string;
}

export function jobFor(processInstanceId: string, type: string, headers: Record<string, string>, variables: JobToRun['variables'] = {}): JobToRun {
  return { id: randomUUID(), type, processInstanceId, elementId: 'verzenden', variables, headers, retries: 3 };
}

/** Runs the worker as the runner will: inside the transaction that completes the job. */
export function runInTransaction(server: TestServer, worker: BuiltInWorker, job: JobToRun): Promise<JobOutcome> {
  return server.services.dataSource.transaction((em) => worker.run(job, em));
}

export interface OutboxRow {
  id: string;
  process_instance_id: string;
  job_id: string;
  recipient: string;
  subject: string;
  body: string;
  sent_at: unknown;
}

export async function outboxRowsOfJob(server: TestServer, jobId: string): Promise<OutboxRow[]> {
  return server.services.dataSource.query('SELECT * FROM outbox WHERE job_id = $1', [jobId]);
}
