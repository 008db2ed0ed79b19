import { z } from 'zod';
import type { FieldError } from '../../http/problem.ts';
import { isSafeLink } from '../resources/model.ts';
import { allFeatures, FeatureCode, type FrameworkDefinition, type RatingScale } from './framework.ts';

/**
 * Pure rules of a learning city's yearly self-assessment against UNESCO's Key Features: the rating scale (a setting
 * marked [I] in the framework data), checking what a city saves, completeness per area, area and overall scores, and
 * the workflow (the city drafts and submits; the provincial department returns it with comments or accepts it).
 */

export const ASSESSMENT_STATUSES = ['draft', 'submitted', 'returned', 'accepted'] as const;
export type AssessmentStatus = (typeof ASSESSMENT_STATUSES)[number];
export const STATUS_LABELS: Record<AssessmentStatus, string> = { draft: 'Đang soạn', submitted: 'Đã gửi Sở', returned: 'Sở trả lại', accepted: 'Sở đã xem xét, chấp nhận' };

/** Roles (the unit scope is a second check, in SQL): the city's officers edit and submit; the department reviews. */
export const ROLES = {
  read: ['admin', 'coordinator', 'agency_reporter', 'unit_officer', 'assessor', 'viewer'],
  write: ['admin', 'coordinator', 'agency_reporter', 'unit_officer'],
  review: ['admin', 'coordinator'],
  manage: ['admin', 'coordinator'],
} as const;

/** A scale level's label, marked [I] while the scale is a setting nobody has confirmed. */
export function ratingLabel(scale: RatingScale, value: number | null): string | null {
  const level = scale.levels.find((l) => l.value === value);
  if (!level) return null;
  return scale.mark === 'V' ? level.label : `${level.label} [${scale.mark}]`;
}

export const MAX_NARRATIVE = 4000;

export interface FeatureEntry { code: string; rating: number | null; narrative: string | null }

/** What a save may contain: known feature codes, once each, ratings on the framework's scale. Field paths under `features.N`. */
export function checkEntries(def: FrameworkDefinition, entries: readonly { code: string; rating?: number | null | undefined }[]): FieldError[] {
  const known = new Set(allFeatures(def).map((f) => f.code));
  const values = def.ratingScale.levels.map((l) => l.value);
  const seen = new Set<string>();
  const errors: FieldError[] = [];
  entries.forEach((e, i) => {
    if (!known.has(e.code)) errors.push({ field: `features.${i}.code`, message: `Không có đặc trưng ${e.code} trong khung đang dùng` });
    else if (seen.has(e.code)) errors.push({ field: `features.${i}.code`, message: `Đặc trưng ${e.code} được gửi hai lần` });
    seen.add(e.code);
    if (e.rating !== null && e.rating !== undefined && !values.includes(e.rating)) {
      errors.push({ field: `features.${i}.rating`, message: `Mức phải là một trong ${values.join(', ')} (thang của khung)` });
    }
  });
  return errors;
}

export interface AreaProgress {
  code: string; features: number; rated: number; narrated: number; withEvidence: number;
  /** Features with a rating, a narrative, and evidence or a mapped indicator. */
  complete: number; percent: number;
  /** Mean rating of the rated features, 1 decimal; null when none is rated. */
  score: number | null;
}

const round1 = (x: number) => Math.round(x * 10) / 10;

/**
 * Completeness and score per area. A feature is complete when rated, narrated, and backed by evidence — or, for a
 * feature mapped to platform indicators, by those indicators' figures. Score = mean rating of its rated features [I].
 */
export function areaProgress(def: FrameworkDefinition, entries: ReadonlyMap<string, FeatureEntry>, evidence: ReadonlyMap<string, number>): AreaProgress[] {
  return def.areas.map((a) => {
    const rows = a.features.map((f) => {
      const e = entries.get(f.code);
      const rated = e?.rating !== null && e?.rating !== undefined;
      const narrated = Boolean(e?.narrative?.trim());
      const backed = (evidence.get(f.code) ?? 0) > 0 || f.indicators.length > 0;
      return { rated, narrated, evidence: (evidence.get(f.code) ?? 0) > 0, complete: rated && narrated && backed, rating: rated ? e!.rating! : null };
    });
    const ratings = rows.map((r) => r.rating).filter((r): r is number => r !== null);
    const complete = rows.filter((r) => r.complete).length;
    return {
      code: a.code, features: rows.length, rated: ratings.length, narrated: rows.filter((r) => r.narrated).length, withEvidence: rows.filter((r) => r.evidence).length,
      complete, percent: Math.round((100 * complete) / rows.length),
      score: ratings.length ? round1(ratings.reduce((s, r) => s + r, 0) / ratings.length) : null,
    };
  });
}

/** Overall: mean of the areas that have a score (each area weighs the same [I]), and completeness over all features. */
export function overall(areas: readonly AreaProgress[]): { score: number | null; percent: number; complete: number; features: number; rated: number } {
  const scored = areas.map((a) => a.score).filter((s): s is number => s !== null);
  const features = areas.reduce((s, a) => s + a.features, 0);
  const complete = areas.reduce((s, a) => s + a.complete, 0);
  return {
    score: scored.length ? round1(scored.reduce((s, x) => s + x, 0) / scored.length) : null,
    percent: features ? Math.round((100 * complete) / features) : 0, complete, features, rated: areas.reduce((s, a) => s + a.rated, 0),
  };
}

