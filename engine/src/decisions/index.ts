export { compileDmn } from './compile.js';
export { evaluateDecision } from './evaluate.js';
export { DecisionError } from './errors.js';
export { explain, explainTable } from './explain.js';
export type * from './types.js';
export { evaluationRecord } from './record.js';
export { LOKET_ZONE, momentOf, versionInForce, type DecisionVersion } from './in-force.js';
