import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { zipFiles } from './zip.ts';

const hasUnzip = (() => { try { execFileSync('unzip', ['-v'], { stdio: 'ignore' }); return true; } catch { return false; } })();

describe('zip archive of generated files', () => {
  it.skipIf(!hasUnzip)('is read back by Info-ZIP with Vietnamese names, contents and date intact', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xhht-zip-'));
    const file = path.join(dir, 'a.zip');
    fs.writeFileSync(file, zipFiles([{ name: 'báo-cáo-80.SGDDT-2026.docx', body: Buffer.from('nội dung '.repeat(100)) }, { name: 'rỗng.txt', body: Buffer.alloc(0) }], '2026-11-23'));
    expect(execFileSync('unzip', ['-t', file]).toString()).toContain('No errors detected');
    expect(execFileSync('unzip', ['-p', file, '*.docx']).toString()).toBe('nội dung '.repeat(100));
    expect(execFileSync('unzip', ['-Z', '-T', file]).toString()).toMatch(/20261123\.000000 .*80\.SGDDT-2026\.docx/);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
