import { openEventSubProcessSubscriptions } from '../runtime/subscriptions.js';
import type { Behavior } from './behavior.js';

/** Runs its own flow in its own variable scope; it completes when nothing runs in it any more (runtime/settle.ts). */
export const subProcessBehavior: Behavior<'subProcess'> = {
  activate(run, element, token) {
    run.ensureScope(token);
    run.wait(token);
    const failed = openEventSubProcessSubscriptions(run, element.eventSubProcessIds, token.id, token);
    if (failed) return run.raiseIncident(token, failed.message, 'activate');
    run.schedule({ elementId: element.startEventId, parentScopeId: token.id });
  },
};
