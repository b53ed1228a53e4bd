import type { JsonValue, Variables } from '../../../../engine/src/index.js';
import type { BuiltInWorker, JobOutcome, JobToRun } from '../worker.js';
import { compileTemplate } from '../templates.js';

export const HTTP_JOB_TYPE = 'loket:http';

/*
 * Task headers of a `loket:http` service task:
 *   url             required; http: or https:, may hold {{placeholders}} (values are URL-encoded)
 *   method          GET (default), HEAD, POST, PUT, PATCH or DELETE
 *   timeoutMs       default 10000
 *   resultVariable  default `response`: the job completes with {[resultVariable]: {status, body}}
 *   bodyVariable    for methods other than GET/HEAD: the variable sent as the JSON request body
 * Every failure is a `fail` with a message for the process owner; the runner retries while retries remain.
 */

const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'];
const DEFAULT_TIMEOUT_MS = 10_000;
const MAX_TIMEOUT_MS = 5 * 60_000;
// The answer becomes a case variable, stored with the case on every step.
const MAX_RESPONSE_CHARS = 1_000_000;
const EXCERPT_CHARS = 300;

export interface HttpWorkerOptions {
  fetch?: typeof fetch;
}

export function httpWorker(options: HttpWorkerOptions = {}): BuiltInWorker {
  const doFetch = options.fetch ?? fetch;
  return {
    type: HTTP_JOB_TYPE,
    async run(job) {
      const fail = (message: string): JobOutcome => ({ kind: 'fail', message: `${HTTP_JOB_TYPE} task "${job.elementId}": ${message}` });
      const request = requestOf(job);
      if (typeof request === 'string') return fail(request);
      const { method, url, timeoutMs, resultVariable, body } = request;
      const what = `${method} ${url.origin}${url.pathname}`;

      let response: Response;
      let text: string;
      try {
        response = await doFetch(url, {
          method,
          headers: { accept: 'application/json, text/*;q=0.9, */*;q=0.8', ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
          ...(body !== undefined ? { body } : {}),
          signal: AbortSignal.timeout(timeoutMs),
          redirect: 'follow',
        });
        text = await response.text();
      } catch (err) {
        const error = err as Error & { cause?: { code?: string; message?: string } };
        if (error.name === 'TimeoutError' || error.name === 'AbortError') {
          return fail(`${what} got no answer within ${timeoutMs} ms (temporary? the job is retried while retries remain)`);
        }
        const cause = error.cause?.code ?? error.cause?.message ?? error.message;
        return fail(`${what} could not be sent: ${cause} (temporary? the job is retried while retries remain)`);
      }

      if (response.status < 200 || response.status > 299) {
        const excerpt = text.length > EXCERPT_CHARS ? `${text.slice(0, EXCERPT_CHARS)}…` : text;
        const advice =
          response.status >= 500
            ? 'the service had a problem; the job is retried while retries remain'
            : 'the service refused the request; retrying will not help until the request or the service changes';
        return fail(`${what} answered ${response.status}${response.statusText ? ` ${response.statusText}` : ''}: ${advice}${excerpt ? `. Answer: ${excerpt}` : ''}`);
      }
      if (text.length > MAX_RESPONSE_CHARS) return fail(`${what} answered with more than ${MAX_RESPONSE_CHARS} characters; too much to keep in a variable`);

      const isJson = /[/+]json\b/i.test(response.headers.get('content-type') ?? '');
      let parsed: JsonValue = text;
      if (isJson) {
        try {
          parsed = text.trim() === '' ? null : (JSON.parse(text) as JsonValue);
        } catch (err) {
          return fail(`${what} answered ${response.status} with a JSON content type, but the body is not JSON: ${(err as Error).message}`);
        }
      }
      return { kind: 'complete', variables: { [resultVariable]: { status: response.status, body: parsed } } };
    },
  };
}

interface HttpRequest {
  method: string;
  url: URL;
  timeoutMs: number;
  resultVariable: string;
  body?: string;
}

/** The request the headers describe, or what is wrong with them. */
function requestOf(job: JobToRun): HttpRequest | string {
  const { headers, variables } = job;
  const method = (headers.method?.trim() || 'GET').toUpperCase();
  if (!METHODS.includes(method)) return `the task header "method" is "${headers.method}"; use one of ${METHODS.join(', ')}`;

  const urlTemplate = headers.url?.trim();
  if (!urlTemplate) return 'the task header "url" is missing';
  let rendered: string;
  try {
    rendered = compileTemplate(urlTemplate, 'plain')(urlEncoded(variables));
  } catch (err) {
    return `the task header "url" is not a valid template: ${(err as Error).message}`;
  }
  let url: URL;
  try {
    url = new URL(rendered);
  } catch {
    return `the task header "url" does not give a full URL: "${rendered}"`;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return `only http: and https: URLs are allowed, not ${url.protocol}`;

  const timeoutHeader = headers.timeoutMs?.trim();
  const timeoutMs = timeoutHeader ? Number(timeoutHeader) : DEFAULT_TIMEOUT_MS;
  if (!Number.isInteger(timeoutMs) || timeoutMs < 1 || timeoutMs > MAX_TIMEOUT_MS) {
    return `the task header "timeoutMs" is "${headers.timeoutMs}"; give whole milliseconds from 1 to ${MAX_TIMEOUT_MS}`;
  }

  const resultVariable = headers.resultVariable?.trim() || 'response';

  const bodyVariable = headers.bodyVariable?.trim();
  let body: string | undefined;
  if (bodyVariable && method !== 'GET' && method !== 'HEAD') {
    const value = variables[bodyVariable];
    if (value === undefined) return `the variable "${bodyVariable}" (task header "bodyVariable") has no value`;
    body = JSON.stringify(value);
  }
  return { method, url, timeoutMs, resultVariable, ...(body !== undefined ? { body } : {}) };
}

/** The variables with every string URL-encoded, so a placeholder cannot add a path segment or a query parameter. */
function urlEncoded(variables: Variables): Variables {
  const encode = (value: JsonValue): JsonValue => {
    if (typeof value === 'string') return encodeURIComponent(value);
    if (Array.isArray(value)) return value.map(encode);
    if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, encode(v)]));
    return value;
  };
  return encode(variables) as Variables;
}
