import { describe, expect, it } from 'vitest';
import { safeFileName } from '../../http/upload.ts';
import { compareSiblingCodes, ProgressBody } from './model.ts';

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

describe('document order of a section\'s children', () => {
  it('interleaves letters and numbers naturally and puts closing paragraphs last', () => {
    expect(['II.4.c', 'II.4.a', 'II.4.b'].sort(compareSiblingCodes)).toEqual(['II.4.a', 'II.4.b', 'II.4.c']);
    expect(['V.10', 'V.p1', 'V.2', 'V.1'].sort(compareSiblingCodes)).toEqual(['V.1', 'V.2', 'V.10', 'V.p1']);
    expect(['III.p2', 'III.2', 'III.p1', 'III.1'].sort(compareSiblingCodes)).toEqual(['III.1', 'III.2', 'III.p1', 'III.p2']);
    // A lettered item split into numbered tasks stays between its neighbours.
    expect(['II.1.c', 'II.1.b.2', 'II.1.a', 'II.1.b.10', 'II.1.b.1'].sort(compareSiblingCodes)).toEqual(['II.1.a', 'II.1.b.1', 'II.1.b.2', 'II.1.b.10', 'II.1.c']);
  });
});
