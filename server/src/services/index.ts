import type { DataSource } from 'typeorm';
import type { Database } from '../persistence/database.js';
import { CaseSteps } from './case-steps.js';
import { Catalog } from './catalog.js';
import { CitizenStatusService } from './citizen-status.js';
import { Notifications } from './notifications.js';
import { ContactService } from './contacts.js';
import { OutboxSender, type MailTransport } from './mail-sender.js';
import { budgetFromEnvironment } from './feel-budget.js';
import type { Budget } from '../../../engine/src/index.js';
import { DecisionService } from './decisions.js';
import { Forms } from './forms.js';
import { InstanceService } from './instances.js';
import { JobService } from './jobs.js';
import { MessageService } from './messages.js';
import { TimerService } from './timers.js';
import { builtInWorkers } from '../jobs/workers/index.js';
import { deployedTemplates } from '../jobs/templates.js';
import type { BuiltInWorker } from '../jobs/worker.js';
import { TaskService } from './tasks.js';
import { UserService } from './users.js';
import { SessionCache } from './session-cache.js';

export interface ServiceSettings {
  tokenTtlMinutes: number;
  /** Where "now" comes from; tests may pin it. */
  clock?: () => Date;
  /** The job types the server works on itself; default loket:mail and loket:http. */
  workers?: BuiltInWorker[];
  /** How long one decision or looping FEEL expression may run; default LOKET_FEEL_BUDGET_MS (1000 ms). */
  budget?: Budget;
  /** Where the outbox goes; none: mails stay in the outbox. */
  mailTransport?: MailTransport;
}

/**
 * Everything the routes call, built once per server. Add a service here (a field and a line in
 * `createServices`) and every route module receives it.
 */
export interface Services {
  database: Database;
  dataSource: DataSource;
  clock: () => Date;
  users: UserService;
  instances: InstanceService;
  tasks: TaskService;
  decisions: DecisionService;
  messages: MessageService;
  jobs: JobService;
  timers: TimerService;
  /** The engine's steps on the database, beneath the services above. */
  steps: CaseSteps;
  citizenStatus: CitizenStatusService;
  contacts: ContactService;
  outbox: OutboxSender;
  /** Compiled models of deployed processes, for pages that name a case's steps. */
  catalog: Catalog;
  forms: Forms;
}

export function createServices(database: Database, settings: ServiceSettings): Services {
  const clock = settings.clock ?? (() => new Date());
  const { dataSource } = database;
  const catalog = new Catalog();
  const budget = settings.budget ?? budgetFromEnvironment();
  const steps = new CaseSteps(dataSource, catalog, clock, budget, new Notifications(deployedTemplates(), clock));
  const forms = new Forms();
  const contacts = new ContactService(dataSource, catalog, clock);
  return {
    database,
    dataSource,
    clock,
    users: new UserService(dataSource, {
      tokenTtlMinutes: settings.tokenTtlMinutes,
      clock,
      // PGlite belongs to this process alone; on PostgreSQL others may log out, see hearSessionRevocations.
      sessions: new SessionCache({}, { open: database.kind === 'pglite' }),
    }),
    instances: new InstanceService(dataSource, steps, catalog, forms),
    tasks: new TaskService(dataSource, steps, forms),
    decisions: new DecisionService(dataSource, catalog, clock, budget),
    messages: new MessageService(steps),
    jobs: new JobService(dataSource, steps, settings.workers ?? builtInWorkers(deployedTemplates(), { clock })),
    timers: new TimerService(dataSource, steps, catalog),
    steps,
    citizenStatus: new CitizenStatusService(dataSource, catalog, steps, contacts),
    contacts,
    outbox: new OutboxSender(dataSource, settings.mailTransport, clock),
    catalog,
    forms,
  };
}
