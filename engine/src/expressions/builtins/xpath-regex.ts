import { unicodeBlock } from './unicode-blocks.js';

/**
 * FEEL's matches() and replace() take XPath regular expressions (XQuery and XPath Functions and Operators, 5.6.1:
 * XML Schema regular expressions plus ^ $ anchors, reluctant quantifiers, (?:) and back-references) with the
 * flags s, m, i, x and q. JavaScript's RegExp differs in many details (what . \s \d \w match, character class
 * subtraction, block escapes, the meaning of m), so a pattern is parsed here and written anew as a JS RegExp
 * with the u flag. Whatever XPath does not allow (lookaround, \b, \x41, a back-reference to an unclosed group,
 * an unknown flag, ...) is an invalid pattern: compileXPathRegex gives null.
 *
 * Backtracking: a JS RegExp runs synchronously and cannot be interrupted, so no time budget of the engine can
 * stop a catastrophic match. Patterns with nested unbounded quantifiers such as (a+)+ or (\w*\s?)* are the
 * common cause, and are therefore refused (null) although XPath allows them. Other exponential patterns, e.g.
 * (a|aa)+, are not detected; model authors remain responsible for those.
 */
export interface XPathRegex {
  regexp: RegExp;
  /** The number of capturing groups, for the $N of replace(). */
  groups: number;
}

class InvalidPattern extends Error {}

const FLAGS = /^[smixq]*$/;
const SINGLE_ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t' };
const SINGLE_ESCAPED = new Set([...'\\|.-^?*+{}()[]$']);
const CATEGORIES = new Set(
  'L Lu Ll Lt Lm Lo M Mn Mc Me N Nd Nl No P Pc Pd Ps Pe Pi Pf Po Z Zs Zl Zp S Sm Sc Sk So C Cc Cf Co Cn'.split(' '),
);
/** XML 1.0 (fifth edition) NameStartChar and NameChar, for \i and \c. */
const NAME_START =
  ':A-Z_a-z\\u{C0}-\\u{D6}\\u{D8}-\\u{F6}\\u{F8}-\\u{2FF}\\u{370}-\\u{37D}\\u{37F}-\\u{1FFF}\\u{200C}-\\u{200D}' +
  '\\u{2070}-\\u{218F}\\u{2C00}-\\u{2FEF}\\u{3001}-\\u{D7FF}\\u{F900}-\\u{FDCF}\\u{FDF0}-\\u{FFFD}\\u{10000}-\\u{EFFFF}';
const NAME_CHAR = `${NAME_START}\\-.0-9\\u{B7}\\u{300}-\\u{36F}\\u{203F}-\\u{2040}`;

/** One character as JS RegExp source, safe inside and outside a character class. */
function literal(char: string): string {
  return /[0-9A-Za-z]/.test(char) ? char : `\\u{${char.codePointAt(0)!.toString(16)}}`;
}

/** A set of characters as JS class content: the characters of `body`, or all but those when `negated`. */
interface CharSet {
  body: string;
  negated: boolean;
}

function setSource(set: CharSet): string {
  return `[${set.negated ? '^' : ''}${set.body}]`;
}

/** Removes whitespace outside character classes, as the x flag says. */
function stripWhitespace(pattern: string): string {
  let out = '';
  let depth = 0;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (depth === 0 && /[\t\n\r ]/.test(c)) continue;
    out += c;
    if (c === '\\') {
      // The escaped character itself is taken as is (so "\[" opens no class), after whitespace outside a class.
      while (depth === 0 && /[\t\n\r ]/.test(pattern[i + 1] ?? '')) i++;
      if (i + 1 < pattern.length) out += pattern[++i];
    } else if (c === '[') depth++;
    else if (c === ']' && depth > 0) depth--;
  }
  return out;
}

class Translator {
  private readonly chars: string[];
  private pos = 0;
  groups = 0;
  private readonly open: number[] = [];

  constructor(pattern: string, private readonly dotAll: boolean, private readonly multiline: boolean) {
    this.chars = Array.from(pattern);
  }

  private peek(offset = 0): string | undefined {
    return this.chars[this.pos + offset];
  }

  private next(): string {
    const c = this.chars[this.pos++];
    if (c === undefined) throw new InvalidPattern('the pattern ends too early');
    return c;
  }

  private expect(c: string): void {
    if (this.next() !== c) throw new InvalidPattern(`"${c}" expected`);
  }

