import { coerce } from '../item-types.js';
import type { DmnRelation } from '../parse.js';
import type { CompiledExpression } from '../types.js';
import type { CompileContext } from './compile-context.js';

/** A relation (DMN 1.3, 10.2.4): a list of contexts, one per row, with the columns as keys. */
export function compileRelation(element: DmnRelation, ctx: CompileContext): CompiledExpression | undefined {
  const columns = (element.column ?? []).map((c, i) => c.name?.trim() || `column ${i + 1}`);
  let complete = true;
  const rows = (element.row ?? []).map((row, r) => {
    const cells = row.elements ?? [];
    if (cells.length !== columns.length) {
      ctx.report(`${ctx.where}: row ${r + 1} of the relation has ${cells.length} cells but the relation has ${columns.length} columns`, row.id, {
        code: 'relation-row-cells',
        params: { row: String(r + 1), cells: String(cells.length), columns: String(columns.length) },
      });
      complete = false;
    }
    return cells.map((cell, c) => ctx.compile(cell, `${ctx.where}, row ${r + 1}, column "${columns[c] ?? c + 1}"`));
  });
  if (!complete || rows.some((row) => row.some((cell) => !cell))) return undefined;
  const type = element.typeRef ? ctx.types.resolve(element.typeRef, ctx.where) : undefined;
  return {
    kind: 'relation',
    evaluate(scope) {
      const value = rows.map((row) => Object.fromEntries(columns.map((name, c) => [name, row[c]!.evaluate(scope)])));
      return type ? coerce(value, type).value : value;
    },
  };
}
