import { Initial1732300000001 } from './0001-initial.js';
import { JobsAndSubscriptions1732300000002 } from './0002-jobs-and-subscriptions.js';
import { DecisionValidFrom1732300000003 } from './0003-decision-valid-from.js';
import { DueTimersInOrder1732300000004 } from './0004-due-timers-in-order.js';

/** Every migration, oldest first. Add a new file `000N-<what>.ts` and one entry here. */
export const migrations = [Initial1732300000001, JobsAndSubscriptions1732300000002, DecisionValidFrom1732300000003, DueTimersInOrder1732300000004];
