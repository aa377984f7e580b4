// The memo of passed syntax checks (emulator/jobs/syntax-check-memo.ts): a file counts as checked only when everything
// `node --check` looks at is the same: its bytes, its name and the package.json files beside it.
import { describe, expect, test } from 'vitest';
import { SyntaxCheckMemo } from '../../../emulator/jobs/syntax-check-memo.ts';

const file = (name: string, text: string) => ({ name, bytes: Buffer.from(text) });

describe('syntax check memo', () => {
  const main = file('main.js', 'console.log(1);');
  const manifest = file('package.json', '{"type":"commonjs"}');

  test('knows a file that passed with the same sources', () => {
    const memo = new SyntaxCheckMemo();
    expect(memo.has(main, [main, manifest])).toBe(false);
    memo.remember(main, [main, manifest]);
    expect(memo.has(file('main.js', 'console.log(1);'), [file('main.js', 'console.log(1);'), file('package.json', '{"type":"commonjs"}')])).toBe(true);
  });

  test('does not know it when its bytes, its name or a package.json differ', () => {
    const memo = new SyntaxCheckMemo();
    memo.remember(main, [main, manifest]);
    expect(memo.has(file('main.js', 'console.log(2);'), [manifest])).toBe(false);
    expect(memo.has(file('main.mjs', 'console.log(1);'), [manifest])).toBe(false);
    expect(memo.has(main, [main, file('package.json', '{"type":"module"}')])).toBe(false);
    expect(memo.has(main, [main])).toBe(false);
  });

  test('ignores files that do not change the check', () => {
    const memo = new SyntaxCheckMemo();
    memo.remember(main, [main, manifest, file('README.md', 'a')]);
    expect(memo.has(main, [main, manifest, file('README.md', 'b'), file('other.js', 'x')])).toBe(true);
  });
});
