import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { Effect, HistoryEvent, ProcessModel } from '../../../engine/src/index.js';
import { compileTemplate, subjectLine, type TemplateSource } from '../jobs/templates.js';
import { isAddress } from '../jobs/workers/mail.js';
import { insertHistory } from '../persistence/repositories/instances.js';
import { requesterFields } from './contacts.js';

type Notify = Extract<Effect, { type: 'notify' }>;

/** What keeps a notification from being written: said on the case's timeline, for staff to act on. */
class NotificationProblem extends Error {}

/**
 * The mails of `loket:notification` steps: rendered with the case's variables when the case reaches the
 * step, addressed to the requester (the start form's first e-mail field), and written to the outbox in the
 * step's own transaction, once per arrival at the step (its token). A sender takes them from there.
 */
export class Notifications {
  constructor(
    private readonly templates: TemplateSource,
    private readonly clock: () => Date,
  ) {}

  static in(effects: Effect[]): Notify[] {
    return effects.filter((effect): effect is Notify => effect.type === 'notify');
  }

  /**
   * Templates see the case's variables and, under `loket`, what the case is to its citizen: its tracking code
   * (`{{loket.trackingCode}}`), for the status page.
   */
  async queue(em: EntityManager, caseId: string, model: ProcessModel, effects: Effect[], variables: Record<string, unknown>, trackingCode: string): Promise<void> {
    const notes = Notifications.in(effects);
    if (notes.length === 0) return;
    const fields = await requesterFields(em, model);
    const history: HistoryEvent[] = [];
    for (const note of notes) {
      const at = this.clock().toISOString();
      const element = model.elements.get(note.elementId);
      const base = { elementId: note.elementId, elementType: element?.kind ?? null, at };
      try {
        const mail = await this.compose(em, caseId, note, fields.email, { ...variables, loket: { trackingCode } });
        await em.query(
          `INSERT INTO outbox (id, process_instance_id, job_id, recipient, subject, body, created_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (job_id) DO NOTHING`,
          [randomUUID(), caseId, `notify:${note.tokenId}`, mail.recipient, mail.subject, mail.body, at],
        );
        history.push({ type: 'notification-queued', ...base, data: { template: note.template, recipient: mail.recipient } });
      } catch (err) {
        if (!(err instanceof NotificationProblem)) throw err;
        history.push({ type: 'notification-failed', ...base, data: { template: note.template, message: err.message } });
      }
    }
    await insertHistory(em, caseId, history);
  }

  private async compose(em: EntityManager, caseId: string, note: Notify, emailField: string | undefined, variables: Record<string, unknown>) {
    if (!emailField) throw new NotificationProblem('the start form of this service has no e-mail field, so the requester cannot be written to');
    const recipient = variables[emailField];
    if (typeof recipient !== 'string' || !isAddress(recipient.trim())) {
      throw new NotificationProblem(`the requester's e-mail address (variable "${emailField}") is missing or not an address`);
    }
    const content = await this.templates.template(em, caseId, note.template);
    if (content === undefined) throw new NotificationProblem(`no template "${note.template}" is deployed`);
    try {
      const body = compileTemplate(content, 'html')(variables);
      const subject = subjectLine(compileTemplate(note.subject, 'plain')(variables));
      return { recipient: recipient.trim(), subject, body };
    } catch (err) {
      throw new NotificationProblem(`the template "${note.template}" or the subject could not be rendered: ${(err as Error).message}`);
    }
  }
}
