import { z } from 'zod';
import { CATEGORIES } from '../indicators/categories.ts';
import { PARTICIPANT_CATEGORIES } from './activity.ts';
import { RATING_CODES } from './rating.ts';
import { TOPICS } from './topics.ts';

const Id = z.string().regex(/^\d{1,18}$/, 'Mã số không hợp lệ');
const Count = z.number().int('Phải là số nguyên').min(0, 'Không được âm').max(10_000_000);
const Year = z.coerce.number().int().min(2000).max(2100);
const Version = z.number().int().min(1);
const Text = (max: number) => z.string().trim().max(max);

const CentreFields = {
  name: Text(300).min(3, 'Tên tối thiểu 3 ký tự'),
  decision: Text(200).nullable().optional().describe('Quyết định thành lập: số, ngày'),
  director: Text(120).nullable().optional(),
  managers: Count.max(50).default(0),
  teachers: Count.max(500).default(0),
  collaborators: Count.max(5000).default(0),
};

export const CentreBody = z.strictObject({ communeId: Id, validFrom: z.iso.date(), ...CentreFields });
export type CentreBody = z.infer<typeof CentreBody>;
export const CentreUpdateBody = z.strictObject({ ...CentreFields, version: Version });
export type CentreUpdateBody = z.infer<typeof CentreUpdateBody>;

/** Re-organise into an existing centre of the successor commune, or into a new one created here. */
export const ReorganiseBody = z.strictObject({
  effective: z.iso.date().describe('Ngày trung tâm mới bắt đầu (trung tâm cũ kết thúc ngày hôm trước)'),
  successor: z.union([
    z.strictObject({ centreId: Id }),
    z.strictObject({ communeId: Id, name: CentreFields.name, decision: CentreFields.decision }),
  ]),
  version: Version,
});
export type ReorganiseBody = z.infer<typeof ReorganiseBody>;

const categoryParts = (c: (typeof PARTICIPANT_CATEGORIES)[number]) =>
  z.partialRecord(z.enum(Object.keys(CATEGORIES[c].options) as [string, ...string[]]), Count).optional();
export const Breakdown = z.strictObject({ sex: categoryParts('sex'), ageBand: categoryParts('ageBand'), ethnicity: categoryParts('ethnicity') });

export const ActivityBody = z.strictObject({
  topic: z.enum(TOPICS), classes: Count, sessions: Count, participants: Count, breakdown: Breakdown.optional(),
});

export const YearBody = z.strictObject({
  itManagement: z.boolean(),
  itTeaching: z.boolean(),
  selfRating: z.enum(RATING_CODES).nullable(),
  activities: z.array(ActivityBody).max(TOPICS.length * 2),
  version: Version.nullable().describe('null: năm chưa có báo cáo'),
});
export type YearBody = z.infer<typeof YearBody>;

export const ReviewBody = z.strictObject({ rating: z.enum(RATING_CODES), comment: Text(2000).optional(), version: Version });

export const CentreQuery = z.strictObject({
  within: z.string().max(32).optional().describe('Mã tỉnh/huyện/xã (tại ngày tham chiếu)'),
  at: z.iso.date().optional().describe('Ngày tham chiếu (mặc định: hôm nay)'),
  year: Year.optional().describe('Năm của đánh giá, ứng dụng CNTT (mặc định: năm của ngày tham chiếu)'),
  q: z.string().max(100).optional(),
  format: z.enum(['json', 'xlsx']).default('json'),
});
export const CentreYearParams = z.object({ id: Id, year: Year });
export const IdParams = z.object({ id: Id });
