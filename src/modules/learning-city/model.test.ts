import fs from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import { allFeatures, FrameworkDefinition, readFrameworkFile, weakestMark } from './framework.ts';
import { areaProgress, checkEntries, overall, ratingLabel, scorePercent, submitProblems, transition, type FeatureEntry } from './model.ts';

/** A small framework: two areas, three features; one feature mapped to an indicator, two to evidence only. */
const def = FrameworkDefinition.parse({
  code: 'test-framework', name: 'Khung thử', source: { document: 'Key Features', issuer: 'UIL', adopted: 2013, mark: 'P' },
  ratingScale: { mark: 'I', levels: [1, 2, 3, 4, 5].map((value) => ({ value, label: `Mức ${value}` })) },
  scoring: { mark: 'I' },
  groups: [
    { code: 'wider_benefits', name: 'Lợi ích', nameEn: 'Wider benefits', mark: 'V' },
    { code: 'building_blocks', name: 'Trụ cột', nameEn: 'Building blocks', mark: 'V' },
    { code: 'fundamental_conditions', name: 'Nền tảng', nameEn: 'Fundamental conditions', mark: 'V' },
  ],
  areas: [
    { code: '1.1', group: 'wider_benefits', name: 'A', nameEn: 'A', mark: 'V', features: [
      { code: '1.1.1', name: 'Biết chữ', mark: 'I', indicators: [{ code: 'LITERACY_L2_SHARE', mark: 'P' }], evidence: 'Hồ sơ XMC' },
      { code: '1.1.2', name: 'Tham gia', mark: 'I', evidence: 'Biên bản' },
    ] },
    { code: '2.1', group: 'building_blocks', name: 'B', nameEn: 'B', mark: 'V', features: [
      { code: '2.1.1', name: 'Mầm non', mark: 'I', evidence: 'Hồ sơ' },
    ] },
  ],
});
const entries = (...xs: [string, number | null, string | null][]) => new Map<string, FeatureEntry>(xs.map(([code, rating, narrative]) => [code, { code, rating, narrative }]));

describe('the shipped framework (data/learning-city/key-features.yaml)', () => {
  it('has the 12 areas of UNESCO in 3 + 6 + 3, each feature inside its area, the inferred parts marked', async () => {
    const d = await readFrameworkFile();
    expect(d.areas).toHaveLength(12);
    expect(['wider_benefits', 'building_blocks', 'fundamental_conditions'].map((g) => d.areas.filter((a) => a.group === g).length)).toEqual([3, 6, 3]);
    expect(d.areas.every((a) => a.mark === 'V')).toBe(true);
    expect(allFeatures(d).length).toBeGreaterThanOrEqual(36);
    // The features' wording is not checked against the PDF: nothing claims more than it knows.
    expect(allFeatures(d).every((f) => f.mark === 'I')).toBe(true);
    expect(d.ratingScale.mark).toBe('I');
    expect(weakestMark(d)).toBe('I');
  });

  it('maps features only to indicator codes of the catalogue, and names evidence for every feature', async () => {
    const d = await readFrameworkFile();
    const catalogue = parseYaml(fs.readFileSync(new URL('../../../data/indicators/catalogue.yaml', import.meta.url), 'utf8')) as { indicators: { code: string }[] };
    const codes = new Set(catalogue.indicators.map((i) => i.code));
    const mapped = allFeatures(d).flatMap((f) => f.indicators.map((i) => i.code));
    expect(mapped.length).toBeGreaterThan(5);
    expect(mapped.filter((c) => !codes.has(c))).toEqual([]);
    expect(allFeatures(d).every((f) => f.evidence.length > 0)).toBe(true);
  });

  it('refuses a feature filed under another area and duplicate codes', () => {
    const bad = structuredClone(def) as unknown as { areas: { features: { code: string }[] }[] };
    bad.areas[1]!.features[0]!.code = '1.1.2';
    const r = FrameworkDefinition.safeParse(bad);
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => i.path.join('.'))).toContain('areas.1.features.0.code');
  });
});

