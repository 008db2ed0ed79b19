import { createHash } from 'node:crypto';
/**
 * The uploaded file types the app accepts, decided from the file's first bytes and its extension together: a renamed
 * executable is refused. Each upload names the kinds it allows (evidence, learning resources, ...).
 */
const TYPES = {
  pdf: { ext: ['pdf'], media: 'application/pdf', magic: [0x25, 0x50, 0x44, 0x46], at: 0 },
  png: { ext: ['png'], media: 'image/png', magic: [0x89, 0x50, 0x4e, 0x47], at: 0 },
  jpg: { ext: ['jpg', 'jpeg'], media: 'image/jpeg', magic: [0xff, 0xd8, 0xff], at: 0 },
  docx: { ext: ['docx'], media: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', magic: [0x50, 0x4b, 0x03, 0x04], at: 0 },
  xlsx: { ext: ['xlsx'], media: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', magic: [0x50, 0x4b, 0x03, 0x04], at: 0 },
  pptx: { ext: ['pptx'], media: 'application/vnd.openxmlformats-officedocument.presentationml.presentation', magic: [0x50, 0x4b, 0x03, 0x04], at: 0 },
  // ISO base media: a size, then the "ftyp" box name.
  mp4: { ext: ['mp4'], media: 'video/mp4', magic: [0x66, 0x74, 0x79, 0x70], at: 4 },
} as const;
export type FileKind = keyof typeof TYPES;

/** The media type of a file of one of the allowed kinds, or null. */
export function fileType(fileName: string, content: Buffer, allowed: readonly FileKind[]): string | null {
  const ext = fileName.toLowerCase().split('.').pop() ?? '';
  const t = allowed.map((k) => TYPES[k]).find((x) => (x.ext as readonly string[]).includes(ext));
  return t && t.magic.every((b, i) => content[t.at + i] === b) ? t.media : null;
}

/** The columns every table of stored files has (name, type, size, SHA-256 for integrity checks, bytes). */
export function storedFile(fileName: string, mediaType: string, content: Buffer) {
  return { file_name: fileName, media_type: mediaType, size_bytes: content.length, sha256: createHash('sha256').update(content).digest('hex'), content };
}
