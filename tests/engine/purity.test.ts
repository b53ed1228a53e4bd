import { expect } from 'chai';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ENGINE_SOURCE = fileURLToPath(new URL('../../engine/src', import.meta.url));
// The engine is pure: no I/O, no clock, no randomness of its own (DESIGN.md).
const FORBIDDEN_IMPORTS = /from ['"](express|typeorm|pg|@electric-sql\/[^'"]+|node:fs[^'"]*|fs|node:net|node:http|node:child_process|node:crypto)['"]/;
const FORBIDDEN_CALLS = /\b(Date\.now\(|new Date\(\)|Math\.random\(|process\.env)/;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

describe('engine purity', () => {
  it('has no engine file that imports I/O or reads the clock, randomness or the environment', () => {
    const offenders = sourceFiles(ENGINE_SOURCE).flatMap((file) => {
      const text = readFileSync(file, 'utf8');
      return FORBIDDEN_IMPORTS.test(text) || FORBIDDEN_CALLS.test(text) ? [file] : [];
    });
    expect(sourceFiles(ENGINE_SOURCE).length).to.be.greaterThan(10);
    expect(offenders).to.deep.equal([]);
  });
});
