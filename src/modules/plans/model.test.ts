import { describe, expect, it } from 'vitest';
import { ProgressBody, safeFileName } from './model.ts';

describe('evidence file names', () => {
  it('keeps plain Vietnamese names', () => {
    expect(safeFileName('Báo cáo sơ kết 2025.pdf')).toBe('Báo cáo sơ kết 2025.pdf');
  });
  it('refuses paths, hidden files, control and reserved characters', () => {
    for (const bad of ['../../etc/passwd', 'dir\\win.ini', '.htaccess', 'a\u0000.pdf', 'x<script>.pdf', 'con:', '', '   ', 'a'.repeat(201), 'report.']) {
      expect(safeFileName(bad), bad).toBeNull();
    }
  });
});

describe('progress report body', () => {
  const ok = { status: 'in_progress', percent: 40, narrative: 'Đã họp triển khai', version: 1 };
  it('accepts a report in progress and a done report at 100 %', () => {
    expect(ProgressBody.safeParse(ok).success).toBe(true);
    expect(ProgressBody.safeParse({ ...ok, status: 'done', percent: 100, completedOn: '2026-11-20' }).success).toBe(true);
  });
  it('refuses done below 100 %, a completion date while in progress, unknown fields and bad dates', () => {
    expect(ProgressBody.safeParse({ ...ok, status: 'done', percent: 99 }).success).toBe(false);
    expect(ProgressBody.safeParse({ ...ok, completedOn: '2026-11-20' }).success).toBe(false);
    expect(ProgressBody.safeParse({ ...ok, extra: 1 }).success).toBe(false);
    expect(ProgressBody.safeParse({ ...ok, status: 'done', percent: 100, completedOn: '2026-02-30' }).success).toBe(false);
    expect(ProgressBody.safeParse({ ...ok, percent: 101 }).success).toBe(false);
    expect(ProgressBody.safeParse({ ...ok, narrative: '   ' }).success).toBe(false);
  });
});
