import { randomBytes } from 'node:crypto';
import {
  AlignmentType, BorderStyle, Document, ImageRun, Packer, PageOrientation, Paragraph, Table, TableCell, TableRow, TextRun, WidthType,
} from 'docx';
import QRCode from 'qrcode';
import type { Db } from '../../db/schema.ts';
import { forbidden, problem } from '../../http/problem.ts';
import type { Actor } from '../auth/model.ts';
import { inScope } from '../auth/scope.ts';
import { maskName } from './model.ts';
import { MODEL_LABELS, type ModelType } from './workflow.ts';

/**
 * Certificates of recognition and their public verification. The code is 10 characters of Crockford base32
 * (50 random bits): short enough to type from paper, far too many to guess behind a rate limit.
 */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export function newCertificateCode(length = 10): string {
  const bytes = randomBytes(length);
  return Array.from(bytes, (b) => ALPHABET[b & 31]).join('');
}

/** What a person types: any case, with spaces or dashes, O for 0 and I/L for 1 (Crockford's rule). */
export function normaliseCode(input: string): string {
  return input.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
}

export const formatCode = (code: string) => `${code.slice(0, 5)}-${code.slice(5)}`;

export interface CertificateView {
  code: string;
  subjectKind: string;
  subjectName: string;
  unitName: string;
  modelType: ModelType;
  modelLabel: string;
  year: number;
  level: string | null;
  decision: { number: string; decidedOn: string; signer: string; signerTitle: string | null; issuer: string; validUntil: string | null };
  revoked: boolean;
  /** The withdrawal of the title: its decision and reason, shown publicly. */
  revocation: { number: string; decidedOn: string; reason: string; issuer: string } | null;
}

function query(db: Db) {
  return db.selectFrom('certificate as c').innerJoin('model_registration as r', 'r.id', 'c.registration_id').innerJoin('learning_subject as s', 's.id', 'r.subject_id')
    .innerJoin('org_unit as u', 'u.id', 'r.unit_id').innerJoin('recognition as g', 'g.registration_id', 'r.id').innerJoin('recognition_decision as d', 'd.id', 'g.decision_id')
    .innerJoin('org_unit as i', 'i.id', 'd.issuer_id')
    .leftJoin('recognition_revocation as v', 'v.registration_id', 'r.id').leftJoin('org_unit as vi', 'vi.id', 'v.issuer_id')
    .select(['v.number as revoke_number', 'v.decided_on as revoke_on', 'v.reason as revoke_reason', 'vi.name as revoke_issuer'])
    .select(['c.code', 'c.revoked_at', 's.kind', 's.name', 'u.name as unit_name', 'r.model_type', 'r.year', 'g.level', 'd.number', 'd.decided_on', 'd.signer', 'd.signer_title', 'd.valid_until', 'i.name as issuer']);
}
type Row = Awaited<ReturnType<ReturnType<typeof query>['executeTakeFirstOrThrow']>>;

const view = (r: Row, masked: boolean): CertificateView => ({
  code: r.code, subjectKind: r.kind, subjectName: masked && (r.kind === 'citizen' || r.kind === 'family') ? maskName(r.name) : r.name, unitName: r.unit_name,
  modelType: r.model_type as ModelType, modelLabel: MODEL_LABELS[r.model_type as ModelType], year: r.year, level: r.level,
  decision: { number: r.number, decidedOn: r.decided_on, signer: r.signer, signerTitle: r.signer_title, issuer: r.issuer, validUntil: r.valid_until },
  revoked: r.revoked_at !== null || r.revoke_number !== null,
  revocation: r.revoke_number ? { number: r.revoke_number, decidedOn: r.revoke_on!, reason: r.revoke_reason!, issuer: r.revoke_issuer! } : null,
});

/** The public check: a person's name only as initials; unknown code → 404. */
export async function verifyCertificate(db: Db, code: string, today: string) {
  const c = normaliseCode(code);
  const row = /^[0-9A-HJKMNP-TV-Z]{10}$/.test(c) ? await query(db).where('c.code', '=', c).executeTakeFirst() : undefined;
  if (!row) throw problem(404, 'certificate.not_found', 'Không tìm thấy giấy chứng nhận với mã này; hãy kiểm tra lại mã in trên giấy');
  const v = view(row, true);
  const expired = v.decision.validUntil !== null && v.decision.validUntil < today;
  return { ...v, code: formatCode(v.code), valid: !v.revoked && !expired, expired };
}

/**
 * The certificate of a recognised registration, for an officer in scope (full name: it is printed and handed over).
 * A revoked one is not printed again.
 */
export async function registrationCertificate(db: Db, actor: Actor, registrationId: string): Promise<CertificateView> {
  const row = await query(db).where('r.id', '=', registrationId).where(inScope(actor, 'r.unit_id')).executeTakeFirst();
  if (!row) throw forbidden('certificate');
  const v = view(row, false);
  if (v.revoked) throw problem(409, 'certificate.revoked', `Giấy chứng nhận đã bị thu hồi${v.revocation ? ` theo Quyết định ${v.revocation.number} ngày ${v.revocation.decidedOn.split('-').reverse().join('/')}` : ''}; không in lại được`);
  return v;
}