  translate(): string {
    const { source } = this.regExp();
    if (this.pos < this.chars.length) throw new InvalidPattern(`unexpected "${this.peek()}"`);
    return source;
  }

  /** Branches separated by |; `unbounded` tells whether a piece inside repeats without limit. */
  private regExp(): { source: string; unbounded: boolean } {
    const branches: string[] = [];
    let unbounded = false;
    for (;;) {
      let branch = '';
      while (this.peek() !== undefined && this.peek() !== '|' && this.peek() !== ')') {
        const piece = this.piece();
        branch += piece.source;
        unbounded ||= piece.unbounded;
      }
      branches.push(branch);
      if (this.peek() !== '|') return { source: branches.join('|'), unbounded };
      this.pos++;
    }
  }

  private piece(): { source: string; unbounded: boolean } {
    const c = this.peek()!;
    if (c === '^' || c === '$') {
      this.pos++;
      // XPath's multi-line mode splits lines at \n only; JS's m flag would also split at \r, U+2028 and U+2029.
      if (!this.multiline) return { source: c, unbounded: false };
      return { source: c === '^' ? '(?:^|(?<=\\n))' : '(?:$|(?=\\n))', unbounded: false };
    }
    const atom = this.atom();
    const quantifier = this.quantifier();
    if (quantifier === null) return { source: atom.source, unbounded: atom.unbounded };
    if (quantifier.unbounded && atom.unbounded) throw new InvalidPattern('nested unbounded quantifiers can backtrack without end');
    return { source: atom.source + quantifier.source, unbounded: atom.unbounded || quantifier.unbounded };
  }

  private quantifier(): { source: string; unbounded: boolean } | null {
    const c = this.peek();
    let source: string;
    let unbounded: boolean;
    if (c === '?' || c === '*' || c === '+') {
      this.pos++;
      source = c;
      unbounded = c !== '?';
    } else if (c === '{') {
      this.pos++;
      const min = this.digits();
      let max: string | null = min;
      if (this.peek() === ',') {
        this.pos++;
        max = this.peek() === '}' ? null : this.digits();
      }
      this.expect('}');
      if (max !== null && Number(max) < Number(min)) throw new InvalidPattern('a quantifier {n,m} needs n <= m');
      source = max === min ? `{${min}}` : `{${min},${max ?? ''}}`;
      unbounded = max === null;
    } else return null;
    if (this.peek() === '?') {
      this.pos++;
      source += '?';
    }
    return { source, unbounded };
  }

  private digits(): string {
    let out = '';
    while (/[0-9]/.test(this.peek() ?? '')) out += this.next();
    if (out === '') throw new InvalidPattern('a number expected in a quantifier');
    return out;
  }

  private atom(): { source: string; unbounded: boolean } {
    const c = this.next();
    switch (c) {
      case '(': {
        let capturing = true;
        if (this.peek() === '?') {
          this.pos++;
          this.expect(':');
          capturing = false;
        }
        if (capturing) this.open.push(++this.groups);
        const inner = this.regExp();
        this.expect(')');
        if (capturing) this.open.pop();
        return { source: `(${capturing ? '' : '?:'}${inner.source})`, unbounded: inner.unbounded };
      }
      case '[':
        return { source: this.charClass(), unbounded: false };
      case '.':
        // Without s, XPath's . matches all but \n and \r (JS's would also refuse U+2028 and U+2029).
        return { source: this.dotAll ? '[^]' : '[^\\n\\r]', unbounded: false };
      case '\\':
        return { source: this.escape(), unbounded: false };
      case '?': case '*': case '+': case '{': case '}': case ')': case ']': case '|':
        throw new InvalidPattern(`"${c}" cannot stand here`);
      default:
        return { source: literal(c), unbounded: false };
    }
  }

  /** After a backslash outside a class: a back-reference or any escape allowed in a class too. */
  private escape(): string {
    const c = this.peek();
    if (c !== undefined && /[1-9]/.test(c)) {
      this.pos++;
      let group = Number(c);
      // Further digits belong to the reference only while such a group has been opened before it.
      while (/[0-9]/.test(this.peek() ?? '') && group * 10 + Number(this.peek()) <= this.groups) group = group * 10 + Number(this.next());
      if (group > this.groups || this.open.includes(group)) throw new InvalidPattern(`\\${group} refers to no closed group`);
      return `(?:\\${group})`;
    }
    const escaped = this.classEscape();
    return typeof escaped === 'string' ? literal(escaped) : setSource(escaped);
  }

