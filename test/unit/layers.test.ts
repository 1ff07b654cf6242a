/** The lint that keeps the layers apart really fires (so a config change cannot quietly drop it). */
import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers';

const eslint = new ESLint({ cwd: ROOT });

async function problems(file: string, code: string): Promise<string[]> {
  const [r] = await eslint.lintText(code, { filePath: path.join(ROOT, file) });
  return r!.messages.map((m) => m.message);
}

describe('layers', () => {
  it.each([
    ['shared/x.ts', "import fs from 'node:fs';\nexport const a = fs;\n", /no Node modules/],
    ['shared/x.ts', "import path from 'path';\nexport const a = path;\n", /no Node modules/],
    ['shared/x.ts', 'export const a = document.title;\n', /no document/],
    ['shared/x.ts', "import { app } from 'electron';\nexport const a = app;\n", /must not import Electron/],
    ['shared/x.ts', "import { Workbook } from '../electron/workbook/workbook';\nexport const a = Workbook;\n", /bottom layer/],
    ['electron/workbook/x.ts', "import { app } from 'electron';\nexport const a = app;\n", /no electron import/],
    ['electron/ipc/x.ts', "import { ipcMain } from 'electron';\nexport const a = ipcMain;\n", /no electron import/],
    ['renderer/x.ts', "import fs from 'node:fs';\nexport const a = fs;\n", /sandboxed web page/],
    ['renderer/x.ts', "import { Workbook } from '../electron/workbook/workbook';\nexport const a = Workbook;\n", /never electron/],
  ])('%s: %s is refused', async (file, code, message) => {
    expect((await problems(file, code)).join('\n')).toMatch(message);
  });

  it('lets shared code be pure', async () => {
    expect(await problems('shared/x.ts', "import { z } from 'zod';\nexport const a = z.string();\n")).toEqual([]);
  });
});
