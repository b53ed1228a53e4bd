import { Initial1732300000001 } from './0001-initial.js';
import { JobsAndSubscriptions1732300000002 } from './0002-jobs-and-subscriptions.js';
import { DecisionValidFrom1732300000003 } from './0003-decision-valid-from.js';
import { DueTimersInOrder1732300000004 } from './0004-due-timers-in-order.js';
import { OneRoundTripPerStep1732300000005 } from './0005-one-round-trip-per-step.js';
import { OpenTasksIndex1732300000006 } from './0006-open-tasks-index.js';
import { LighterStepWrites1732300000007 } from './0007-lighter-step-writes.js';
import { WorkPages1732300000008 } from './0008-work-pages.js';
import { PartiesAndContacts1732300000009 } from './0009-parties-and-contacts.js';
import { OutboxSending1732300000010 } from './0010-outbox-sending.js';
import { StartOnLatest1732300000011 } from './0011-start-on-latest.js';
import { LighterStepWritesAgain1732300000012 } from './0012-lighter-step-writes-again.js';
import { StepsWrittenTogether1732300000013 } from './0013-steps-written-together.js';
import { CheaperStepWrites1732300000014 } from './0014-cheaper-step-writes.js';

/** Every migration, oldest first. Add a new file `000N-<what>.ts` and one entry here. */
export const migrations = [Initial1732300000001, JobsAndSubscriptions1732300000002, DecisionValidFrom1732300000003, DueTimersInOrder1732300000004, OneRoundTripPerStep1732300000005, OpenTasksIndex1732300000006, LighterStepWrites1732300000007, WorkPages1732300000008, PartiesAndContacts1732300000009, OutboxSending1732300000010, StartOnLatest1732300000011, LighterStepWritesAgain1732300000012, StepsWrittenTogether1732300000013, CheaperStepWrites1732300000014];
