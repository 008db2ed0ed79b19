import { z } from 'zod';
import { Mark } from '../verification.ts';
import { MODEL_LABELS } from './workflow.ts';

/**
 * A criteria set (bộ tiêu chí) of one learning model: groups of indicators with maximum points or pass/fail targets,
 * and the pass rule. Sets are versioned data (data/criteria/*.yaml, table criteria_set); every part carries the
 * verification mark of the research (legal-rules.md): V read in a source, P partly read, I inferred. Unverified parts
 * are settings an admin completes in the editor, and the UI shows their marks.
 */

export const MODEL_TYPES = [
  'learning_citizen', 'learning_family', 'learning_clan', 'learning_community_hamlet', 'learning_unit', 'learning_community_commune',
] as const;
export type ModelType = (typeof MODEL_TYPES)[number];
/** The model types that have criteria sets (district and province titles have none yet); labels from workflow.ts. */
export const MODEL_TYPE_LABELS: Record<ModelType, string> = Object.fromEntries(MODEL_TYPES.map((m) => [m, MODEL_LABELS[m]])) as Record<ModelType, string>;

const Text = (max: number) => z.string().trim().min(1, 'Không được để trống').max(max);
const Note = z.string().trim().max(2000).optional();
export const IndicatorCode = z.string().trim().regex(/^[A-Z][A-Z0-9_]{1,39}$/, 'Mã chỉ số: chữ in hoa, số, dấu gạch dưới (ví dụ CDHT_1_2)');
const Key = z.string().trim().regex(/^[a-z][a-z0-9_]{0,39}$/, 'Mã: chữ thường, số, dấu gạch dưới');
const Points = z.number().min(0).max(1000).multipleOf(0.25, 'Điểm là bội của 0,25');

/** An indicator (chỉ số / chỉ tiêu): scored in points (maxPoints) or met/not met (levels: the levels that require it). */
export const Indicator = z.strictObject({
  code: IndicatorCode,
  name: Text(1000),
  maxPoints: Points.positive('Điểm tối đa phải lớn hơn 0').optional(),
  /** Pass/fail sets: the text of the target (chỉ tiêu) to meet. */
  target: Text(1000).optional(),
  /** Pass/fail sets: the levels (mức độ) whose recognition requires this target. */
  levels: z.array(Key).min(1).optional(),
  /** Learning citizen: the target groups this indicator applies to; absent = every group. */
  targetGroups: z.array(Key).min(1).optional(),
  mark: Mark,
  note: Note,
});
export type Indicator = z.infer<typeof Indicator>;

export const CriteriaGroup = z.strictObject({
  code: Key,
  name: Text(500),
  maxPoints: Points.positive().optional(),
  mark: Mark,
  note: Note,
  indicators: z.array(Indicator).min(1, 'Mỗi tiêu chí cần ít nhất một chỉ số').max(100),
});
export type CriteriaGroup = z.infer<typeof CriteriaGroup>;

/** Pass ≥ minTotal points (minTotalDifficultArea in remote, especially difficult or ethnic-minority areas), no indicator below minEachIndicator. */
const PointsRule = z.strictObject({
  kind: z.literal('points'),
  minTotal: Points,
  minTotalDifficultArea: Points.optional(),
  minEachIndicator: Points.optional(),
  mark: Mark,
  note: Note,
});
/** Classification by total points: the highest band whose min the total reaches; below every band = not passed. */
const BandsRule = z.strictObject({
  kind: z.literal('bands'),
  bands: z.array(z.strictObject({ level: Key, label: Text(60), min: Points })).min(1).max(10),
  mark: Mark,
  note: Note,
});
/** Levels (mức độ) with pass/fail targets: a level is reached when every target it requires is met; the highest counts. */
const LevelsRule = z.strictObject({
  kind: z.literal('levels'),
  levels: z.array(z.strictObject({ level: Key, label: Text(60) })).min(1).max(10),
  mark: Mark,
  note: Note,
});
export const PassRule = z.discriminatedUnion('kind', [PointsRule, BandsRule, LevelsRule]);
export type PassRule = z.infer<typeof PassRule>;

