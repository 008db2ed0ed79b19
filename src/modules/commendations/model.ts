import { z } from 'zod';
import { FORMS } from './forms.ts';

/** What a commendation was for: a plan task, a learning-model registration or an event (a typed reference). */
export const SUBJECT_KINDS = ['task', 'model_registration', 'event'] as const;
export type SubjectKind = (typeof SUBJECT_KINDS)[number];
export const SUBJECT_LABELS: Record<SubjectKind, string> = { task: 'Nhiệm vụ', model_registration: 'Mô hình học tập', event: 'Sự kiện' };

const Id = z.string().regex(/^\d{1,18}$/, 'Mã số không hợp lệ');
/** A person (by name, with a position) or a collective (an org unit): exactly one of the two. */
export const Recipient = z.strictObject({
  personName: z.string().trim().min(2).max(120).optional(),
  title: z.string().trim().max(200).optional().describe('Chức vụ, nơi công tác của cá nhân'),
  unitId: Id.optional().describe('Tập thể được khen'),
}).refine((r) => (r.personName === undefined) !== (r.unitId === undefined), { message: 'Mỗi người/tập thể được khen: ghi họ tên hoặc chọn đơn vị (một trong hai)', path: ['personName'] });

export const CommendationBody = z.strictObject({
  issuerUnitId: Id.describe('Cơ quan ra quyết định'),
  number: z.string().trim().min(1).max(40).regex(/^\d+[\p{L}\p{N}/.-]*$/u, 'Số quyết định dạng 123/QĐ-UBND'),
  decidedOn: z.iso.date('Ngày quyết định dạng yyyy-mm-dd'),
  form: z.enum(FORMS),
  reason: z.string().trim().max(1000).default(''),
  subject: z.strictObject({ kind: z.enum(SUBJECT_KINDS), id: Id }).nullable().optional(),
  recipients: z.array(Recipient).min(1, 'Cần ít nhất một cá nhân hoặc tập thể được khen').max(500),
});
export type CommendationBody = z.infer<typeof CommendationBody>;
const Version = z.number().int().min(1);
/** An edit replaces every field and the recipients, against the decision's version. */
export const CommendationUpdateBody = CommendationBody.extend({ version: Version });
export type CommendationUpdateBody = z.infer<typeof CommendationUpdateBody>;
export const CommendationDeleteBody = z.strictObject({ version: Version, reason: z.string().trim().min(3, 'Cần nêu lý do (tối thiểu 3 ký tự)').max(1000) });
export type CommendationDeleteBody = z.infer<typeof CommendationDeleteBody>;

export const CommendationQuery = z.strictObject({ year: z.coerce.number().int().min(2000).max(2100), format: z.enum(['json', 'xlsx']).default('json') });

/** Decision numbers restart every year at each issuer: unique per issuer and the year of the decision date. */
export const decisionYear = (decidedOn: string) => Number(decidedOn.slice(0, 4));
