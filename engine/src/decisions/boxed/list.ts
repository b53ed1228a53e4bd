import { coerce } from '../item-types.js';
import type { DmnList } from '../parse.js';
import type { CompiledExpression } from '../types.js';
import type { CompileContext } from './compile-context.js';

/** A boxed list (DMN 1.3, 10.2.3): each item its own boxed expression. */
export function compileList(element: DmnList, ctx: CompileContext): CompiledExpression | undefined {
  const items = (element.elements ?? []).map((item, i) => ctx.compile(item, `${ctx.where}, list item ${i + 1}`));
  if (items.some((item) => !item)) return undefined;
  const type = element.typeRef ? ctx.types.resolve(element.typeRef, ctx.where) : undefined;
  return {
    kind: 'list',
    evaluate(scope) {
      const value = items.map((item) => item!.evaluate(scope));
      return type ? coerce(value, type).value : value;
    },
  };
}
