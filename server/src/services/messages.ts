import type { Variables } from '../../../engine/src/index.js';
import { processDefinitionById } from '../persistence/repositories/definitions.js';
import { messageSubscriptions, startSubscriptions } from '../persistence/repositories/subscriptions.js';
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
      const reached: string[] = [];
      if (input.correlationKey !== undefined) {
        for (const subscription of await messageSubscriptions(em, input.name, input.correlationKey)) {
          const stepped = await this.steps.tolerateGone(() =>
            this.steps.stepIn(em, subscription.process_instance_id!, { type: 'trigger', subscriptionId: subscription.id, variables }),
          );
          if (stepped) reached.push(stepped.id);
        }
      }
      for (const start of await startSubscriptions(em, 'message', input.name)) {
        const definition = await processDefinitionById(em, start.definition_id!);
        if (!definition) continue;
        const businessKey = input.correlationKey !== undefined ? { businessKey: input.correlationKey } : {};
        reached.push((await this.steps.startIn(em, definition, { variables, startEventId: start.element_id, ...businessKey })).id);
      }
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
