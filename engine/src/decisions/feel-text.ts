import { parseUnaryTests } from 'feelin';

/**
 * Splits FEEL unary tests, such as an output column's list of output values, into its tests as
 * written: `"a", "b, c"` gives `"a"` and `"b, c"`. Text that does not parse comes back whole, so the
 * caller's syntax check reports it.
 */
export function splitTopLevel(text: string): string[] {
  if (text.trim() === '') return [];
  const parts: string[] = [];
  let malformed = false;
  parseUnaryTests(text, {}, undefined).iterate({
    enter(node) {
      if (node.type.isError || node.type.name === 'not') malformed = true;
      if (node.type.name !== 'PositiveUnaryTest') return undefined;
      parts.push(text.slice(node.from, node.to).trim());
      return false;
    },
  });
  return malformed || parts.length === 0 ? [text.trim()] : parts;
}
