import { z } from 'zod';
import { MODEL_TYPES, STATUSES, SUBJECT_KINDS, type SubjectKind } from './workflow.ts';

/** Request bodies and the small pure rules of subjects and registrations (issue 5). */
export const Id = z.string().regex(/^\d{1,18}$/, 'Mã số không hợp lệ');
export const IdParams = z.object({ id: Id });
const Year = z.number().int().min(2000, 'Năm từ 2000').max(2100);
const SubmissionKey = z.uuid('Khóa gửi phải là UUID').optional().describe('Khóa do máy khách sinh: gửi lại cùng khóa trả về kết quả lần đầu');
const Name = z.string().trim().min(2, 'Tên tối thiểu 2 ký tự').max(200);

/** The unit kinds a subject of each kind may belong to. */
const UNIT_KINDS: Record<SubjectKind, readonly string[]> = {
  citizen: ['commune', 'hamlet', 'agency', 'school', 'clc', 'university', 'enterprise', 'association'],
  family: ['commune', 'hamlet'],
  clan: ['commune', 'hamlet'],
  hamlet_community: ['commune', 'hamlet'],
  learning_unit: ['agency', 'school', 'clc', 'university', 'enterprise', 'association'],
  commune: ['commune'],
  district: ['district'],
  province: ['province'],
};
export const subjectFitsUnit = (kind: SubjectKind, unitKind: string) => UNIT_KINDS[kind].includes(unitKind);

export const SubjectBody = z.strictObject({
  kind: z.enum(SUBJECT_KINDS),
  name: Name,
  unitId: Id,
  birthYear: z.number().int().min(1900).max(2100).optional(),
  personKey: z.string().trim().min(1).max(64).optional().describe('Mã người trong sổ PCGD-XMC'),
  familyId: Id.optional(),
  clanId: Id.optional(),
}).superRefine((b, ctx) => {
  if (b.kind !== 'citizen') {
    for (const f of ['birthYear', 'personKey', 'familyId'] as const) {
      if (b[f] !== undefined) ctx.addIssue({ code: 'custom', path: [f], message: 'Chỉ dùng cho công dân' });
    }
  }
  if (b.kind !== 'family' && b.clanId !== undefined) ctx.addIssue({ code: 'custom', path: ['clanId'], message: 'Chỉ gia đình thuộc một dòng họ' });
});
export type SubjectBody = z.infer<typeof SubjectBody>;

/** Paging of the lists: 1-based page; the answer carries the total of the whole filtered list. */
const Page = z.coerce.number().int().min(1, 'Trang từ 1').max(100_000).default(1);
const PageSize = z.coerce.number().int().min(1).max(500, 'Tối đa 500 dòng một trang').default(50);

export const SubjectQuery = z.strictObject({
  kind: z.enum(SUBJECT_KINDS).optional(),
  unitId: Id.optional(),
  q: z.string().trim().max(100).optional(),
  page: Page,
  pageSize: PageSize,
  format: z.enum(['json', 'xlsx']).default('json'),
});
export type SubjectQuery = z.infer<typeof SubjectQuery>;

export const RegistrationBody = z.strictObject({
  subjectId: Id,
  modelType: z.enum(MODEL_TYPES),
  year: Year,
  onBehalf: z.boolean().default(false).describe('Cán bộ nhập hộ người dân'),
  submissionKey: SubmissionKey,
});
export type RegistrationBody = z.infer<typeof RegistrationBody>;

export const RegistrationQuery = z.strictObject({
  modelType: z.enum(MODEL_TYPES).optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  status: z.enum(STATUSES).optional(),
  unitId: Id.optional(),
  page: Page,
  pageSize: PageSize,
  format: z.enum(['json', 'xlsx']).default('json'),
});
export type RegistrationQuery = z.infer<typeof RegistrationQuery>;

/** Points (points sets) or met / not met (pass-fail sets) per indicator code; checked against the set by evaluate(). */
export const Scores = z.record(z.string().max(40), z.union([z.number(), z.boolean()]));

export const AssessmentBody = z.strictObject({
  scores: Scores,
  targetGroup: z.string().max(40).optional(),
  difficultArea: z.boolean().default(false),
  version: z.number().int().min(1),
});
export type AssessmentBody = z.infer<typeof AssessmentBody>;

export const ActionBody = z.strictObject({
  action: z.enum(['submit', 'propose', 'return', 'reject']),
  comment: z.string().trim().max(2000).optional(),
  version: z.number().int().min(1),
});
export type ActionBody = z.infer<typeof ActionBody>;

export const DecisionBody = z.strictObject({
  number: z.string().trim().min(1, 'Cần số quyết định').max(60).describe('Số, ký hiệu, ví dụ 125/QĐ-UBND'),
  decidedOn: z.iso.date('Ngày quyết định dạng YYYY-MM-DD'),
  signer: z.string().trim().min(2, 'Cần người ký').max(120),
  signerTitle: z.string().trim().max(120).optional(),
  validUntil: z.iso.date('Ngày dạng YYYY-MM-DD').optional(),
});
export const RecogniseBody = z.strictObject({
  decision: DecisionBody,
  comment: z.string().trim().max(2000).optional(),
  version: z.number().int().min(1),
});
export type RecogniseBody = z.infer<typeof RecogniseBody>;

/** Withdrawal of a recognition by the level that granted it: its own decision (number, date) and the reason, shown publicly. */
export const RevokeBody = z.strictObject({
  decision: z.strictObject({
    number: z.string({ error: 'Cần số quyết định thu hồi' }).trim().min(1, 'Cần số quyết định thu hồi').max(60).describe('Số, ký hiệu của quyết định thu hồi'),
    decidedOn: z.iso.date('Ngày quyết định dạng YYYY-MM-DD'),
  }),
  reason: z.string({ error: 'Cần ghi rõ lý do thu hồi' }).trim().min(5, 'Cần ghi rõ lý do thu hồi (tối thiểu 5 ký tự)').max(1000).describe('Hiện trên trang xác minh công khai'),
  version: z.number().int().min(1),
});
export type RevokeBody = z.infer<typeof RevokeBody>;

export const LinkBody = z.strictObject({
  url: z.url({ protocol: /^https?$/, message: 'Liên kết phải bắt đầu bằng http:// hoặc https://' }).max(1000),
  note: z.string().trim().max(500).optional(),
  indicator: z.string().max(40).optional(),
});

export const CampaignBody = z.strictObject({
  unitId: Id,
  modelType: z.enum(['learning_citizen', 'learning_family']).describe('Người dân tự đăng ký: công dân học tập, gia đình học tập'),
  year: Year,
  title: z.string().trim().min(3).max(200),
  closesOn: z.iso.date().optional(),
});

/** What a citizen sends from the public page: who they are, and their self-assessment. */
export const SelfServiceBody = z.strictObject({
  name: Name.describe('Họ và tên (công dân) hoặc tên chủ hộ (gia đình)'),
  birthYear: z.number().int().min(1900).max(2100).optional(),
  scores: Scores,
  targetGroup: z.string().max(40).optional(),
  submissionKey: z.uuid('Khóa gửi phải là UUID'),
});
export type SelfServiceBody = z.infer<typeof SelfServiceBody>;

/**
 * A citizen's name as the public page shows it: family name in full, the rest as initials — "Nguyễn Văn An" →
 * "Nguyễn V. A." — enough to recognise a certificate, too little to identify a stranger.
 */
export function maskName(name: string): string {
  const [family, ...rest] = name.trim().split(/\s+/);
  return [family, ...rest.map((w) => `${w[0]!.toLocaleUpperCase('vi-VN')}.`)].join(' ');
}