  /** After a backslash: a single character (a string) or a set of characters. */
  private classEscape(): string | CharSet {
    const c = this.next();
    if (c in SINGLE_ESCAPES) return SINGLE_ESCAPES[c];
    if (SINGLE_ESCAPED.has(c)) return c;
    switch (c) {
      case 's': case 'S':
        return { body: '\\t\\n\\r ', negated: c === 'S' };
      case 'd': case 'D':
        return { body: '\\p{Nd}', negated: c === 'D' };
      case 'w': case 'W':
        return { body: '\\p{P}\\p{Z}\\p{C}', negated: c === 'w' };
      case 'i': case 'I':
        return { body: NAME_START, negated: c === 'I' };
      case 'c': case 'C':
        return { body: NAME_CHAR, negated: c === 'C' };
      case 'p': case 'P':
        return { body: this.property(), negated: c === 'P' };
      default:
        throw new InvalidPattern(`"\\${c}" is no XPath escape`);
    }
  }

  /** \p{Lu} (a general category) or \p{IsBasicLatin} (a Unicode block), as JS class content. */
  private property(): string {
    this.expect('{');
    let name = '';
    while (this.peek() !== '}') name += this.next();
    this.pos++;
    if (CATEGORIES.has(name)) return `\\p{${name}}`;
    const block = name.startsWith('Is') ? unicodeBlock(name.slice(2)) : undefined;
    if (!block) throw new InvalidPattern(`\\p{${name}} is no category or block`);
    return `\\u{${block[0].toString(16)}}-\\u{${block[1].toString(16)}}`;
  }

  /** After "[": a class with ranges, escapes and an optional subtraction -[...], ending with "]". */
  private charClass(): string {
    const negated = this.peek() === '^';
    if (negated) this.pos++;
    const sets: CharSet[] = [];
    let body = '';
    let subtraction: string | null = null;
    while (this.peek() !== ']') {
      const c = this.next();
      if (c === '-' && this.peek() === '[' && (body !== '' || sets.length > 0)) {
        this.pos++;
        subtraction = this.charClass();
        if (this.peek() !== ']') throw new InvalidPattern('a subtraction must end its class');
        break;
      }
      if (c === '[') throw new InvalidPattern('"[" must be escaped in a class');
      const first = c === '\\' ? this.classEscape() : c;
      if (typeof first !== 'string') {
        if (first.negated) sets.push(first);
        else body += first.body;
        continue;
      }
      // "-" is a range only between two characters; otherwise it stands for itself, as in [0-9-.].
      if (this.peek() === '-' && this.peek(1) !== ']' && this.peek(1) !== '[' && this.peek(1) !== undefined) {
        this.pos++;
        const d = this.next();
        const last = d === '\\' ? this.classEscape() : d;
        if (typeof last !== 'string') throw new InvalidPattern('a range must end with a single character');
        if (last.codePointAt(0)! < first.codePointAt(0)!) throw new InvalidPattern('a range must not run backwards');
        body += `${literal(first)}-${literal(last)}`;
      } else body += literal(first);
    }
    this.expect(']');
    if (body === '' && sets.length === 0) throw new InvalidPattern('an empty class');
    if (sets.length === 0 && subtraction === null) return `[${negated ? '^' : ''}${body}]`;
    // A complemented escape (\S, \w, \P{..}) or a subtraction has no JS class syntax here: build it of lookaheads.
    const parts = [...(body === '' ? [] : [`[${body}]`]), ...sets.map(setSource)];
    let set = parts.length === 1 ? parts[0] : `(?:${parts.join('|')})`;
    if (negated) set = `(?:(?!${set})[^])`;
    return subtraction === null ? set : `(?:(?!${subtraction})${set})`;
  }
}

/** Compiles an XPath regular expression with XPath flags; null when pattern or flags are invalid. */
export function compileXPathRegex(pattern: string, flags: string, global = false): XPathRegex | null {
  if (!FLAGS.test(flags)) return null;
  const jsFlags = `u${flags.includes('i') ? 'i' : ''}${global ? 'g' : ''}`;
  try {
    // With q every character stands for itself, and m, s and x have no effect.
    if (flags.includes('q')) return { regexp: new RegExp(Array.from(pattern, literal).join(''), jsFlags), groups: 0 };
    const translator = new Translator(flags.includes('x') ? stripWhitespace(pattern) : pattern, flags.includes('s'), flags.includes('m'));
    const source = translator.translate();
    return { regexp: new RegExp(source, jsFlags), groups: translator.groups };
  } catch {
    return null;
  }
}
