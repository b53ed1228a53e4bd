import type { DmnContext, DmnDecisionTable, DmnExpression, DmnFunctionDefinition, DmnInvocation, DmnList, DmnLiteralExpression, DmnRelation } from '../parse.js';
import type { CompiledExpression } from '../types.js';
import type { CompileContext } from './compile-context.js';
import { compileContext } from './context.js';
import { compileDecisionTable } from './decision-table.js';
import { compileFunctionDefinition } from './function-definition.js';
import { compileInvocation } from './invocation.js';
import { compileList } from './list.js';
import { compileLiteralExpression } from './literal-expression.js';
import { compileRelation } from './relation.js';

export type { CompileContext } from './compile-context.js';

type Compiler = (element: never, ctx: CompileContext) => CompiledExpression | undefined;

/** One compiler per kind of boxed expression, by its dmn-moddle type. */
const COMPILERS: Record<string, Compiler> = {
  'dmn:LiteralExpression': compileLiteralExpression as (e: DmnLiteralExpression, c: CompileContext) => CompiledExpression | undefined,
  'dmn:DecisionTable': compileDecisionTable as (e: DmnDecisionTable, c: CompileContext) => CompiledExpression | undefined,
  'dmn:Context': compileContext as (e: DmnContext, c: CompileContext) => CompiledExpression | undefined,
  'dmn:List': compileList as (e: DmnList, c: CompileContext) => CompiledExpression | undefined,
  'dmn:Relation': compileRelation as (e: DmnRelation, c: CompileContext) => CompiledExpression | undefined,
  'dmn:Invocation': compileInvocation as (e: DmnInvocation, c: CompileContext) => CompiledExpression | undefined,
  'dmn:FunctionDefinition': compileFunctionDefinition as (e: DmnFunctionDefinition, c: CompileContext) => CompiledExpression | undefined,
};

/** Compiles a boxed expression of any kind; reports and gives undefined for what Loket cannot evaluate. */
export function compileBoxed(element: DmnExpression, ctx: CompileContext, decisionName?: string): CompiledExpression | undefined {
  if (element.$type === 'dmn:DecisionTable') return compileDecisionTable(element as DmnDecisionTable, ctx, decisionName);
  const compiler = COMPILERS[element.$type];
  if (!compiler) {
    const kind = element.$type.replace(/^dmn:/, '');
    ctx.report(`${ctx.where} uses ${kind}, which Loket cannot evaluate`, element.id, { code: 'boxed-kind-unsupported', params: { kind } });
    return undefined;
  }
  return (compiler as (e: DmnExpression, c: CompileContext) => CompiledExpression | undefined)(element, ctx);
}
