import { checkExpression, evaluateFeel, FeelError } from '../../expressions/feel.js';
import type { FeelValue } from '../../expressions/feel-values.js';
import { DecisionError } from '../errors.js';
import type { TypeRegistry } from '../item-types.js';
import type { DmnExpression } from '../parse.js';
import type { ProblemCode } from '../../model/types.js';
import type { CompiledExpression, EvaluationScope } from '../types.js';

/** What compiling one boxed expression needs: the file's types, where to report problems, and the other kinds. */
export interface CompileContext {
  /** The decision (or knowledge model) the expression belongs to, for messages and errors. */
  ownerId: string;
  /** How the expression is named in a message: `decision d1`, `decision d1, context entry "x"`. */
  where: string;
  types: TypeRegistry;
  /** Every name the DMN file defines (decisions, inputs, knowledge models, context entries, parameters, components), for parsing FEEL. */
  names: Record<string, null>;
  /** `coded`: which problem it is, for the modeler to say it in Dutch (see ModelProblem). */
  report(message: string, elementId?: string, coded?: ProblemCode): void;
  /** How many problems have been reported so far, to tell whether a part compiled cleanly. */
  problems(): number;
  /** Compiles a nested boxed expression of any kind. */
  compile(element: DmnExpression | undefined, where: string): CompiledExpression | undefined;
}

/** Reports the syntax error of a FEEL text, if any; true when it parses. */
export function checkFeel(ctx: CompileContext, text: string, what: string, elementId?: string): boolean {
  const syntax = checkExpression(text, ctx.names);
  if (syntax) {
    const expression = text.trim();
    const coded: ProblemCode = expression === '' ? { code: 'expression-empty' } : { code: 'expression-invalid', params: { expression } };
    ctx.report(`${ctx.where}, ${what}: ${expression === '' ? 'the expression is empty' : syntax}`, elementId, coded);
  }
  return syntax === null;
}

/**
 * Evaluates a FEEL text in a scope. Why a value came out null is noted for the explanation; a text FEEL cannot
 * run at all is a DecisionError naming where it is.
 */
export function runFeel(ctx: Pick<CompileContext, 'ownerId' | 'where'>, text: string, scope: EvaluationScope, what: string): FeelValue {
  try {
    const { value, warnings } = evaluateFeel(text, scope.variables);
    if ((value === null || value === undefined) && warnings.length > 0) scope.trace.current?.notes.push(`${what}: ${warnings.join('; ')}`);
    return value ?? null;
  } catch (err) {
    if (err instanceof DecisionError) throw err;
    const reason = err instanceof FeelError ? err.message : String((err as Error)?.message ?? err);
    throw new DecisionError(`Beslissing „${ctx.ownerId}”: ${what} kon niet berekend worden: ${reason}`, ctx.ownerId);
  }
}
