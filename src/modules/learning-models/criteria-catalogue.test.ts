import { describe, expect, it } from 'vitest';
import { indicatorsOf, maxTotal, MODEL_TYPES } from './criteria.ts';
import { readCriteriaFiles } from './criteria-catalogue.ts';

const sets = await readCriteriaFiles();
const byType = (t: string) => sets.find((s) => s.definition.modelType === t)!.definition;

describe('shipped criteria sets (data/criteria)', () => {
  it('cover the six model types', () => {
    expect(new Set(sets.map((s) => s.definition.modelType))).toEqual(new Set(MODEL_TYPES));
  });

  it('learning citizen: three target groups of 10 indicators × 10 points; pass 80, 70 in difficult areas, none below 5', () => {
    const d = byType('learning_citizen');
    expect(d.targetGroups!.map((g) => g.code)).toEqual(['nong_dan', 'cong_nhan', 'can_bo']);
    for (const g of d.targetGroups!) {
      expect(indicatorsOf(d, g.code).map((i) => i.maxPoints)).toEqual(Array(10).fill(10));
    }
    expect(d.passRule).toMatchObject({ kind: 'points', minTotal: 80, minTotalDifficultArea: 70, minEachIndicator: 5 });
  });

  it('learning unit (TT 22/2020): groups of 30/30/40 points and bands Tốt 85, Khá 70, Trung bình 50', () => {
    const d = byType('learning_unit');
    expect(d.groups.map((g) => g.maxPoints)).toEqual([30, 30, 40]);
    expect(maxTotal(d)).toBe(100);
    expect(d.passRule).toMatchObject({ kind: 'bands', bands: [{ level: 'tot', min: 85 }, { level: 'kha', min: 70 }, { level: 'trung_binh', min: 50 }] });
  });

  it('commune learning community (TT 25/2023): five criteria, two levels, pass/fail targets', () => {
    const d = byType('learning_community_commune');
    expect(d.groups).toHaveLength(5);
    expect(d.passRule).toMatchObject({ kind: 'levels', levels: [{ level: 'muc_do_1' }, { level: 'muc_do_2' }] });
    expect(d.effectiveFrom).toBe('2024-02-12');
  });

  it('every placeholder indicator is marked inferred', () => {
    const placeholders = sets.flatMap((s) => s.definition.groups.flatMap((g) => g.indicators)).filter((i) => i.name.startsWith('[Chưa có văn bản]'));
    expect(placeholders.length).toBeGreaterThan(0);
    expect(placeholders.filter((i) => i.mark !== 'I')).toEqual([]);
  });
});
