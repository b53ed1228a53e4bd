export { compileDmn } from './compile.js';
export { evaluateDecision } from './evaluate.js';
export { DecisionError } from './errors.js';
export { explain } from './explain.js';
export type * from './types.js';