export const LegalSource = z.strictObject({
  document: Text(200),
  issuer: Text(200).optional(),
  issuedOn: z.iso.date().optional(),
  clause: Text(200).optional(),
  mark: Mark,
  note: Note,
});

const DefinitionShape = z.strictObject({
  modelType: z.enum(MODEL_TYPES),
  code: z.string().trim().regex(/^[a-z0-9][a-z0-9-]{1,59}$/, 'Mã bộ tiêu chí: chữ thường, số, gạch ngang (ví dụ cdht-244-2022)'),
  name: Text(300),
  source: LegalSource,
  effectiveFrom: z.iso.date('Ngày dạng YYYY-MM-DD'),
  effectiveTo: z.iso.date('Ngày dạng YYYY-MM-DD').nullable().default(null),
  targetGroups: z.array(z.strictObject({ code: Key, name: Text(300), mark: Mark })).min(1).optional(),
  groups: z.array(CriteriaGroup).min(1).max(30),
  passRule: PassRule,
  note: Note,
});

/** A criteria set definition (one version), checked as a whole; every problem is reported with its path. */
export const CriteriaSetDefinition = DefinitionShape.superRefine((d, ctx) => {
  const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message });
  if (d.effectiveTo && d.effectiveTo < d.effectiveFrom) issue(['effectiveTo'], 'Ngày hết hiệu lực trước ngày có hiệu lực');
  const seen = new Set<string>();
  const groupCodes = new Set<string>();
  const targetGroups = new Set(d.targetGroups?.map((g) => g.code));
  const levels = d.passRule.kind === 'levels' ? new Set(d.passRule.levels.map((l) => l.level)) : null;
  d.groups.forEach((g, gi) => {
    if (groupCodes.has(g.code)) issue(['groups', gi, 'code'], `Tiêu chí ${g.code} bị lặp`);
    groupCodes.add(g.code);
    g.indicators.forEach((ind, ii) => {
      const at = ['groups', gi, 'indicators', ii];
      if (seen.has(ind.code)) issue([...at, 'code'], `Chỉ số ${ind.code} bị lặp`);
      seen.add(ind.code);
      if (levels) {
        if (ind.maxPoints !== undefined) issue([...at, 'maxPoints'], 'Bộ tiêu chí đạt/không đạt: chỉ số không có điểm');
        if (!ind.levels) issue([...at, 'levels'], 'Cần ghi mức độ nào yêu cầu chỉ tiêu này');
        for (const l of ind.levels ?? []) if (!levels.has(l)) issue([...at, 'levels'], `Không có mức độ ${l} trong quy tắc đạt`);
      } else {
        if (ind.maxPoints === undefined) issue([...at, 'maxPoints'], 'Cần điểm tối đa của chỉ số');
        if (ind.levels) issue([...at, 'levels'], 'Bộ tiêu chí chấm điểm: chỉ số không gắn mức độ');
      }
      if (ind.targetGroups && !d.targetGroups) issue([...at, 'targetGroups'], 'Bộ tiêu chí không khai báo nhóm đối tượng');
      for (const t of ind.targetGroups ?? []) if (!targetGroups.has(t)) issue([...at, 'targetGroups'], `Không có nhóm đối tượng ${t}`);
    });
    if (g.maxPoints !== undefined && levels === null) {
      // With target groups a group's maximum is per group; checked for the first group (all share the same shape).
      const sum = applicable(g.indicators, d.targetGroups?.[0]?.code).reduce((s, i) => s + (i.maxPoints ?? 0), 0);
      if (sum !== g.maxPoints) issue(['groups', gi, 'maxPoints'], `Tổng điểm các chỉ số (${sum}) khác điểm tối đa của tiêu chí (${g.maxPoints})`);
    }
  });
  if (d.passRule.kind === 'bands') {
    const mins = d.passRule.bands.map((b) => b.min);
    if (mins.some((m, i) => i > 0 && m >= mins[i - 1]!)) issue(['passRule', 'bands'], 'Các mức xếp loại ghi từ cao xuống thấp, điểm sàn giảm dần');
  }
  if (d.passRule.kind === 'points' && d.passRule.minTotalDifficultArea !== undefined && d.passRule.minTotalDifficultArea > d.passRule.minTotal) {
    issue(['passRule', 'minTotalDifficultArea'], 'Mức đạt ở vùng khó khăn không cao hơn mức chung');
  }
  if (d.passRule.kind !== 'levels') {
    for (const tg of d.targetGroups?.map((t) => t.code) ?? [undefined]) {
      const max = maxTotal(d, tg);
      const top = d.passRule.kind === 'points' ? d.passRule.minTotal : d.passRule.bands[0]!.min;
      if (top > max) issue(['passRule'], `Mức đạt (${top}) cao hơn tổng điểm tối đa (${max})${tg ? ` của nhóm ${tg}` : ''}`);
    }
  }
});
export type CriteriaSetDefinition = z.infer<typeof CriteriaSetDefinition>;

