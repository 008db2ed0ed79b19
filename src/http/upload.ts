import type { FastifyRequest } from 'fastify';
import { problem } from './problem.ts';

/**
 * An uploaded file name we are willing to keep and show: a plain base name. Paths, control characters,
 * reserved characters and hidden files are refused rather than silently rewritten.
 */
export function safeFileName(name: string): string | null {
  const n = name.normalize('NFC').trim();
  if (!n || n.length > 200 || /[\\/\u0000-\u001f\u007f<>:"|?*]/.test(n) || n.startsWith('.') || n.endsWith('.')) return null;
  return n;
}

/**
 * The one file of a multipart request (field "file"), refused with the field named when it is missing, badly named,
 * of a declared type not in `mediaTypes`, or empty; past the configured size multipart answers 413. `code` is the
 * caller's error-code prefix (evidence, attachment, resource). Content checks by magic bytes stay with the caller.
 */
export async function readUpload(req: FastifyRequest, code: string, mediaTypes?: ReadonlySet<string>): Promise<{ fileName: string; mediaType: string; content: Buffer }> {
  if (!req.isMultipart()) throw problem(415, 'request.media_type', 'Hãy gửi tệp dạng multipart/form-data');
  const part = await req.file();
  if (!part) throw problem(400, `${code}.missing`, 'Chưa chọn tệp', { errors: [{ field: 'file', message: 'thiếu tệp' }] });
  const fileName = safeFileName(part.filename);
  if (!fileName) throw problem(400, `${code}.bad_name`, 'Tên tệp không hợp lệ', { errors: [{ field: 'file', message: part.filename }] });
  if (mediaTypes && !mediaTypes.has(part.mimetype)) {
    throw problem(415, `${code}.bad_type`, 'Chỉ nhận PDF, ảnh, Word, Excel hoặc văn bản', { errors: [{ field: 'file', message: part.mimetype }] });
  }
  const content = await part.toBuffer();
  if (content.length === 0) throw problem(400, `${code}.empty`, 'Tệp rỗng', { errors: [{ field: 'file', message: 'rỗng' }] });
  return { fileName, mediaType: part.mimetype, content };
}
