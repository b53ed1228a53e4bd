import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { BuiltInWorker, JobToRun } from '../worker.js';
import { compileTemplate, subjectLine, type TemplateMode, type TemplateSource } from '../templates.js';

export const MAIL_JOB_TYPE = 'loket:mail';

/*
 * Task headers of a `loket:mail` service task:
 *   template   name of a deployed `*.hbs` resource: the body, rendered with the job's variables (HTML-escaped)
 *   subject    itself a Handlebars template, rendered with the same variables (not escaped: it is plain text)
 *   to         the recipient's address, literally
 *   toVariable or: the name of the variable that holds the recipient's address
 * The mail is not sent here: it becomes a row in `outbox`, written in the job's transaction, so it exists
 * exactly when the job is completed. A sender picks it up from there.
 */

// One address, no display name: enough to refuse what is clearly not an address without pretending to be RFC 5322.
const ADDRESS = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:".]+(\.[^\s@<>()[\]\\,;:".]+)+$/;
const MAX_ADDRESS_LENGTH = 254;

export interface MailWorkerOptions {
  /** Where `created_at` of outbox rows comes from. */
  clock?: () => Date;
}

export function mailWorker(templates: TemplateSource, options: MailWorkerOptions = {}): BuiltInWorker {
  const clock = options.clock ?? (() => new Date());
  return {
    type: MAIL_JOB_TYPE,
    // The outbox row must commit exactly when the job completes.
    transactional: true,
    async run(job, em) {
      try {
        const mail = await composeMail(job, em, templates);
        await em.query(
          `INSERT INTO outbox (id, process_instance_id, job_id, recipient, subject, body, created_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7)
           ON CONFLICT (job_id) DO NOTHING`,
          [randomUUID(), job.processInstanceId, job.id, mail.recipient, mail.subject, mail.body, clock().toISOString()],
        );
        return { kind: 'complete', variables: {} };
      } catch (err) {
        if (err instanceof MailProblem) return { kind: 'fail', message: `${MAIL_JOB_TYPE} task "${job.elementId}": ${err.message}` };
        throw err;
      }
    },
  };
}

/** A problem the process owner can fix in the model, the template or the case's variables. */
class MailProblem extends Error {}

async function composeMail(job: JobToRun, em: EntityManager, templates: TemplateSource): Promise<{ recipient: string; subject: string; body: string }> {
  const templateName = requiredHeader(job, 'template', 'the name of a deployed *.hbs template');
  const subjectTemplate = requiredHeader(job, 'subject', 'the subject line (it may use {{variables}})');
  const recipient = recipientOf(job);

  const content = await templates.template(em, job.processInstanceId, templateName);
  if (content === undefined) {
    throw new MailProblem(`no template "${templateName}" is deployed; deploy it as a resource with exactly that name`);
  }
  const body = render(content, 'html', job, `the template "${templateName}"`);
  const subject = subjectLine(render(subjectTemplate, 'plain', job, 'the subject header'));
  return { recipient, subject, body };
}

function requiredHeader(job: JobToRun, name: string, what: string): string {
  const value = job.headers[name]?.trim();
  if (!value) throw new MailProblem(`the task header "${name}" is missing; give it ${what}`);
  return value;
}

function recipientOf(job: JobToRun): string {
  const literal = job.headers.to?.trim();
  const variableName = job.headers.toVariable?.trim();
  if (literal && variableName) throw new MailProblem('give either the task header "to" or "toVariable", not both');
  if (literal) {
    if (!isAddress(literal)) throw new MailProblem(`the task header "to" is not an e-mail address: "${literal}"`);
    return literal;
  }
  if (!variableName) {
    throw new MailProblem('the recipient is missing; give the task header "to" (an address) or "toVariable" (the variable holding it)');
  }
  const value = job.variables[variableName];
  if (value === undefined || value === null || value === '') throw new MailProblem(`the variable "${variableName}" (task header "toVariable") has no value`);
  if (typeof value !== 'string' || !isAddress(value.trim())) {
    throw new MailProblem(`the variable "${variableName}" (task header "toVariable") is not an e-mail address: ${JSON.stringify(value)}`);
  }
  return value.trim();
}

export const isAddress = (value: string) => value.length <= MAX_ADDRESS_LENGTH && ADDRESS.test(value);

function render(content: string, mode: TemplateMode, job: JobToRun, what: string): string {
  try {
    return compileTemplate(content, mode)(job.variables);
  } catch (err) {
    // Syntax errors in deployed templates are refused at deployment; this is what remains, e.g. an unknown helper.
    throw new MailProblem(`${what} could not be rendered: ${(err as Error).message}`);
  }
}
