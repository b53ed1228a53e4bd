import type { BuiltInWorker } from '../worker.js';
import type { TemplateSource } from '../templates.js';
import { httpWorker, type HttpWorkerOptions } from './http.js';
import { mailWorker, type MailWorkerOptions } from './mail.js';

export { HTTP_JOB_TYPE, httpWorker } from './http.js';
export { MAIL_JOB_TYPE, mailWorker } from './mail.js';

/** The job types the server works on itself: `loket:mail` and `loket:http`. */
export function builtInWorkers(templates: TemplateSource, options: MailWorkerOptions & HttpWorkerOptions = {}): BuiltInWorker[] {
  return [mailWorker(templates, { clock: options.clock }), httpWorker({ fetch: options.fetch })];
}
