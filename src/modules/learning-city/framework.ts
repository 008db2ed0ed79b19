import fs from 'node:fs/promises';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { Mark } from '../verification.ts';

/**
 * UNESCO's Key Features of Learning Cities as versioned data (data/learning-city/key-features.yaml, table
 * learning_city_framework): groups → areas → features with suggested measurements, each feature mapped to platform
 * indicators (by code) and to the evidence to attach. Every part carries the research mark V/P/I (as data/criteria).
 */

const Text = (max: number) => z.string().trim().min(1, 'Không được để trống').max(max);
const Note = z.string().trim().max(2000).optional();
const GROUPS = ['wider_benefits', 'building_blocks', 'fundamental_conditions'] as const;
export const AreaCode = z.string().regex(/^[1-3]\.\d{1,2}$/, 'Mã lĩnh vực dạng 2.1');
export const FeatureCode = z.string().regex(/^[1-3]\.\d{1,2}\.\d{1,2}$/, 'Mã đặc trưng dạng 2.1.3');
const IndicatorCode = z.string().regex(/^[A-Z][A-Z0-9_]{1,39}$/, 'Mã chỉ số: chữ in hoa, số, gạch dưới');

export const Feature = z.strictObject({
  code: FeatureCode,
  name: Text(500),
  mark: Mark,
  note: Note,
  measurements: z.array(Text(300)).max(10).default([]),
  /** Platform indicators that measure (part of) the feature; the mark is ours, on the mapping. */
  indicators: z.array(z.strictObject({ code: IndicatorCode, mark: Mark, note: Note })).max(10).default([]),
  /** What to attach as evidence; the only basis of a feature without indicators. */
  evidence: Text(500),
});
export type Feature = z.infer<typeof Feature>;

export const Area = z.strictObject({
  code: AreaCode, group: z.enum(GROUPS), name: Text(300), nameEn: Text(300), mark: Mark, note: Note,
  features: z.array(Feature).min(1).max(20),
});
export type Area = z.infer<typeof Area>;

export const RatingScale = z.strictObject({
  mark: Mark, note: Note,
  levels: z.array(z.strictObject({ value: z.number().int().min(0).max(100), label: Text(60) })).min(2).max(10),
});
export type RatingScale = z.infer<typeof RatingScale>;

export const FrameworkDefinition = z.strictObject({
  code: z.string().regex(/^[a-z][a-z0-9-]{2,60}$/),
  name: Text(300),
  source: z.strictObject({ document: Text(300), issuer: Text(300), adopted: z.number().int().min(1990).max(2100), mark: Mark, note: Note }),
  ratingScale: RatingScale,
  scoring: z.strictObject({ mark: Mark, note: Note }),
  groups: z.array(z.strictObject({ code: z.enum(GROUPS), name: Text(300), nameEn: Text(300), mark: Mark })).length(3),
  areas: z.array(Area).min(1).max(30),
}).superRefine((d, ctx) => {
  const seen = new Set<string>();
  d.areas.forEach((a, i) => {
    if (seen.has(a.code)) ctx.addIssue({ code: 'custom', path: ['areas', i, 'code'], message: `Mã lĩnh vực ${a.code} trùng` });
    seen.add(a.code);
    a.features.forEach((f, j) => {
      if (!f.code.startsWith(`${a.code}.`)) ctx.addIssue({ code: 'custom', path: ['areas', i, 'features', j, 'code'], message: `Đặc trưng ${f.code} phải thuộc lĩnh vực ${a.code}` });
      if (seen.has(f.code)) ctx.addIssue({ code: 'custom', path: ['areas', i, 'features', j, 'code'], message: `Mã đặc trưng ${f.code} trùng` });
      seen.add(f.code);
    });
  });
  const values = d.ratingScale.levels.map((l) => l.value);
  if (new Set(values).size !== values.length) ctx.addIssue({ code: 'custom', path: ['ratingScale', 'levels'], message: 'Các mức của thang phải khác nhau' });
});
export type FrameworkDefinition = z.infer<typeof FrameworkDefinition>;

/** The weakest mark of a definition: what the list shows next to the framework's name. */
export function weakestMark(d: FrameworkDefinition): Mark {
  const marks: Mark[] = [d.source.mark, d.ratingScale.mark, d.scoring.mark, ...d.areas.flatMap((a) => [a.mark, ...a.features.flatMap((f) => [f.mark, ...f.indicators.map((i) => i.mark)])])];
  return marks.includes('I') ? 'I' : marks.includes('P') ? 'P' : 'V';
}

export const allFeatures = (d: FrameworkDefinition) => d.areas.flatMap((a) => a.features.map((f) => ({ ...f, area: a.code })));

const FILE = new URL('../../../data/learning-city/key-features.yaml', import.meta.url);

/** The shipped framework, parsed strictly; throws listing every problem. */
export async function readFrameworkFile(file: URL = FILE): Promise<FrameworkDefinition> {
  const raw = parseYaml(await fs.readFile(file, 'utf8'), { schema: 'core' }) as unknown;
  const parsed = FrameworkDefinition.safeParse(raw, { error: z.locales.vi().localeError });
  if (!parsed.success) {
    throw new Error(`Khung thành phố học tập (data/learning-city) không hợp lệ:\n- ${parsed.error.issues.map((i) => `${i.path.join('.') || '(gốc)'}: ${i.message}`).join('\n- ')}`);
  }
  return parsed.data;
}
