import express, { type Router } from 'express';
import { listOutbox } from '../persistence/repositories/outbox.js';
import { MOMENT, type PageKit } from './page-kit.js';
import { fill, texts } from './texts.js';

/** The administrator's pages: the outbox, sent or kept. */
export function adminRouter(kit: PageKit): Router {
  const router = express.Router();
  const { services } = kit;
  const words = texts.outbox;

  router.get('/beheer/post', kit.signedIn, kit.requireRole(['admin']), async (_req, res) => {
    const mails = await listOutbox(services.dataSource.manager, {});
    const sending = services.outbox.sending;
    kit.render(res, 'outbox', {
      title: words.title,
      sendingText: sending ? words.sending : words.notSending,
      mails: mails.map((mail) => ({
        ...mail,
        created: MOMENT.format(new Date(mail.createdAt)),
        caseHref: `/zaken/${mail.processInstanceId}`,
        state: mail.sentAt
          ? fill(words.sent, { date: MOMENT.format(new Date(mail.sentAt)) })
          : mail.lastError
            ? fill(words.failed, { count: mail.attempts, error: mail.lastError })
            : sending
              ? words.waiting
              : words.kept,
        problem: !mail.sentAt && !!mail.lastError,
      })),
    });
  });

  return router;
}
