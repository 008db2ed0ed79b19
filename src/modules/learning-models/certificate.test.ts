import { describe, expect, it } from 'vitest';
import { formatCode, newCertificateCode, normaliseCode } from './certificate.ts';

describe('certificate codes', () => {
  it('draws 10 Crockford base32 characters, without I, L, O or U', () => {
    const codes = new Set(Array.from({ length: 2000 }, () => newCertificateCode()));
    expect(codes.size).toBe(2000);
    for (const c of codes) expect(c).toMatch(/^[0-9A-HJKMNP-TV-Z]{10}$/);
  });
  it('reads a code typed from paper: case, spaces, dashes, O for 0, I and L for 1', () => {
    expect(normaliseCode('7k3qx-m9r2d')).toBe('7K3QXM9R2D');
    expect(normaliseCode(' o1lI2 ABCDE ')).toBe('01112ABCDE');
    expect(formatCode('7K3QXM9R2D')).toBe('7K3QX-M9R2D');
  });
});