describe('rating scale', () => {
  it('labels a level with its mark while the scale is inferred; an unknown level has no label', () => {
    expect(ratingLabel(def.ratingScale, 3)).toBe('Mức 3 [I]');
    expect(ratingLabel({ ...def.ratingScale, mark: 'V' }, 3)).toBe('Mức 3');
    expect(ratingLabel(def.ratingScale, 6)).toBeNull();
    expect(ratingLabel(def.ratingScale, null)).toBeNull();
  });

  it('accepts the ends of the scale and refuses one step outside, naming the field', () => {
    expect(checkEntries(def, [{ code: '1.1.1', rating: 1 }, { code: '1.1.2', rating: 5 }, { code: '2.1.1', rating: null }])).toEqual([]);
    expect(checkEntries(def, [{ code: '1.1.1', rating: 0 }, { code: '1.1.2', rating: 6 }]).map((e) => e.field)).toEqual(['features.0.rating', 'features.1.rating']);
  });

  it('refuses unknown feature codes and a feature sent twice', () => {
    expect(checkEntries(def, [{ code: '9.9.9', rating: 3 }]).map((e) => e.field)).toEqual(['features.0.code']);
    expect(checkEntries(def, [{ code: '1.1.1', rating: 3 }, { code: '1.1.1', rating: 4 }]).map((e) => e.field)).toEqual(['features.1.code']);
  });

  it('maps a score onto 0–100 % of the scale', () => {
    expect(scorePercent(def.ratingScale, 1)).toBe(0);
    expect(scorePercent(def.ratingScale, 5)).toBe(100);
    expect(scorePercent(def.ratingScale, 3.5)).toBe(63);
    expect(scorePercent(def.ratingScale, null)).toBeNull();
  });
});

describe('completeness and scores', () => {
  it('a feature is complete with a rating, a narrative and evidence — or, when mapped to indicators, their figures', () => {
    const [a, b] = areaProgress(def, entries(['1.1.1', 4, 'Đạt chuẩn'], ['1.1.2', 2, 'Có biên bản'], ['2.1.1', 5, null]), new Map());
    // 1.1.1 is backed by its indicator; 1.1.2 has no evidence yet; 2.1.1 has no narrative.
    expect(a).toMatchObject({ features: 2, rated: 2, narrated: 2, complete: 1, percent: 50, score: 3 });
    expect(b).toMatchObject({ features: 1, rated: 1, narrated: 0, complete: 0, percent: 0, score: 5 });
    const [a2] = areaProgress(def, entries(['1.1.1', 4, 'x'], ['1.1.2', 2, 'y']), new Map([['1.1.2', 1]]));
    expect(a2).toMatchObject({ complete: 2, percent: 100, withEvidence: 1 });
  });

  it('a blank narrative does not count; an unrated feature does not score', () => {
    const [a] = areaProgress(def, entries(['1.1.1', null, 'chỉ thuyết minh'], ['1.1.2', 3, '   ']), new Map([['1.1.2', 2]]));
    expect(a).toMatchObject({ rated: 1, narrated: 1, complete: 0, score: 3 });
  });

  it('the overall score averages the areas that have one, each area weighing the same', () => {
    const areas = areaProgress(def, entries(['1.1.1', 5, 'x'], ['1.1.2', 4, 'x'], ['2.1.1', 2, 'x']), new Map());
    // Area means 4.5 and 2 → 3.25 → 3.3 (not the feature mean 3.7).
    expect(overall(areas)).toMatchObject({ score: 3.3, features: 3, rated: 3 });
    expect(overall(areaProgress(def, new Map(), new Map()))).toMatchObject({ score: null, percent: 0, rated: 0 });
    expect(overall(areaProgress(def, entries(['2.1.1', 4, null]), new Map())).score).toBe(4);
  });

  it('submitting needs every feature rated and names the ones missing', () => {
    expect(submitProblems(def, entries(['1.1.1', 4, null], ['1.1.2', 1, null], ['2.1.1', 2, null]))).toEqual([]);
    expect(submitProblems(def, entries(['1.1.1', 4, null], ['1.1.2', null, 'x'])).map((e) => e.field)).toEqual(['features.1.1.2', 'features.2.1.1']);
  });
});

describe('workflow', () => {
  it('the city edits and submits a draft or a returned year; the department returns (with a comment) or accepts a submitted one', () => {
    expect(transition('draft', 'save')).toEqual({ ok: true, to: 'draft' });
    expect(transition('draft', 'submit')).toEqual({ ok: true, to: 'submitted' });
    expect(transition('returned', 'submit')).toEqual({ ok: true, to: 'submitted' });
    expect(transition('submitted', 'accept')).toEqual({ ok: true, to: 'accepted' });
    expect(transition('submitted', 'return', 'Bổ sung minh chứng')).toEqual({ ok: true, to: 'returned' });
  });

  it('refuses submitting twice, editing after submission, a return without comment, anything after acceptance', () => {
    expect(transition('submitted', 'submit')).toMatchObject({ ok: false, code: 'learning_city.under_review' });
    expect(transition('submitted', 'save')).toMatchObject({ ok: false, code: 'learning_city.under_review' });
    expect(transition('submitted', 'return', '  ')).toMatchObject({ ok: false, code: 'learning_city.comment_required' });
    expect(transition('draft', 'accept')).toMatchObject({ ok: false, code: 'learning_city.not_submitted' });
    expect(transition('accepted', 'save')).toMatchObject({ ok: false, code: 'learning_city.locked' });
    expect(transition('accepted', 'return', 'x')).toMatchObject({ ok: false, code: 'learning_city.locked' });
  });
});
