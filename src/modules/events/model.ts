import { z } from 'zod';
import { ACTIVITY_STATUSES } from './activity.ts';

const Id = z.string().regex(/^\d{1,18}$/, 'Mã số không hợp lệ');
const Count = z.number().int('Phải là số nguyên').min(0, 'Không được âm').max(100_000_000);
const Version = z.number().int().min(1);
const Year = z.coerce.number().int().min(2000).max(2100);

/** An event is a generated national one (`lifelong-learning-week-2025`) or a stored local one (its number). */
export const EventParams = z.object({ id: z.string().regex(/^(\d{1,18}|[a-z-]+-\d{4})$/, 'Mã sự kiện không hợp lệ') });
export const IdParams = z.object({ id: Id });

export const EventQuery = z.strictObject({ year: Year.describe('Năm dương lịch'), format: z.enum(['json', 'xlsx']).default('json') });
export const EventDetailQuery = z.strictObject({ format: z.enum(['json', 'xlsx']).default('json') });

export const EventBody = z.strictObject({
  unitId: Id, title: z.string().trim().min(3).max(300), startsOn: z.iso.date(), endsOn: z.iso.date(), description: z.string().trim().max(4000).nullable().optional(),
}).refine((e) => e.startsOn <= e.endsOn, { message: 'Ngày kết thúc trước ngày bắt đầu', path: ['endsOn'] });
export type EventBody = z.infer<typeof EventBody>;

const ActivityFields = {
  title: z.string().trim().min(3, 'Tên hoạt động tối thiểu 3 ký tự').max(300),
  startsOn: z.iso.date(), endsOn: z.iso.date(), status: z.enum(ACTIVITY_STATUSES),
  sessions: Count, participants: Count, mediaPieces: Count, notes: z.string().trim().max(4000).nullable().optional(),
};
export const ActivityBody = z.strictObject({ unitId: Id, ...ActivityFields });
export type ActivityBody = z.infer<typeof ActivityBody>;
export const ActivityUpdateBody = z.strictObject({ ...ActivityFields, version: Version });
export type ActivityUpdateBody = z.infer<typeof ActivityUpdateBody>;

export const EXEMPLARY_KINDS = ['learner', 'model'] as const;
export const EXEMPLARY_LABELS = { learner: 'Người học tiêu biểu', model: 'Mô hình tiêu biểu' } as const;
const ExemplaryFields = {
  kind: z.enum(EXEMPLARY_KINDS), name: z.string().trim().min(2).max(200), year: z.number().int().min(2000).max(2100),
  story: z.string().trim().min(10, 'Giới thiệu tối thiểu 10 ký tự').max(4000),
  consent: z.boolean().describe('Người học (hoặc đại diện mô hình) đồng ý công khai trên cổng thông tin'),
  consentOn: z.iso.date().nullable().optional(),
};
const consentDated = (e: { consent: boolean; consentOn?: string | null | undefined }) => !e.consent || Boolean(e.consentOn);
const consentRule = { message: 'Cần ngày người học đồng ý công khai', path: ['consentOn'] };
export const ExemplaryBody = z.strictObject({ unitId: Id, ...ExemplaryFields }).refine(consentDated, consentRule);
export type ExemplaryBody = z.infer<typeof ExemplaryBody>;
export const ExemplaryUpdateBody = z.strictObject({ ...ExemplaryFields, version: Version }).refine(consentDated, consentRule);
export type ExemplaryUpdateBody = z.infer<typeof ExemplaryUpdateBody>;
export const ExemplaryQuery = z.strictObject({ year: Year.optional() });
export const PublicExemplaryQuery = z.strictObject({ province: Id.describe('Mã số (id) của tỉnh, như trên cổng công khai') });
