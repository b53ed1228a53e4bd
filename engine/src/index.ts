export { compileBpmn, type CompiledBpmn } from './model/compile.js';
export type { DeployedResources } from './model/rules/index.js';
export type * from './model/types.js';
export { step } from './runtime/step.js';
export type * from './runtime/types.js';
export { CommandRejected } from './runtime/types.js';
export { compileDmn, evaluateDecision, DecisionError } from './decisions/index.js';
export type * from './decisions/types.js';
export * from './expressions/feel.js';
