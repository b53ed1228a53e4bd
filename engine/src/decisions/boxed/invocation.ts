import { isFunction, type FeelFunction } from 'feelin';
import type { FeelValue } from '../../expressions/feel-values.js';
import { DecisionError } from '../errors.js';
import { coerce } from '../item-types.js';
import type { DmnInvocation } from '../parse.js';
import type { CompiledExpression } from '../types.js';
import { runFeel, type CompileContext } from './compile-context.js';

/**
 * An invocation (DMN 1.3, 10.2.6): calls a function (usually a business knowledge model, by name) with each
 * parameter bound by name to a boxed expression. A parameter without a binding is null.
 */
export function compileInvocation(element: DmnInvocation, ctx: CompileContext): CompiledExpression | undefined {
  const called = element.calledFunction as { $type?: string; text?: string } | undefined;
  const calledText = called?.$type === 'dmn:LiteralExpression' ? (called.text ?? '').trim() : '';
  if (!calledText) {
    ctx.report(`${ctx.where}: the invocation does not name the function it calls`, element.id, { code: 'invocation-without-function' });
    return undefined;
  }
  let complete = true;
  const bindings = (element.binding ?? []).map((binding, i) => {
    const name = binding.parameter?.name?.trim();
    if (!name) {
      ctx.report(`${ctx.where}: binding ${i + 1} of the invocation names no parameter`, undefined, { code: 'invocation-binding-without-parameter', params: { binding: String(i + 1) } });
      complete = false;
    }
    // A binding without a formula passes null (DMN 1.3, 10.3.2.6).
    const formula = binding.bindingFormula ? ctx.compile(binding.bindingFormula, `${ctx.where}, parameter "${name}"`) : null;
    if (formula === undefined) complete = false;
    return { name: name ?? '', formula };
  });
  if (!complete) return undefined;
  const type = element.typeRef ? ctx.types.resolve(element.typeRef, ctx.where) : undefined;
  return {
    kind: 'invocation',
    evaluate(scope) {
      const target = runFeel(ctx, calledText, scope, `de functie „${calledText}”`);
      if (!isFunction(target)) {
        throw new DecisionError(`Beslissing „${ctx.ownerId}”: „${calledText}” is geen functie of bedrijfskennismodel dat deze beslissing kan aanroepen`, ctx.ownerId);
      }
      const fn = target as FeelFunction;
      const named = new Map(bindings.map((b) => [b.name, b.formula ? b.formula.evaluate(scope) : null] as [string, FeelValue]));
      const unknown = [...named.keys()].filter((name) => !fn.parameterNames.includes(name));
      if (unknown.length > 0) {
        throw new DecisionError(`Beslissing „${ctx.ownerId}”: „${calledText}” heeft geen parameter ${unknown.map((n) => `„${n}”`).join(', ')}`, ctx.ownerId);
      }
      const value = fn.fn(...fn.parameterNames.map((name) => named.get(name) ?? null));
      return type ? coerce(value, type).value : value;
    },
  };
}