/** A stored version of a criteria set. */
export interface CriteriaSet {
  id: string;
  modelType: ModelType;
  code: string;
  version: number;
  name: string;
  source: string;
  verification: Mark;
  effectiveFrom: string;
  effectiveTo: string | null;
  definition: CriteriaSetDefinition;
  createdAt: string;
  createdBy: string | null;
}

/** The indicators that apply to a target group (all of them when the set has no groups). */
export function applicable(indicators: readonly Indicator[], targetGroup: string | undefined): Indicator[] {
  return indicators.filter((i) => !i.targetGroups || (targetGroup !== undefined && i.targetGroups.includes(targetGroup)));
}

export function indicatorsOf(d: Pick<CriteriaSetDefinition, 'groups'>, targetGroup?: string): Indicator[] {
  return d.groups.flatMap((g) => applicable(g.indicators, targetGroup));
}

export function maxTotal(d: Pick<CriteriaSetDefinition, 'groups'>, targetGroup?: string): number {
  return indicatorsOf(d, targetGroup).reduce((s, i) => s + (i.maxPoints ?? 0), 0);
}

/** The weakest mark found anywhere in the definition: a set is only as verified as its least verified part. */
export function weakestMark(d: CriteriaSetDefinition): Mark {
  const marks: Mark[] = [d.source.mark, d.passRule.mark, ...(d.targetGroups ?? []).map((t) => t.mark),
    ...d.groups.flatMap((g) => [g.mark, ...g.indicators.map((i) => i.mark)])];
  return marks.includes('I') ? 'I' : marks.includes('P') ? 'P' : 'V';
}

/** The `source` column: document and clause, as cited. */
export const sourceText = (d: CriteriaSetDefinition) => [d.source.document, d.source.clause].filter(Boolean).join(', ');

const num = (n: number) => n.toLocaleString('vi-VN', { maximumFractionDigits: 2 });

/** The pass rule in words, as the criteria documents say it. */
export function describePassRule(rule: PassRule): string {
  if (rule.kind === 'points') {
    return [`Đạt khi tổng điểm từ ${num(rule.minTotal)}`,
      rule.minTotalDifficultArea !== undefined ? ` (vùng sâu, vùng xa, vùng đặc biệt khó khăn, vùng đồng bào dân tộc thiểu số: từ ${num(rule.minTotalDifficultArea)})` : '',
      rule.minEachIndicator !== undefined ? `, không chỉ số nào dưới ${num(rule.minEachIndicator)} điểm` : ''].join('');
  }
  if (rule.kind === 'bands') return `Xếp loại theo tổng điểm: ${rule.bands.map((b) => `${b.label} từ ${num(b.min)}`).join('; ')}; dưới ${num(rule.bands[rule.bands.length - 1]!.min)}: không đạt`;
  return `Đạt một mức độ khi đạt mọi chỉ tiêu của mức đó: ${rule.levels.map((l) => l.label).join(', ')}`;
}
