import { expect } from 'chai';
import { startTestServer, type ApiClient, type TestServer, type TestServerOptions } from '../harness.js';
import { escapeXml } from '../fixtures/definitions.js';
import type { HistoryEvent } from '../fixtures/cases.js';

export { chain, escapeXml, flow } from '../fixtures/definitions.js';

/** True when the suite runs on the PostgreSQL of DATABASE_URL (then several servers can share one database). */
export const onPostgres = Boolean(process.env.DATABASE_URL);

const NAMESPACES =
  'xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" ' +
  'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"';

/** A BPMN document with one executable process; messages, signals and errors go in `rootElements`. */
export function bpmn(key: string, body: string, rootElements = ''): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions ${NAMESPACES} id="defs_${key}" targetNamespace="http://loket.test">
  ${rootElements}
  <bpmn:process id="${key}" name="Proces ${key}" isExecutable="true">
${body}
  </bpmn:process>
</bpmn:definitions>`;
}

export const timer = (kind: 'timeDuration' | 'timeDate' | 'timeCycle', text: string) =>
  `<bpmn:timerEventDefinition><bpmn:${kind} xsi:type="bpmn:tFormalExpression">${escapeXml(text)}</bpmn:${kind}></bpmn:timerEventDefinition>`;

export const message = (id: string, name: string, correlationKey?: string) =>
  `<bpmn:message id="${id}" name="${escapeXml(name)}">` +
  (correlationKey ? `<bpmn:extensionElements><zeebe:subscription correlationKey="${escapeXml(correlationKey)}"/></bpmn:extensionElements>` : '') +
  '</bpmn:message>';

export const signal = (id: string, name: string) => `<bpmn:signal id="${id}" name="${escapeXml(name)}"/>`;

export const userTask = (id: string) => `<bpmn:userTask id="${id}" name="${id}"/>`;

/** A service task whose work is a job of `type`, with static task headers. */
export function serviceTask(id: string, type: string, headers: Record<string, string> = {}, retries?: number): string {
  const header = Object.entries(headers)
    .map(([key, value]) => `<zeebe:header key="${escapeXml(key)}" value="${escapeXml(value)}"/>`)
    .join('');
  return (
    `<bpmn:serviceTask id="${id}" name="${id}"><bpmn:extensionElements>` +
    `<zeebe:taskDefinition type="${escapeXml(type)}"${retries === undefined ? '' : ` retries="${retries}"`}/>` +
    (header ? `<zeebe:taskHeaders>${header}</zeebe:taskHeaders>` : '') +
    '</bpmn:extensionElements></bpmn:serviceTask>'
  );
}

/** A clock the test moves by hand; every server of a test shares it. */
export class TestClock {
  constructor(public ms = Date.parse('2026-03-02T09:00:00Z')) {}
  readonly now = () => new Date(this.ms);
  advance(ms: number): void {
    this.ms += ms;
  }
}

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;

/** A test server on the given clock; tokens outlive the days a test moves the clock. */
export function serverOn(clock: TestClock, options: TestServerOptions = {}): Promise<TestServer> {
  return startTestServer({ clock: clock.now, tokenTtlMinutes: 30 * 24 * 60, ...options });
}

export async function deploy(client: ApiClient, resources: { name: string; content: string }[] | string, name = 'events-test') {
  const list = typeof resources === 'string' ? [{ name: `${name}.bpmn`, content: resources }] : resources;
  const response = await client.post('/api/deployments', { name, resources: list });
  expect(response.status, JSON.stringify(response.body)).to.equal(201);
  return response.body as { id: string; processes: { key: string; version: number; id: string }[] };
}

/** Starts a case and answers its view; expects 201. */
export async function startCase(client: ApiClient, processKey: string, variables: Record<string, unknown> = {}, businessKey?: string) {
  const response = await client.post('/api/process-instances', { processKey, variables, ...(businessKey ? { businessKey } : {}) });
  expect(response.status, JSON.stringify(response.body)).to.equal(201);
  return response.body as { id: string; state: string; variables: Record<string, unknown> };
}

/** The cases of a process (in no order a test may rely on: the pinned clock gives many the same creation time). */
export async function casesOf(client: ApiClient, processKey: string): Promise<any[]> {
  const response = await client.get(`/api/process-instances?processKey=${encodeURIComponent(processKey)}`);
  expect(response.status, JSON.stringify(response.body)).to.equal(200);
  return response.body;
}

/** How often each history event type occurs at an element. */
export function countOf(history: HistoryEvent[], type: string, elementId?: string): number {
  return history.filter((event) => event.type === type && (elementId === undefined || event.elementId === elementId)).length;
}

/** Waits until `check` holds (what a polling job runner does happens in its own time); fails after `timeoutMs`. */
export async function eventually(what: string, check: () => Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`waited ${timeoutMs} ms in vain for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
