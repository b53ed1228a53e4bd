import { parseUnaryTests } from 'feelin';
import { builtinsFor } from './builtins/index.js';

/** Positive unary tests that already compare with the input, whatever their value. */
const COMPARING = new Set(['SimplePositiveUnaryTest', 'StringLiteral', 'NumericLiteral', 'BooleanLiteral', 'null']);

/**
 * Unary tests as DMN 1.3 means them (10.3.2.9, "? in e"): a test that is a plain expression, such as
 * `Complex.aBoolean` or `limits.min`, is met when the input equals its value (or lies in it, for a list or a
 * range). feelin instead takes such an expression's `true` as the test being met, whatever the input; so such
 * tests are rewritten to `? in (e)`. Tests that use `?` themselves (`? > 3`) are boolean conditions and stay.
 */
export function withImplicitInput(tests: string, names: Record<string, unknown> = {}): string {
  const tree = parseUnaryTests(tests, { ...builtinsFor(tests), ...names }, undefined);
  const spans: { from: number; to: number }[] = [];
  const cursor = tree.cursor();
  const visit = (): void => {
    if (cursor.type.name === 'PositiveUnaryTest') {
      const { from, to } = cursor;
      let usesInput = false;
      let comparing = false;
      if (cursor.firstChild()) {
        comparing = COMPARING.has(cursor.type.name);
        cursor.parent();
      }
      tree.iterate({
        from,
        to,
        enter(node) {
          if (node.type.name === '?') usesInput = true;
        },
      });
      if (!comparing && !usesInput) spans.push({ from, to });
      return;
    }
    if (cursor.firstChild()) {
      do visit();
      while (cursor.nextSibling());
      cursor.parent();
    }
  };
  visit();
  let result = tests;
  for (const { from, to } of spans.reverse()) result = `${result.slice(0, from)}? in (${result.slice(from, to)})${result.slice(to)}`;
  return result;
}
