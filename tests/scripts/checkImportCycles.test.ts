/**
 * scripts/check-import-cycles.mjs (run by `npm run lint`): it finds an
 * import circle, type-only imports and `export ... from` included, and
 * passes a folder without one.
 */
import { execFile } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/tempDir.ts';

const SCRIPT = resolve('scripts/check-import-cycles.mjs');

/** Writes `files` (path: text) under a new temp folder and returns the folder. */
async function folderWith(files: Record<string, string>): Promise<string> {
  const dir = await tempDir('import-cycles-');
  for (const [path, text] of Object.entries(files)) {
    await mkdir(join(dir, path, '..'), { recursive: true });
    await writeFile(join(dir, path), text);
  }
  return dir;
}

/** Runs the script in `cwd` over `folders`: its exit code and what it printed. */
async function check(cwd: string, ...folders: string[]): Promise<{ code: number; output: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [SCRIPT, ...folders], { cwd });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, output: failed.stdout + failed.stderr };
  }
}

describe('check-import-cycles', () => {
  it('passes a folder whose imports run one way', async () => {
    const dir = await folderWith({
      'src/a.ts': "import { b } from './b.ts';\nimport type { C } from './lib/c.ts';\nexport const a = b;\n",
      'src/b.ts': "import { c } from './lib/c.ts';\nexport const b = c;\n",
      'src/lib/c.ts': "import { z } from 'zod';\nexport const c = 1;\nexport type C = typeof z;\n",
      'src/view.tsx': "import { a } from './a.ts';\nexport const view = a;\n",
    });
    const { code, output } = await check(dir, 'src');
    expect(code).toBe(0);
    expect(output).toContain('No import circle among 4 files');
  });

  it('fails on a circle made of type-only imports and re-exports, and names its files in order', async () => {
    const dir = await folderWith({
      'src/a.ts': "import type { B } from './b.ts';\nexport type A = B[];\n",
      'src/b.ts': "export { c } from './nested/c';\nexport type B = string;\n",
      // A specifier in a comment or a string is no import.
      'src/nested/c.ts':
        "import type { A } from '../a.ts';\n// import './d.ts'\nexport const c = 'import \"../b.ts\"';\nexport type C = A;\n",
      'src/d.ts': "import { c } from './nested/c.ts';\nexport const d = c;\n",
    });
    const { code, output } = await check(dir, 'src');
    expect(code).toBe(1);
    expect(output).toContain('1 import circle(s) in 1 group(s)');
    expect(output).toContain('src/a.ts -> src/b.ts -> src/nested/c.ts -> src/a.ts');
    expect(output).not.toContain('src/d.ts');
  });

  it('finds a circle across folders and a file that imports itself', async () => {
    const dir = await folderWith({
      'one/x.tsx': "import { y } from '../two/y.ts';\nexport const x = () => y;\n",
      'two/y.ts': "export const y = 1;\nexport const later = () => import('../one/x.tsx');\n",
      'two/self.ts': "import * as me from './self.ts';\nexport const self = me;\n",
    });
    const { code, output } = await check(dir, 'one', 'two');
    expect(code).toBe(1);
    expect(output).toContain('one/x.tsx -> two/y.ts -> one/x.tsx');
    expect(output).toContain('two/self.ts -> two/self.ts');
  });
});
