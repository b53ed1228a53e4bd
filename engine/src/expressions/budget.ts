/**
 * The time an evaluation may take. The engine has no clock of its own, so the host (the server) supplies the
 * budget: it runs `work` and throws BudgetExceeded when it takes too long. A runaway expression in a deployed
 * model (`for i in 1..1000000000 return i`, a knowledge model that recurses without end) then becomes an
 * incident or a 400, not a hung server.
 */
export type Budget = <T>(work: () => T) => T;

export class BudgetExceeded extends Error {
  constructor(readonly limitMs: number) {
    super(`de berekening duurde langer dan ${limitMs} ms en is gestopt`);
    this.name = 'BudgetExceeded';
  }
}

/** No limit: for tests and callers that bound time themselves. */
export const UNLIMITED: Budget = (work) => work();

/** The largest FEEL text a model may hold (characters), checked at deploy: a size budget that needs no clock. */
export const MAX_EXPRESSION_LENGTH = 20_000;

/** Only FEEL that can iterate or call functions it defines can run for long; everything else is linear in its text. */
export function mayRunLong(expression: string): boolean {
  return /\b(for|some|every|function)\b/.test(expression);
}
