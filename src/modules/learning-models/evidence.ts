import type { Db } from '../../db/schema.ts';
import { fileType, storedFile } from '../../http/file-types.ts';
import { forbidden, problem } from '../../http/problem.ts';
import { audit } from '../audit/store.ts';
import type { Actor } from '../auth/model.ts';
import { inScope } from '../auth/scope.ts';
import { addEvent, lockRegistration, requireParty, routeOf } from './registration.ts';
import { editableBySubject } from './workflow.ts';

/**
 * Evidence of a self-assessment: files (PDF, JPG, PNG, DOCX, XLSX; size capped by the upload limit) or links. The
 * type is decided from the file's first bytes and its extension together (src/http/file-types.ts).
 */
export const evidenceType = (fileName: string, content: Buffer): string | null => fileType(fileName, content, ['pdf', 'png', 'jpg', 'docx', 'xlsx']);

type File = { fileName: string; content: Buffer; indicator?: string | undefined };
type Link = { url: string; note?: string | undefined; indicator?: string | undefined };

export async function addEvidence(db: Db, actor: Actor, registrationId: string, item: File | Link) {
  const mediaType = 'content' in item ? evidenceType(item.fileName, item.content) : null;
  if ('content' in item && !mediaType) {
    throw problem(400, 'evidence.bad_type', 'Chỉ nhận tệp PDF, JPG, PNG, DOCX hoặc XLSX', { errors: [{ field: 'file', message: item.fileName }] });
  }
  return db.transaction().execute(async (tx) => {
    const reg = await lockRegistration(tx, actor, registrationId);
    if (!editableBySubject(reg.status)) throw problem(409, 'registration.not_editable', 'Hồ sơ đã nộp; không thêm minh chứng được');
    await requireParty(tx, actor, reg, routeOf(reg), 'registrant');
    const values = 'content' in item
      ? storedFile(item.fileName, mediaType!, item.content)
      : { url: item.url, note: item.note ?? null };
    const row = await tx.insertInto('model_evidence').values({ registration_id: reg.id, indicator: item.indicator ?? null, uploaded_by: actor.id, ...values })
      .returning(['id', 'file_name as fileName', 'media_type as mediaType', 'size_bytes as sizeBytes', 'sha256', 'url', 'note', 'indicator']).executeTakeFirstOrThrow();
    await addEvent(tx, reg.id, { action: 'evidence', from: reg.status, to: reg.status, actor, comment: row.fileName ?? row.url });
    await audit(tx, actor, 'model_evidence.create', 'model_registration', reg.id, null, row);
    return row;
  });
}

export async function getEvidenceFile(db: Db, actor: Actor, id: string) {
  const f = await db.selectFrom('model_evidence as e').innerJoin('model_registration as r', 'r.id', 'e.registration_id')
    .select(['e.file_name', 'e.media_type', 'e.content', 'e.sha256']).where('e.id', '=', id).where('e.content', 'is not', null).where(inScope(actor, 'r.unit_id')).executeTakeFirst();
  if (!f) throw forbidden('model_evidence');
  return f as { file_name: string; media_type: string; content: Buffer; sha256: string };
}
