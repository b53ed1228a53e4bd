import { coerce, type ItemType } from '../item-types.js';
import type { DmnContext } from '../parse.js';
import type { CompiledExpression } from '../types.js';
import type { CompileContext } from './compile-context.js';

interface Entry {
  name?: string;
  type?: ItemType;
  value: CompiledExpression;
}

/**
 * A boxed context (DMN 1.3, 10.2.2): entries evaluated in order, each seeing the ones before it (and itself,
 * so a function entry can call itself). A last entry without a name is the context's result.
 */
export function compileContext(element: DmnContext, ctx: CompileContext): CompiledExpression | undefined {
  const entries: Entry[] = [];
  let complete = true;
  (element.contextEntry ?? []).forEach((entry, i) => {
    const name = entry.variable?.name?.trim();
    const label = name ? `context entry "${name}"` : `the result entry of the context`;
    if (!name && i !== (element.contextEntry ?? []).length - 1) {
      ctx.report(`${ctx.where}: context entry ${i + 1} has no name; only the last entry may be without one`, entry.id, { code: 'context-entry-without-name', params: { entry: String(i + 1) } });
      complete = false;
    }
    const value = ctx.compile(entry.value, `${ctx.where}, ${label}`);
    if (!value) {
      if (!entry.value) ctx.report(`${ctx.where}, ${label} has no value`, entry.id, { code: 'context-entry-without-value', params: { entry: name ?? String(i + 1) } });
      complete = false;
      return;
    }
    const type = entry.variable?.typeRef ? ctx.types.resolve(entry.variable.typeRef, `${ctx.where}, ${label}`) : undefined;
    entries.push({ ...(name ? { name } : {}), ...(type ? { type } : {}), value });
  });
  if (!complete) return undefined;
  const type = element.typeRef ? ctx.types.resolve(element.typeRef, ctx.where) : undefined;
  return {
    kind: 'context',
    evaluate(scope) {
      const result: Record<string, unknown> = {};
      const variables = { ...scope.variables };
      const inner = { ...scope, variables };
      for (const entry of entries) {
        const raw = entry.value.evaluate(inner);
        const value = entry.type ? coerce(raw, entry.type).value : raw;
        if (entry.name === undefined) return type ? coerce(value, type).value : value;
        result[entry.name] = value;
        variables[entry.name] = value;
      }
      return type ? coerce(result, type).value : result;
    },
  };
}
