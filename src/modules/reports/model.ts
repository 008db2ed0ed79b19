import { z } from 'zod';
import { DueRule } from '../plans/deadlines.ts';
import { MAX_SECTION_CHARS, NARRATIVE_SECTIONS } from './narrative.ts';

/** Who reports under an obligation (see data/reports/obligations.yaml for the Vietnamese description). */
export const ReporterSelector = z.union([
  z.strictObject({ task: z.string().min(1).max(32) }),
  z.strictObject({ units: z.array(z.string().min(1).max(32)).min(1).max(50) }),
  z.strictObject({ unitKind: z.enum(['province', 'district', 'commune']), within: z.array(z.string().min(1).max(32)).min(1).max(20) }),
]);
export type ReporterSelector = z.infer<typeof ReporterSelector>;

export const PERIOD_TYPES = ['year', 'mid_term', 'final'] as const;
export const PERIOD_TYPE_LABELS: Record<(typeof PERIOD_TYPES)[number], string> = { year: 'Hằng năm', mid_term: 'Sơ kết', final: 'Tổng kết' };
const Verified = z.enum(['V', 'P', 'I']);
const Year = z.number().int().min(2000).max(2100);

const ObligationFields = {
  title: z.string().trim().min(3).max(300),
  reporters: ReporterSelector,
  reporterText: z.string().trim().min(1).max(300),
  recipientText: z.string().trim().min(1).max(300),
  due: DueRule,
  periodType: z.enum(PERIOD_TYPES),
  firstPeriod: Year,
  lastPeriod: Year.nullable().optional(),
  legalSource: z.string().trim().min(3).max(300),
  clause: z.string().trim().max(100).nullable().optional(),
  verified: Verified,
  /** Days relative to the due date on which the reporters are reminded (negative: before); default −7, −1, +3. */
  reminderOffsets: z.array(z.number().int().min(-90, 'Tối đa 90 ngày trước hạn').max(90, 'Tối đa 90 ngày sau hạn')).max(10).optional(),
};
const noReportlessRule = (o: { due: DueRule }) => o.due.kind !== 'none';
const periodsInOrder = (o: { firstPeriod: number; lastPeriod?: number | null | undefined }) => o.lastPeriod == null || o.lastPeriod >= o.firstPeriod;

/** One entry of data/reports/obligations.yaml. */
export const ObligationFile = z.strictObject({
  code: z.string().regex(/^[a-z0-9][a-z0-9.-]{1,63}$/),
  plan: z.string().optional(),
  recipient: z.strictObject({ code: z.string(), at: z.iso.date() }).optional(),
  ...ObligationFields,
}).refine(noReportlessRule, { message: 'Nghĩa vụ báo cáo phải có hạn', path: ['due'] }).refine(periodsInOrder, { message: 'Kỳ cuối trước kỳ đầu', path: ['lastPeriod'] });
export type ObligationFile = z.infer<typeof ObligationFile>;

/** An obligation written by a coordinator: the same fields, plus the recipient as a unit id and the active flag. */
const ObligationFields2 = {
  code: z.string().regex(/^[a-z0-9][a-z0-9.-]{1,63}$/, 'Mã: chữ thường, số, dấu chấm, gạch ngang'),
  planId: z.string().regex(/^\d+$/).nullable().optional(),
  recipientId: z.string().regex(/^\d+$/).nullable().optional(),
  active: z.boolean().default(true),
  ...ObligationFields,
};
export const ObligationBody = z.strictObject(ObligationFields2)
  .refine(noReportlessRule, { message: 'Nghĩa vụ báo cáo phải có hạn', path: ['due'] }).refine(periodsInOrder, { message: 'Kỳ cuối trước kỳ đầu', path: ['lastPeriod'] });
export type ObligationBody = z.infer<typeof ObligationBody>;
export const ObligationUpdateBody = z.strictObject({ ...ObligationFields2, version: z.number().int().min(1) })
  .refine(noReportlessRule, { message: 'Nghĩa vụ báo cáo phải có hạn', path: ['due'] }).refine(periodsInOrder, { message: 'Kỳ cuối trước kỳ đầu', path: ['lastPeriod'] });

export const ObligationQuery = z.strictObject({ plan: z.string().max(40).optional().describe('Số kế hoạch, ví dụ 1144/KH-UBND') });

const Section = z.string().max(MAX_SECTION_CHARS, `Mỗi phần tối đa ${MAX_SECTION_CHARS.toLocaleString('vi-VN')} ký tự`);
export const NarrativeBody = z.strictObject(Object.fromEntries(NARRATIVE_SECTIONS.map((k) => [k, Section.optional()])) as Record<(typeof NARRATIVE_SECTIONS)[number], z.ZodOptional<typeof Section>>);

const Version = z.number().int().min(1);
export const OpenBody = z.strictObject({ obligationId: z.string().regex(/^\d+$/), unitId: z.string().regex(/^\d+$/), period: Year });
export const SaveBody = z.strictObject({ narrative: NarrativeBody, version: Version });
export const ReviewBody = z.strictObject({ comment: z.string().max(4000).optional(), version: Version });

const QueryYear = z.coerce.number().int().min(2000).max(2100);
export const BoardQuery = z.strictObject({
  obligation: z.string().regex(/^\d+$/), year: QueryYear, format: z.enum(['json', 'xlsx']).default('json'),
});
export const ConsolidatedQuery = z.strictObject({
  plan: z.string().min(1).max(40).describe('Số kế hoạch, ví dụ 1144/KH-UBND'), year: QueryYear,
  format: z.enum(['docx', 'xlsx']).default('docx').describe('docx: báo cáo tổng hợp; xlsx: phụ lục số liệu'),
});
export const MyQuery = z.strictObject({ year: QueryYear.optional() });

export const ObligationView = z.object({
  id: z.string(), code: z.string(), plan: z.object({ id: z.string(), number: z.string() }).nullable(), title: z.string(),
  reporters: z.unknown(), reporterText: z.string(), recipient: z.object({ id: z.string(), code: z.string(), name: z.string() }).nullable(), recipientText: z.string(),
  due: z.unknown(), dueRuleText: z.string(), periodType: z.enum(PERIOD_TYPES), periodTypeLabel: z.string(), firstPeriod: z.number(), lastPeriod: z.number().nullable(),
  nextDue: z.object({ period: z.number(), dueDate: z.string() }).nullable(),
  legalSource: z.string(), clause: z.string().nullable(), verified: Verified, active: z.boolean(), version: z.number(), reminderOffsets: z.array(z.number()),
});

export const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