const vnDate = (iso: string) => { const [y, m, d] = iso.split('-'); return `ngày ${d} tháng ${m} năm ${y}`; };
const FONT = 'Times New Roman';
const text = (t: string, o: { bold?: boolean; italics?: boolean; size?: number; allCaps?: boolean; underline?: boolean } = {}) =>
  new TextRun({ text: t, font: FONT, size: (o.size ?? 14) * 2, bold: o.bold ?? false, italics: o.italics ?? false, allCaps: o.allCaps ?? false, ...(o.underline ? { underline: {} } : {}) });
const para = (runs: (TextRun | ImageRun)[], o: { align?: (typeof AlignmentType)[keyof typeof AlignmentType]; before?: number; after?: number } = {}) =>
  new Paragraph({ children: runs, alignment: o.align ?? AlignmentType.CENTER, spacing: { before: o.before ?? 0, after: o.after ?? 80 } });
const NONE = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
const noBorders = { top: NONE, bottom: NONE, left: NONE, right: NONE, insideHorizontal: NONE, insideVertical: NONE };

/** A one-page landscape A4 certificate in Times New Roman, with the QR code of the public verification page. */
export async function certificateDocx(c: CertificateView, verifyUrl: string): Promise<Buffer> {
  const qr = await QRCode.toBuffer(verifyUrl, { type: 'png', margin: 1, width: 240, errorCorrectionLevel: 'M' });
  const d = c.decision;
  const signature = new TableCell({
    width: { size: 50, type: WidthType.PERCENTAGE }, borders: noBorders,
    children: [
      para([text(`${d.issuer}, ${vnDate(d.decidedOn)}`, { italics: true })]),
      para([text(d.signerTitle ?? 'NGƯỜI KÝ', { bold: true, allCaps: true })]),
      para([text('(đã ký)', { italics: true, size: 12 })], { before: 600 }),
      para([text(d.signer, { bold: true })], { before: 200 }),
    ],
  });
  const check = new TableCell({
    width: { size: 50, type: WidthType.PERCENTAGE }, borders: noBorders,
    children: [
      para([new ImageRun({ type: 'png', data: qr, transformation: { width: 110, height: 110 } })]),
      para([text('Mã xác minh: ', { size: 12 }), text(formatCode(c.code), { bold: true, size: 12 })]),
      para([text(verifyUrl, { size: 10, italics: true })]),
    ],
  });
  const doc = new Document({
    creator: 'xhht', title: `Giấy chứng nhận ${c.modelLabel} ${c.year}`,
    styles: { default: { document: { run: { font: FONT } } } },
    sections: [{
      properties: {
        page: {
          size: { orientation: PageOrientation.LANDSCAPE, width: 11906, height: 16838 },
          margin: { top: 900, bottom: 700, left: 1200, right: 1200 },
          borders: {
            pageBorders: { offsetFrom: 'page' },
            pageBorderTop: { style: BorderStyle.DOUBLE, size: 18, color: '8B1A1A', space: 24 },
            pageBorderBottom: { style: BorderStyle.DOUBLE, size: 18, color: '8B1A1A', space: 24 },
            pageBorderLeft: { style: BorderStyle.DOUBLE, size: 18, color: '8B1A1A', space: 24 },
            pageBorderRight: { style: BorderStyle.DOUBLE, size: 18, color: '8B1A1A', space: 24 },
          },
        },
      },
      children: [
        para([text('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', { bold: true, size: 13 })], { after: 0 }),
        para([text('Độc lập - Tự do - Hạnh phúc', { bold: true, underline: true })], { after: 480 }),
        para([text(d.issuer, { bold: true, allCaps: true, size: 14 })], { after: 240 }),
        para([text('GIẤY CHỨNG NHẬN', { bold: true, size: 30 })], { after: 120 }),
        para([text(`Danh hiệu “${c.modelLabel}” năm ${c.year}`, { bold: true, size: 18 })], { after: 480 }),
        para([text('Chứng nhận: ', { size: 15 }), text(c.subjectName, { bold: true, size: 20 })]),
        para([text(c.unitName, { size: 14 })], { after: 200 }),
        para([text(`Đã đạt danh hiệu “${c.modelLabel}” năm ${c.year}${c.level ? ` (${c.level})` : ''}`, { size: 14 })]),
        para([text(`theo Quyết định số ${d.number} ${vnDate(d.decidedOn)} của ${d.issuer}`, { italics: true, size: 14 })], { after: d.validUntil ? 80 : 600 }),
        ...(d.validUntil ? [para([text(`Có giá trị đến ${vnDate(d.validUntil)}`, { italics: true, size: 13 })], { after: 600 })] : []),
        new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, borders: noBorders, rows: [new TableRow({ children: [check, signature] })] }),
      ],
    }],
  });
  return Packer.toBuffer(doc);
}

/** The QR code of a campaign's public page, as PNG or SVG, for printing on posters. */
export async function qrImage(url: string, format: 'png' | 'svg'): Promise<Buffer | string> {
  return format === 'png' ? QRCode.toBuffer(url, { type: 'png', margin: 2, width: 600, errorCorrectionLevel: 'M' }) : QRCode.toString(url, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' });
}
