import { describe, expect, it } from 'vitest';
import { fileType } from './file-types.ts';

const zip = Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00]);
const mp4 = Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypisom')]);

describe('uploaded file types (content and extension together)', () => {
  it('recognises slides and video by their first bytes', () => {
    expect(fileType('bai-giang.pptx', zip, ['pptx'])).toContain('presentationml');
    expect(fileType('video.MP4', mp4, ['mp4'])).toBe('video/mp4');
  });

  it('refuses a kind the upload does not allow, a renamed file, and a mismatched extension', () => {
    expect(fileType('video.mp4', mp4, ['pdf', 'docx'])).toBeNull();
    expect(fileType('video.mp4', Buffer.from('MZ\x90\x00ftyp'), ['mp4'])).toBeNull();
    expect(fileType('slides.pptx', mp4, ['pptx', 'mp4'])).toBeNull();
    expect(fileType('tai-lieu.pdf', zip, ['pdf', 'docx'])).toBeNull();
  });
});
