import type { FeelValue } from '../feel-values.js';
import { memoByText } from '../memo.js';
import { TEMPORAL_BUILTINS } from './temporal.js';
import { TEXT_AND_NUMBER_BUILTINS } from './text-and-numbers.js';

/**
 * Loket's corrections of feelin's built-in functions, where the DMN TCK shows feelin wrong or missing.
 * Each is given to feelin as a context entry of the built-in's name, which feelin looks up before its own.
 */
export const BUILTINS: Record<string, FeelValue> = { ...TEMPORAL_BUILTINS, ...TEXT_AND_NUMBER_BUILTINS };

const NAMES = Object.keys(BUILTINS);

/**
 * The corrections a FEEL text can call: those whose name occurs in it. A name that does not occur in the text
 * can neither be called nor change how the text parses, so the rest need not be copied into every evaluation.
 */
export const builtinsFor = memoByText((text): Record<string, FeelValue> =>
  Object.fromEntries(NAMES.filter((name) => text.includes(name)).map((name) => [name, BUILTINS[name]])),
);
