import type { Variables } from '../../../engine/src/index.js';
import { messageSubscriptions } from '../persistence/repositories/subscriptions.js';
import type { CaseSteps } from './case-steps.js';

/**
 * Messages and signals from outside (a citizen's answer arriving by mail, another department's system).
 * All cases a message or signal reaches are stepped in one transaction: all of them, or none.
 */
export class MessageService {
  constructor(private readonly steps: CaseSteps) {}

  /**
   * Delivers a message to every waiting catch event, receive task, boundary event and event subprocess with
   * this name and correlation key, and starts every process whose latest version has a message start event
   * with this name.
   */
  async publish(input: { name: string; correlationKey?: string; variables?: Variables }): Promise<{ correlated: number; processInstanceIds: string[] }> {
    const variables = input.variables ?? {};
    return this.steps.transaction(async (em) => {
      const waiting = input.correlationKey === undefined ? [] : await messageSubscriptions(em, input.name, input.correlationKey);
      const businessKey = input.correlationKey !== undefined ? { businessKey: input.correlationKey } : {};
      const reached = [
        ...(await this.steps.deliver(em, waiting, variables)),
        ...(await this.steps.startByEvent(em, 'message', input.name, { variables, ...businessKey })),
      ];
      return { correlated: reached.length, processInstanceIds: [...new Set(reached)] };
    });
  }

  async broadcastSignal(input: { name: string; variables?: Variables }): Promise<{ triggered: number; processInstanceIds: string[] }> {
    return this.steps.transaction(async (em) => {
      const reached = await this.steps.broadcastSignal(em, input.name, input.variables ?? {});
      return { triggered: reached.length, processInstanceIds: [...new Set(reached)] };
    });
  }
}
