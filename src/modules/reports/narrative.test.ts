import { describe, expect, it } from 'vitest';
import { sanitiseNarrative, sanitiseText } from './narrative.ts';

describe('cleaning pasted narrative text', () => {
  it('keeps plain Vietnamese text, newlines and tabs as they are', () => {
    const t = 'Tổ chức 12 lớp bồi dưỡng;\n\tđạt 105% kế hoạch.\n\nKhông có vướng mắc < 5 đơn vị.';
    expect(sanitiseText(t)).toBe(t);
  });

  it('turns pasted HTML into text: tags out, blocks to lines, list items to dashes, scripts dropped whole', () => {
    const html = '<p style="x">Kết quả <b>nổi bật</b>:</p><ul><li>Tuần lễ học tập</li><li>Ngày sách&nbsp;21/4</li></ul><script>alert("x")</script>A &amp; B<br/>C';
    expect(sanitiseText(html)).toBe('Kết quả nổi bật:\n- Tuần lễ học tập\n- Ngày sách 21/4\nA & B\nC');
  });

  it('removes tags hidden by entities or nesting', () => {
    expect(sanitiseText('&lt;img src=x onerror=alert(1)&gt;chữ')).toBe('chữ');
    expect(sanitiseText('<<b>script>x<</b>/script>y')).toBe('y');
    expect(sanitiseText('a<!-- ghi chú -->b')).toBe('ab');
  });

  it('removes control characters the DOCX XML would refuse, but not newline and tab', () => {
    expect(sanitiseText('a\u0000b\u0007c\u001bd\u000be\u007ff\u0085g\ufffeh')).toBe('abcdefgh');
    expect(sanitiseText('x\r\ny\rz')).toBe('x\ny\nz');
    expect(sanitiseText('lẻ \ud800 cặp 😀')).toBe('lẻ  cặp 😀');
  });

  it('composes decomposed Vietnamese (NFD from some keyboards) and collapses blank runs', () => {
    expect(sanitiseText('Vie\u0302\u0323t Nam\n\n\n\n  ')).toBe('Việt Nam');
  });

  it('is idempotent', () => {
    for (const s of ['<p>a</p><p>b</p>', '&amp;lt;b&amp;gt;', 'x\u0000<i>y</i>\n\n\n\nz', '&#60;script&#62;1']) {
      expect(sanitiseText(sanitiseText(s))).toBe(sanitiseText(s));
    }
  });

  it('drops sections that clean to nothing', () => {
    expect(sanitiseNarrative({ results: '<p> </p>', lessons: 'Bài học', proposals: '\u0000' })).toEqual({ lessons: 'Bài học' });
  });
});
