import { FeelError, type Variables } from '../expressions/feel.js';
import type { FlowElement, JobDefinition } from '../model/types.js';
import type { Execution } from '../runtime/execution.js';
import type { Token } from '../runtime/types.js';

/** Hands the element's work to a job worker and waits; the job's id is the element instance's id. */
export function openJob(run: Execution, element: FlowElement, token: Token, job: JobDefinition): void {
  const type = job.type.kind === 'literal' ? job.type.value : run.evaluate(token, job.type.expression, 'the job type');
  if (type instanceof FeelError) return run.raiseIncident(token, type.message, 'activate');
  if (typeof type !== 'string' || type.trim() === '') {
    return run.raiseIncident(token, `the job type of ${element.id} is ${JSON.stringify(type)}, not a text`, 'activate');
  }
  const retriesValue = job.retries.kind === 'literal' ? Number(job.retries.value) : run.evaluate(token, job.retries.expression, 'the job retries');
  if (retriesValue instanceof FeelError) return run.raiseIncident(token, retriesValue.message, 'activate');
  if (typeof retriesValue !== 'number' || !Number.isInteger(retriesValue) || retriesValue < 0) {
    return run.raiseIncident(token, `the job retries of ${element.id} are ${JSON.stringify(retriesValue)}, not a whole number of at least 0`, 'activate');
  }
  run.wait(token);
  run.effects.push({ type: 'job-created', job: { id: token.id, elementId: element.id, type, retries: retriesValue, headers: { ...job.headers } } });
  run.history('job-created', element, { data: { jobId: token.id, type } });
}

export function completeJob(run: Execution, element: FlowElement, token: Token, variables: Variables): void {
  run.setVariables(token, variables);
  run.effects.push({ type: 'job-closed', jobId: token.id });
  run.history('job-completed', element, { data: { jobId: token.id } });
  run.leave(token);
}

/** Only a waiting instance has an open job: not a multi-instance body, nor one whose job failed or never opened. */
export function cancelJob(run: Execution, token: Token): void {
  if (token.body || token.state !== 'waiting') return;
  run.effects.push({ type: 'job-closed', jobId: token.id });
}
