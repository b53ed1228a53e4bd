import { expect } from 'chai';
import { evaluateFeel } from '../../../engine/src/expressions/feel.js';

/** The value of a FEEL expression (written with String.raw, so a backslash reaches FEEL as typed). */
function feel(expression: string): unknown {
  return evaluateFeel(expression, {}).value;
}

function expectAll(cases: [string, unknown][]): void {
  for (const [expression, expected] of cases) expect(feel(expression), expression).to.deep.equal(expected);
}

describe('FEEL matches() with XPath regular expressions', () => {
  it('matches any part of the input, and takes arguments by name', () => {
    expectAll([
      [String.raw`matches("abracadabra", "bra")`, true],
      [String.raw`matches("abracadabra", "^bra")`, false],
      [String.raw`matches(input: "abc", pattern: "B", flags: "i")`, true],
      [String.raw`matches("abracadabra", "bra", null)`, true],
    ]);
  });

  it('gives null for null or non-string arguments and for a wrong argument count', () => {
    expectAll([
      [String.raw`matches(null, "a")`, null],
      [String.raw`matches("a", null)`, null],
      [String.raw`matches("a", [])`, null],
      [String.raw`matches("a", "a", [])`, null],
      [String.raw`matches("a")`, null],
      [String.raw`matches("a", "a", "", [])`, null],
    ]);
  });

  it('knows the flags s, m, i, x and q, and gives null for any other flag', () => {
    expectAll([
      [String.raw`matches("a\nb", "a.b")`, false],
      [String.raw`matches("a\nb", "a.b", "s")`, true],
      [String.raw`matches("Mary\u000DJones", "Mary.Jones")`, false],
      [String.raw`matches("\nabcd\ndefg\n", "^$", "m")`, true],
      [String.raw`matches("ab\ncd", "^cd", "m")`, true],
      [String.raw`matches("ab\rcd", "^cd", "m")`, false], // XPath lines end at \n only
      [String.raw`matches("\u212A", "k", "i")`, true],
      [String.raw`matches("hello world", "he ll o[ ]worl d", "x")`, true],
      [String.raw`matches("hello world", "hello\ sworld", "x")`, true],
      [String.raw`matches("hello world", "hello world", "x")`, false],
      [String.raw`matches("x[y-z]", "x[y-z]", "q")`, true],
      [String.raw`matches("abracadabra", "(?:abra(?:cad)?)*", "q")`, false],
      [String.raw`matches("x[Y-z]", "X[y-Z]", "qi")`, true],
      [String.raw`matches("a", "a", "smixq")`, true],
      [String.raw`matches("a", "a", "p")`, null],
      [String.raw`matches("a", "a", " ")`, null],
      [String.raw`matches("a", "a", "X")`, null],
    ]);
  });

  it('gives the XML Schema meaning to ., \\s, \\d, \\w, \\i, \\c, categories and blocks', () => {
    expectAll([
      [String.raw`matches("\u00A0", "\s")`, false], // JS's \s would match a no-break space
      [String.raw`matches("\u0663", "^\d$")`, true], // ARABIC-INDIC DIGIT THREE is a decimal digit
      [String.raw`matches("é", "^\w$")`, true],
      [String.raw`matches("-", "\w")`, false],
      [String.raw`matches("_a1", "^\i\c*$")`, true],
      [String.raw`matches("1a", "^\i")`, false],
      [String.raw`matches("Ab", "^\p{Lu}\P{Lu}$")`, true],
      [String.raw`matches("hello world", "^\p{IsBasicLatin}+$")`, true],
      [String.raw`matches("é", "\p{IsBasicLatin}")`, false],
      [String.raw`matches("α", "\p{IsGreek}")`, true], // the XML Schema 1.0 name of Greek and Coptic
      [String.raw`matches("a", "\p{IsNoSuchBlock}")`, null],
      [String.raw`matches("a", "\p{Letter}")`, null], // JS knows this name, XPath does not
    ]);
  });

  it('translates character class subtraction, also under the i flag', () => {
    expectAll([
      [String.raw`matches("x", "[A-Z-[OI]]", "i")`, true],
      [String.raw`matches("O", "[A-Z-[OI]]", "i")`, false],
      [String.raw`matches("i", "[A-Z-[OI]]", "i")`, false],
      [String.raw`matches("b", "^[a-z-[aeiou-[e]]]$")`, true],
      [String.raw`matches("e", "^[a-z-[aeiou-[e]]]$")`, true],
      [String.raw`matches("a", "^[a-z-[aeiou-[e]]]$")`, false],
      [String.raw`matches("q", "[^Q]", "i")`, false],
      [String.raw`matches("a b", "^a[\S-[b]]b$")`, false],
      [String.raw`matches("a-b", "^a[\S-[b]]b$")`, true],
      [String.raw`matches("5", "[0-9-.]")`, true],
      [String.raw`matches("-", "[0-9-.]")`, true],
    ]);
  });

  it('allows back-references only to groups closed before them', () => {
    expectAll([
      [String.raw`matches("aA", "(a)\1", "i")`, true],
      [String.raw`matches("abab", "^(ab)\1$")`, true],
      [String.raw`matches("h", "(.)\2")`, null],
      [String.raw`matches("aa", "(a\1)")`, null],
      [String.raw`matches("input", "\3")`, null],
      [String.raw`matches("abcd", "(asd)[\1]")`, null],
      [String.raw`matches("abcd", "1[asd\0]")`, null],
    ]);
  });

  it('gives null for what XPath does not allow, even where JS would', () => {
    expectAll([
      [String.raw`matches("ab", "a(?=b)")`, null],
      [String.raw`matches("a b", "\bb")`, null],
      [String.raw`matches("A", "\x41")`, null],
      [String.raw`matches("a", "a{2,1}")`, null],
      [String.raw`matches("a", "[]")`, null],
      [String.raw`matches("a", "a]")`, null],
      [String.raw`matches("a", "(a")`, null],
      [String.raw`matches("a", "^*")`, null],
      [String.raw`matches("aaa", "^a{2,}?")`, true],
    ]);
  });

  it('refuses nested unbounded quantifiers, which can backtrack without end', () => {
    expectAll([
      [String.raw`matches("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab", "^(a+)+$")`, null],
      [String.raw`matches("a", "(\w*\s?)*")`, null],
      [String.raw`matches("abcad", "(?:abra(?:cad)?)*")`, true],
      [String.raw`matches("123456", "^(\d{3})+$")`, true],
    ]);
  });
});

