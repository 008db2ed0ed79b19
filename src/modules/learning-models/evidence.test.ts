import { describe, expect, it } from 'vitest';
import { evidenceType } from './evidence.ts';

const bytes = (...b: number[]) => Buffer.from([...b, 0, 0, 0, 0]);

describe('evidence file types', () => {
  it('accepts PDF, PNG, JPG, DOCX and XLSX whose first bytes match the extension', () => {
    expect(evidenceType('a.pdf', Buffer.from('%PDF-1.7'))).toBe('application/pdf');
    expect(evidenceType('a.PNG', bytes(0x89, 0x50, 0x4e, 0x47))).toBe('image/png');
    expect(evidenceType('a.jpeg', bytes(0xff, 0xd8, 0xff))).toBe('image/jpeg');
    expect(evidenceType('bien-ban.docx', bytes(0x50, 0x4b, 0x03, 0x04))).toContain('wordprocessingml');
    expect(evidenceType('so-lieu.xlsx', bytes(0x50, 0x4b, 0x03, 0x04))).toContain('spreadsheetml');
  });
  it('refuses other extensions and disguised files', () => {
    expect(evidenceType('virus.exe', bytes(0x4d, 0x5a))).toBeNull();
    expect(evidenceType('anh.png', Buffer.from('<script>'))).toBeNull();
    expect(evidenceType('cu.doc', bytes(0xd0, 0xcf, 0x11, 0xe0))).toBeNull();
    expect(evidenceType('khong-duoi', Buffer.from('%PDF-1.7'))).toBeNull();
  });
});
