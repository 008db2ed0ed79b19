import type { FastifyReply } from 'fastify';

/** Content-Disposition for a download: an ASCII fallback name and the exact UTF-8 one (Vietnamese file names). */
export const attachment = (name: string) => `attachment; filename="${name.replace(/[^\w.-]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`;

/** Sends a stored upload (evidence, attachment, resource file) as a download, with its checksum. */
export function sendStoredFile(reply: FastifyReply, f: { file_name: string; media_type: string; content: Buffer; sha256: string }) {
  return reply.type(f.media_type).header('x-content-sha256', f.sha256).header('x-content-type-options', 'nosniff')
    .header('content-disposition', attachment(f.file_name)).send(f.content);
}
