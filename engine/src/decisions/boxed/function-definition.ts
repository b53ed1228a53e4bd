import { FeelFunction } from 'feelin';
import type { FeelValue } from '../../expressions/feel-values.js';
import { DecisionError } from '../errors.js';
import { coerce, type ItemType } from '../item-types.js';
import type { DmnFunctionDefinition } from '../parse.js';
import type { CompiledExpression, EvaluationScope } from '../types.js';
import type { CompileContext } from './compile-context.js';

/** How deep functions may call each other (a recursive knowledge model that never stops), before the evaluation is stopped. */
export const MAX_CALL_DEPTH = 200;

export interface CompiledFunction {
  parameters: { name: string; type: ItemType }[];
  body: CompiledExpression;
  resultType?: ItemType;
}

export function compileFunctionParts(element: DmnFunctionDefinition, ctx: CompileContext): CompiledFunction | undefined {
  const kind = element.kind ?? 'FEEL';
  if (kind !== 'FEEL') {
    ctx.report(`${ctx.where} is a function of kind ${kind}; Loket runs FEEL functions only`, element.id, { code: 'function-kind-unsupported', params: { kind } });
    return undefined;
  }
  const parameters = (element.formalParameter ?? []).map((p, i) => ({
    name: p.name?.trim() || `parameter ${i + 1}`,
    type: ctx.types.resolve(p.typeRef, `${ctx.where}, parameter "${p.name}"`),
  }));
  const body = ctx.compile(element.body, `${ctx.where}, function body`);
  if (!element.body) ctx.report(`${ctx.where}: the function has no body`, element.id, { code: 'function-without-body' });
  if (!body) return undefined;
  const resultType = element.typeRef ? ctx.types.resolve(element.typeRef, ctx.where) : undefined;
  return { parameters, body, ...(resultType ? { resultType } : {}) };
}

/**
 * A FEEL function value that runs a compiled body: callable from FEEL (`f(1, 2)`, `f(b: 2, a: 1)`) and from an
 * invocation. The body sees `closure` and the parameters; an argument that does not fit its parameter's type
 * makes the call give null, as DMN says.
 */
export function functionValue(name: string, fn: CompiledFunction, closure: Record<string, FeelValue>, scope: EvaluationScope): FeelFunction {
  const names = fn.parameters.map((p) => p.name);
  return new FeelFunction((...args: FeelValue[]) => {
    const variables: Record<string, FeelValue> = { ...closure };
    for (const [i, parameter] of fn.parameters.entries()) {
      const { value, fits } = coerce(args[i] ?? null, parameter.type);
      if (!fits) {
        scope.trace.current?.notes.push(`„${name}”: de waarde voor „${parameter.name}” is geen ${parameter.type.name}, dus is de uitkomst leeg`);
        return null;
      }
      variables[parameter.name] = value;
    }
    if (scope.trace.callers.length >= MAX_CALL_DEPTH) {
      throw new DecisionError(`„${name}” roept zichzelf of andere functies meer dan ${MAX_CALL_DEPTH} keer genest aan; de berekening is gestopt`, name);
    }
    scope.trace.callers.push(name);
    try {
      const result = fn.body.evaluate({ variables, trace: scope.trace });
      return fn.resultType ? coerce(result, fn.resultType).value : result;
    } finally {
      scope.trace.callers.pop();
    }
  }, names);
}

/** A function definition in a box (DMN 1.3, 10.2.5): evaluates to a function that closes over its scope. */
export function compileFunctionDefinition(element: DmnFunctionDefinition, ctx: CompileContext): CompiledExpression | undefined {
  const fn = compileFunctionParts(element, ctx);
  if (!fn) return undefined;
  return {
    kind: 'function definition',
    evaluate: (scope) => functionValue(`functie in ${ctx.where}`, fn, scope.variables, scope),
  };
}