describe('FEEL replace() with XPath regular expressions', () => {
  it('replaces every match, with $N for groups and \\$ \\\\ for literal characters', () => {
    expectAll([
      [String.raw`replace("abracadabra", "bra", "*")`, 'a*cada*'],
      [String.raw`replace("abcd", "(ab)|(a)", "[1=$1][2=$2]")`, '[1=ab][2=]cd'],
      [String.raw`replace("facetiously", "[iouy]", "[$0]")`, 'facet[i][o][u]sl[y]'],
      [String.raw`replace("abc", "(b)", "$10")`, 'ab0c'], // $10 with one group is $1 and "0"
      [String.raw`replace("abc", "b", "$5")`, 'ac'], // a group number up to 9 that does not exist is empty
      // FEEL's "\\" is one backslash, so the replacement is \$\\
      [String.raw`replace("abc", "b", "\\$\\\\")`, 'a$\\c'],
      [String.raw`replace("a b c d ", "[a-z]", "#", "x")`, '# # # # '],
      [String.raw`replace(input: "abc", pattern: ".^[d-z]*", replacement: "#", flags: "smix")`, 'abc'],
      [String.raw`replace("a.b", ".", "#", "q")`, 'a#b'],
    ]);
  });

  it('gives null for an invalid replacement, a pattern matching the empty string, or bad arguments', () => {
    expectAll([
      [String.raw`replace("abc", "b", "$")`, null],
      [String.raw`replace("abc", "b", "\\n")`, null], // a backslash before n
      [String.raw`replace("abc", "b*", "#")`, null],
      [String.raw`replace("abc", "[", "#")`, null],
      [String.raw`replace("abc", "b", "#", "k")`, null],
      [String.raw`replace(null, "b", "#")`, null],
      [String.raw`replace("abc", "b", 1)`, null],
    ]);
  });
});

describe('FEEL decimal(), round up/down/half up/half down, floor() and ceiling()', () => {
  it('round on the decimal digits of the number, not on a product of doubles', () => {
    expectAll([
      ['round up(1.1, 1)', 1.1],
      ['ceiling(0.07, 2)', 0.07],
      ['round down(0.29, 2)', 0.29],
      ['floor(0.29, 2)', 0.29],
      ['round half up(1.005, 2)', 1.01],
      ['decimal(0.515, 2)', 0.52],
      ['decimal(1/3, 2)', 0.33],
    ]);
  });

  it('round in the direction each name says, also for negative numbers', () => {
    expectAll([
      ['round up(5.5, 0)', 6],
      ['round up(-5.5, 0)', -6],
      ['round down(-5.5, 0)', -5],
      ['round half up(-5.5, 0)', -6],
      ['round half down(-5.5, 0)', -5],
      ['round half down(5.51, 0)', 6],
      ['decimal(2.5, 0)', 2],
      ['decimal(3.5, 0)', 4],
      ['decimal(-2.5, 0)', -2],
      ['floor(-1.5)', -2],
      ['ceiling(-1.5)', -1],
      ['ceiling(n: 1.21, scale: 1)', 1.3],
      ['round up(n: 5.5, scale: 0)', 6],
      ['round down(-0.1, 0)', 0],
      ['round up(1234.5, -2)', 1300],
      ['round half up(0.001, -2)', 0],
    ]);
  });

  it('truncate a scale with a fraction, and give null for a scale outside [-6111..6176] or a missing one', () => {
    expectAll([
      ['decimal(1/3, 2.5)', 0.33],
      ['round up(5.5, 6176)', 5.5],
      ['round up(5.5, 6177)', null],
      ['round up(5.5, -6112)', null],
      ['round up(5.5, -400)', null], // 1e400 is beyond the doubles
      ['round up(1234.12)', null],
      ['round up(1234.12, null)', null],
      ['floor(1.5, null)', null],
      ['round up("123", 0)', null],
      ['round up(5.5, "0")', null],
      ['round up(n: 5.5, scale: 0, foo: 1)', null],
      ['decimal(1, 2, 3)', null],
    ]);
  });
});
