import { z } from 'zod';
import { STANDARD_NAMES, type StandardName } from '../universal-education/rule-set.ts';
import { MODEL_TYPES } from '../learning-models/workflow.ts';
import { FORMATS } from '../resources/formats.ts';
import { CATEGORY_NAMES, type Category } from './categories.ts';
import { parsePeriod, PERIOD_TYPES } from './periods.ts';

export { CATEGORIES, CATEGORY_NAMES, combinationLabel, combinations, type Category } from './categories.ts';

export type { StandardName };

export const CENTRE_MEASURES = ['applyingIt', 'participants'] as const;
export type CentreMeasure = (typeof CENTRE_MEASURES)[number];
/** The aggregation each registry measure has: its numerator (and denominator) are counted from the registry, not entered. */
export const REGISTRY_AGGREGATION = { applyingIt: 'ratio', participants: 'sum', openResources: 'sum' } as const;

/** Whether an indicator reads its numerator from a register of the platform (no numerator element). */
export const registryMeasure = (c: { kind: string; measure?: string } | null | undefined): keyof typeof REGISTRY_AGGREGATION | null =>
  c?.kind === 'learningCentres' ? (c.measure as CentreMeasure) : c?.kind === 'openResources' ? 'openResources' : null;

export const Computed = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('standard'), standard: z.enum(STANDARD_NAMES as [StandardName, ...StandardName[]]), level: z.number().int().min(1).max(3) }),
  z.strictObject({ kind: z.literal('dataElement'), threshold: z.number().min(0) }),
  // Numerator: subjects recognised for the model type (learning-model tables); denominator: the indicator's data
  // element when it has one (e.g. POP15), else the number registered.
  z.strictObject({ kind: z.literal('learningModel'), modelType: z.enum(MODEL_TYPES) }),
  // Community learning centres (learning-centres tables): `applyingIt` = centres applying IT over centres in force on
  // the period's end (a ratio); `participants` = participants of the centres' activities in the year (a sum).
  z.strictObject({ kind: z.literal('learningCentres'), measure: z.enum(CENTRE_MEASURES) }),
  // Open learning resources published in the period by publisher units of the cover (a sum), optionally of one format.
  z.strictObject({ kind: z.literal('openResources'), format: z.enum(FORMATS).optional() }),
]);
export type Computed = z.infer<typeof Computed>;

export const AGGREGATIONS = ['ratio', 'sum', 'share', 'level'] as const;
export type Aggregation = (typeof AGGREGATIONS)[number];
export const AGGREGATION_LABELS: Record<Aggregation, string> = {
  ratio: 'Tỷ lệ của tổng (tử số cộng dồn / mẫu số cộng dồn)',
  sum: 'Cộng dồn',
  share: 'Tỷ lệ đơn vị trực thuộc đạt điều kiện',
  level: 'Mức đạt chuẩn của chính đơn vị',
};

const Code = z.string().trim().regex(/^[A-Z][A-Z0-9_]{1,39}$/, 'Mã: chữ in hoa, số và dấu gạch dưới, 2–40 ký tự, bắt đầu bằng chữ');
const Name = z.string().trim().min(3, 'Tên tối thiểu 3 ký tự').max(300);
const Verified = z.enum(['V', 'P', 'I']);

export const DataElementBody = z.strictObject({
  code: Code, name: Name, description: z.string().trim().max(2000).optional(),
  valueType: z.enum(['count', 'number', 'boolean']).default('count'),
  categories: z.array(z.enum(CATEGORY_NAMES as [Category, ...Category[]])).max(3).default([])
    .refine((c) => new Set(c).size === c.length, 'Nhóm phân tổ bị lặp'),
  aboutPeople: z.boolean().default(false),
  maxValue: z.number().positive().optional(),
  source: z.string().trim().max(300).optional(),
});
export type DataElementBody = z.infer<typeof DataElementBody>;

