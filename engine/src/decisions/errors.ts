import type { RuleEvaluation } from './types.js';

/** Evaluating a decision failed, e.g. two rules matched under UNIQUE. The message is Dutch, for the civil servant handling the case. */
export class DecisionError extends Error {
  constructor(
    message: string,
    readonly decisionId: string,
    /** The rule evaluations up to the failure, when it happened after the rules were tested. */
    readonly rules?: RuleEvaluation[],
  ) {
    super(message);
    this.name = 'DecisionError';
  }
}