/** A score as a share of the scale (min → 0 %, max → 100 %), for charts that compare scales. */
export function scorePercent(scale: RatingScale, score: number | null): number | null {
  if (score === null) return null;
  const values = scale.levels.map((l) => l.value);
  const min = Math.min(...values), max = Math.max(...values);
  return Math.round((100 * (score - min)) / (max - min));
}

/** Submitting needs every feature rated; the errors name the features still missing (field `features.<code>`). */
export function submitProblems(def: FrameworkDefinition, entries: ReadonlyMap<string, FeatureEntry>): FieldError[] {
  return allFeatures(def).filter((f) => entries.get(f.code)?.rating === null || entries.get(f.code)?.rating === undefined)
    .map((f) => ({ field: `features.${f.code}`, message: `Chưa chấm đặc trưng ${f.code}` }));
}

export type AssessmentAction = 'save' | 'submit' | 'return' | 'accept';
const RULES: Record<AssessmentAction, readonly AssessmentStatus[]> = {
  save: ['draft', 'returned'], submit: ['draft', 'returned'], return: ['submitted'], accept: ['submitted'],
};

export type Transition = { ok: true; to: AssessmentStatus } | { ok: false; code: string; message: string };

export function transition(status: AssessmentStatus, action: AssessmentAction, comment?: string): Transition {
  if (!RULES[action].includes(status)) {
    if (status === 'accepted') return { ok: false, code: 'learning_city.locked', message: 'Bản tự đánh giá đã được Sở chấp nhận, không sửa được nữa' };
    if (action === 'save' || action === 'submit') return { ok: false, code: 'learning_city.under_review', message: 'Bản tự đánh giá đã gửi Sở; chỉ sửa hoặc gửi lại khi bị trả lại' };
    return { ok: false, code: 'learning_city.not_submitted', message: 'Bản tự đánh giá chưa được gửi' };
  }
  if (action === 'return' && !comment?.trim()) return { ok: false, code: 'learning_city.comment_required', message: 'Trả lại cần ghi rõ ý kiến' };
  const to: Record<AssessmentAction, AssessmentStatus | null> = { save: null, submit: 'submitted', return: 'returned', accept: 'accepted' };
  return { ok: true, to: to[action] ?? status };
}

// ---------------------------------------------------------------------------------------------------- bodies
const Id = z.string().regex(/^\d{1,18}$/, 'Mã số không hợp lệ');
export const Year = z.coerce.number().int().min(2013, 'Khung có từ năm 2013').max(2100);
const Version = z.number().int().min(1);
const Narrative = z.string().max(MAX_NARRATIVE, `Tối đa ${MAX_NARRATIVE} ký tự`);

export const SaveBody = z.strictObject({
  version: Version.nullable().describe('null: năm chưa có bản tự đánh giá'),
  features: z.array(z.strictObject({
    code: z.string().max(20),
    rating: z.number().int('Mức là số nguyên').nullable().optional(),
    narrative: Narrative.nullable().optional(),
  })).max(200),
});
export type SaveBody = z.infer<typeof SaveBody>;

export const ActionBody = z.strictObject({ version: Version, comment: z.string().max(4000).optional() });
export const ReviewBody = z.strictObject({
  version: Version,
  decision: z.enum(['accept', 'return']),
  comment: z.string().max(4000).optional(),
  featureComments: z.record(FeatureCode, z.string().max(2000)).optional().describe('Ý kiến của Sở theo từng đặc trưng'),
});
export type ReviewBody = z.infer<typeof ReviewBody>;

export const LinkBody = z.strictObject({
  featureCode: z.string().max(20),
  url: z.string().trim().max(1000).refine(isSafeLink, 'Chỉ nhận liên kết http:// hoặc https://'),
  note: z.string().trim().max(500).optional(),
});

export const CityBody = z.strictObject({
  name: z.string().trim().min(3, 'Tên cần ít nhất 3 ký tự').max(200, 'Tên tối đa 200 ký tự'),
  unitId: Id.describe('Đơn vị hành chính của thành phố (cấp huyện trước 01/07/2025)'),
  gnlcYear: z.number().int('Năm là số nguyên').min(2013, 'Mạng lưới GNLC có từ năm 2013').max(2100, 'Năm không hợp lệ').nullable().optional().describe('Năm được kết nạp vào mạng lưới GNLC, nếu có'),
  note: z.string().trim().max(1000, 'Ghi chú tối đa 1000 ký tự').nullable().optional(),
});
export type CityBody = z.infer<typeof CityBody>;

export const CityParams = z.object({ id: Id });
export const YearParams = z.object({ id: Id, year: Year });
export const EvidenceParams = z.object({ id: Id, year: Year, evidenceId: Id });
export const VersionBody = z.strictObject({ version: Version });