export const IndicatorBody = z.strictObject({
  code: Code, name: Name, description: z.string().trim().max(2000).optional(),
  aggregation: z.enum(AGGREGATIONS),
  numerator: Code.optional(), denominator: Code.optional(),
  factor: z.number().positive().max(1_000_000).default(1),
  computed: Computed.optional(),
  unitLabel: z.string().trim().min(1).max(20).default('%'),
  decimals: z.number().int().min(0).max(4).default(1),
  legalSource: z.string().trim().max(300).optional(),
  verified: Verified.default('V'),
}).superRefine((b, ctx) => {
  const need = (field: 'numerator' | 'denominator' | 'computed', message: string) => {
    if (b[field] === undefined) ctx.addIssue({ code: 'custom', path: [field], message });
  };
  if (b.computed?.kind === 'learningModel') {
    if (b.aggregation !== 'ratio') ctx.addIssue({ code: 'custom', path: ['aggregation'], message: 'Nguồn mô hình học tập chỉ dùng cho chỉ số tỷ lệ' });
    if (b.numerator !== undefined) ctx.addIssue({ code: 'custom', path: ['numerator'], message: 'Tử số là số được công nhận danh hiệu; không chọn phần tử dữ liệu' });
  } else if (registryMeasure(b.computed)) {
    const m = registryMeasure(b.computed)!;
    const want = REGISTRY_AGGREGATION[m];
    if (b.aggregation !== want) ctx.addIssue({ code: 'custom', path: ['aggregation'], message: want === 'ratio' ? 'Tỷ lệ trung tâm ứng dụng CNTT là chỉ số tỷ lệ' : 'Nguồn này là số đếm: chỉ số cộng dồn' });
    if (b.numerator !== undefined) ctx.addIssue({ code: 'custom', path: ['numerator'], message: 'Tử số đếm từ sổ của hệ thống; không chọn phần tử dữ liệu' });
    if (b.denominator !== undefined) ctx.addIssue({ code: 'custom', path: ['denominator'], message: 'Mẫu số đếm từ sổ của hệ thống; không chọn phần tử dữ liệu' });
  } else if (b.aggregation === 'ratio') { need('numerator', 'Chỉ số tỷ lệ cần tử số'); need('denominator', 'Chỉ số tỷ lệ cần mẫu số'); }
  if (b.aggregation === 'sum' && !registryMeasure(b.computed)) need('numerator', 'Chỉ số cộng dồn cần một phần tử dữ liệu (tử số)');
  if (b.aggregation === 'share' || b.aggregation === 'level') need('computed', 'Cần nguồn tính toán (chuẩn PCGD–XMC hoặc ngưỡng của phần tử dữ liệu)');
  if (b.aggregation === 'level' && b.computed?.kind !== 'standard') ctx.addIssue({ code: 'custom', path: ['computed'], message: 'Chỉ số mức đạt chuẩn chỉ đọc kết quả chuẩn PCGD–XMC' });
  if (b.computed?.kind === 'dataElement') need('numerator', 'Cần phần tử dữ liệu để so với ngưỡng');
  if (b.numerator && b.numerator === b.denominator) ctx.addIssue({ code: 'custom', path: ['denominator'], message: 'Tử số và mẫu số phải khác nhau' });
});
export type IndicatorBody = z.infer<typeof IndicatorBody>;

export const PeriodId = z.string().trim().refine((p) => parsePeriod(p) !== null, 'Kỳ không hợp lệ (ví dụ: 2024, 2024Q3, 2024-07, 2024-2025, R2024)');

export const DataValueRow = z.strictObject({
  dataElement: Code,
  unit: z.string().trim().min(1).max(40),
  period: z.string().trim().min(1).max(20),
  disaggregation: z.string().trim().max(200).default(''),
  value: z.number(),
  comment: z.string().trim().max(1000).optional(),
});
export type DataValueRow = z.infer<typeof DataValueRow>;
export const DataValuesBody = z.union([
  z.array(DataValueRow).min(1, 'Cần ít nhất một giá trị').max(20_000),
  z.strictObject({ mode: z.enum(['all', 'valid']).default('all'), values: z.array(DataValueRow).min(1, 'Cần ít nhất một giá trị').max(20_000) }),
]);

export const DataSetBody = z.strictObject({
  code: Code, name: Name, periodType: z.enum(PERIOD_TYPES),
  unitKinds: z.array(z.enum(['province', 'district', 'commune', 'agency', 'school', 'clc', 'university', 'enterprise', 'association'])).min(1),
  deadlineDays: z.number().int().min(-366).max(366).default(0),
  jumpWarning: z.number().positive().max(10_000).default(50),
  elements: z.array(Code).min(1).max(200),
  description: z.string().trim().max(2000).optional(),
});
export type DataSetBody = z.infer<typeof DataSetBody>;
