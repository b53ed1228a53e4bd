import { coerce } from '../item-types.js';
import type { DmnLiteralExpression } from '../parse.js';
import type { CompiledExpression } from '../types.js';
import { checkFeel, runFeel, type CompileContext } from './compile-context.js';

/** A FEEL expression in a box (DMN 1.3, 10.2.1); its typeRef, if any, is what the value must fit. */
export function compileLiteralExpression(element: DmnLiteralExpression, ctx: CompileContext): CompiledExpression | undefined {
  const language = element.expressionLanguage;
  if (language && !/FEEL/i.test(language)) {
    ctx.report(`${ctx.where} is written in ${language}; Loket evaluates FEEL only`, element.id, { code: 'expression-language-unsupported', params: { language } });
    return undefined;
  }
  const text = element.text ?? '';
  if (!checkFeel(ctx, text, 'the expression', element.id)) return undefined;
  const type = element.typeRef ? ctx.types.resolve(element.typeRef, ctx.where) : undefined;
  return {
    kind: 'literal expression',
    evaluate(scope) {
      const value = runFeel(ctx, text, scope, `de uitdrukking „${text.trim()}”`);
      return type ? coerce(value, type).value : value;
    },
  };
}
