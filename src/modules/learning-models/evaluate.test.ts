import { describe, expect, it } from 'vitest';
import { CriteriaSetDefinition } from './criteria.ts';
import { checkInput, CriteriaInputError, evaluate, type EvaluationInput } from './evaluate.ts';

const base = { source: { document: 'Văn bản thử', mark: 'V' }, effectiveFrom: '2024-01-01' } as const;

/** Learning citizen shape: 10 indicators × 10 points; ≥ 80 (≥ 70 in difficult areas), no indicator below 5. */
const citizen = CriteriaSetDefinition.parse({
  ...base, modelType: 'learning_citizen', code: 'cdht-thu', name: 'Công dân học tập (thử)',
  targetGroups: [{ code: 'nong_dan', name: 'Nông dân', mark: 'V' }, { code: 'can_bo', name: 'Cán bộ', mark: 'V' }],
  groups: [
    { code: 'g1', name: 'Tự học', maxPoints: 40, mark: 'V', indicators: [1, 2, 3, 4].map((n) => ({ code: `C_1_${n}`, name: `Chỉ số 1.${n}`, maxPoints: 10, mark: 'V' })) },
    { code: 'g2', name: 'Công cụ', maxPoints: 40, mark: 'V', indicators: [
      ...[1, 2, 3].map((n) => ({ code: `C_2_${n}`, name: `Chỉ số 2.${n}`, maxPoints: 10, mark: 'V' })),
      // The fourth indicator differs by target group: each group still has 10 indicators.
      { code: 'C_2_4_ND', name: 'Chỉ số 2.4 (nông dân)', maxPoints: 10, mark: 'V', targetGroups: ['nong_dan'] },
      { code: 'C_2_4_CB', name: 'Chỉ số 2.4 (cán bộ)', maxPoints: 10, mark: 'V', targetGroups: ['can_bo'] },
    ] },
    { code: 'g3', name: 'Quan hệ', maxPoints: 20, mark: 'V', indicators: [1, 2].map((n) => ({ code: `C_3_${n}`, name: `Chỉ số 3.${n}`, maxPoints: 10, mark: 'V' })) },
  ],
  passRule: { kind: 'points', minTotal: 80, minTotalDifficultArea: 70, minEachIndicator: 5, mark: 'V' },
});
const CITIZEN_CODES = ['C_1_1', 'C_1_2', 'C_1_3', 'C_1_4', 'C_2_1', 'C_2_2', 'C_2_3', 'C_2_4_ND', 'C_3_1', 'C_3_2'];

/** Scores for the farmers' list reaching `total` (whole points spread over the ten, first indicators first). */
function citizenScores(total: number, overrides: Record<string, number> = {}): EvaluationInput {
  const scores: Record<string, number> = {};
  CITIZEN_CODES.forEach((c, i) => { scores[c] = Math.floor(total / 10) + (i < total % 10 ? 1 : 0); });
  return { targetGroup: 'nong_dan', scores: { ...scores, ...overrides } };
}

/** Learning unit shape (TT 22/2020): groups of 30/30/40 points; Tốt ≥ 85, Khá ≥ 70, Trung bình ≥ 50. */
const unit = CriteriaSetDefinition.parse({
  ...base, modelType: 'learning_unit', code: 'dvht-thu', name: 'Đơn vị học tập (thử)',
  groups: [
    { code: 'g1', name: 'Điều kiện', maxPoints: 30, mark: 'V', indicators: [{ code: 'U_1', name: 'Điều kiện', maxPoints: 30, mark: 'V' }] },
    { code: 'g2', name: 'Kết quả', maxPoints: 30, mark: 'V', indicators: [{ code: 'U_2', name: 'Kết quả', maxPoints: 30, mark: 'V' }] },
    { code: 'g3', name: 'Hiệu quả', maxPoints: 40, mark: 'V', indicators: [{ code: 'U_3', name: 'Hiệu quả', maxPoints: 40, mark: 'V' }] },
  ],
  passRule: { kind: 'bands', mark: 'V', bands: [{ level: 'tot', label: 'Tốt', min: 85 }, { level: 'kha', label: 'Khá', min: 70 }, { level: 'trung_binh', label: 'Trung bình', min: 50 }] },
});
const unitScores = (u1: number, u2: number, u3: number) => ({ scores: { U_1: u1, U_2: u2, U_3: u3 } });

/** Commune community shape (TT 25/2023): two levels, pass/fail on every target of the level. */
const commune = CriteriaSetDefinition.parse({
  ...base, modelType: 'learning_community_commune', code: 'cdx-thu', name: 'Cộng đồng học tập cấp xã (thử)',
  groups: [
    { code: 'g1', name: 'Lãnh đạo', mark: 'V', indicators: [{ code: 'X_1', name: 'Kế hoạch', levels: ['m1', 'm2'], mark: 'V' }] },
    { code: 'g4', name: 'PCGD', mark: 'V', indicators: [
      { code: 'X_4', name: 'PCGD mức 1', levels: ['m1'], mark: 'V' },
      { code: 'X_4_M2', name: 'PCGD mức 2', levels: ['m2'], mark: 'V' },
    ] },
    { code: 'g5', name: 'Tác dụng', mark: 'V', indicators: [{ code: 'X_5_M2', name: 'Tác dụng mức 2', levels: ['m2'], mark: 'V' }] },
  ],
  passRule: { kind: 'levels', mark: 'V', levels: [{ level: 'm1', label: 'Mức độ 1' }, { level: 'm2', label: 'Mức độ 2' }] },
});
const communeScores = (x: Partial<Record<'X_1' | 'X_4' | 'X_4_M2' | 'X_5_M2', boolean>>) => ({ scores: { X_1: true, X_4: true, X_4_M2: true, X_5_M2: true, ...x } });

describe('learning citizen: points with a minimum per indicator', () => {
  it('80 points with every indicator at least 5 passes; 79 does not', () => {
    const at80 = evaluate(citizen, citizenScores(80));
    expect(at80).toMatchObject({ total: 80, maxTotal: 100, passed: true, level: null });
    const at79 = evaluate(citizen, citizenScores(79));
    expect(at79).toMatchObject({ total: 79, passed: false });
    expect(at79.reasons.map((r) => r.code)).toEqual(['criteria.below_min_total']);
  });

  it('in a difficult area 70 passes and 69 does not; outside it 70 fails', () => {
    expect(evaluate(citizen, { ...citizenScores(70), difficultArea: true }).passed).toBe(true);
    expect(evaluate(citizen, { ...citizenScores(69), difficultArea: true }).passed).toBe(false);
    expect(evaluate(citizen, { ...citizenScores(70), difficultArea: false }).passed).toBe(false);
  });

  it('an indicator at 4 with a total of 90 fails; at 5 with the same total it passes', () => {
    const tens = Object.fromEntries(CITIZEN_CODES.map((c) => [c, 10]));
    const at4 = evaluate(citizen, { targetGroup: 'nong_dan', scores: { ...tens, C_2_2: 4, C_3_1: 6 } });
    expect(at4).toMatchObject({ total: 90, passed: false });
    expect(at4.reasons).toEqual([{ code: 'criteria.indicator_below_min', message: expect.stringContaining('C_2_2') }]);
    expect(evaluate(citizen, { targetGroup: 'nong_dan', scores: { ...tens, C_2_2: 5, C_3_1: 5 } })).toMatchObject({ total: 90, passed: true });
  });

  it('in a difficult area the minimum per indicator still applies', () => {
    expect(evaluate(citizen, { ...citizenScores(75, { C_1_1: 4, C_1_2: 9 }), difficultArea: true }).passed).toBe(false);
  });

  it('decimal scores do not drift across the threshold', () => {
    const scores = Object.fromEntries(CITIZEN_CODES.map((c) => [c, 8]));
    Object.assign(scores, { C_1_1: 8.1, C_1_2: 7.9, C_1_3: 8.2, C_1_4: 7.8 });
    expect(evaluate(citizen, { targetGroup: 'nong_dan', scores })).toMatchObject({ total: 80, passed: true });
  });

  it('each target group is scored on its own list', () => {
    const cb = Object.fromEntries(CITIZEN_CODES.map((c) => [c === 'C_2_4_ND' ? 'C_2_4_CB' : c, 8]));
    expect(evaluate(citizen, { targetGroup: 'can_bo', scores: cb })).toMatchObject({ total: 80, maxTotal: 100, passed: true });
  });
});

describe('input problems are all reported with the field at fault', () => {
  it('above maximum, negative, unknown, missing and not-applicable indicators in one error', () => {
    const { scores } = citizenScores(80);
    const bad = { ...scores, C_1_1: 11, C_1_2: -1, NOPE: 3, C_2_4_CB: 5 } as Record<string, number>;
    delete bad.C_3_2;
    let error: unknown;
    try { evaluate(citizen, { targetGroup: 'nong_dan', scores: bad }); } catch (e) { error = e; }
    expect(error).toBeInstanceOf(CriteriaInputError);
    expect((error as CriteriaInputError).problems.map((p) => [p.field, p.code])).toEqual([
      ['scores.C_1_1', 'criteria.score_above_max'],
      ['scores.C_1_2', 'criteria.score_negative'],
      ['scores.NOPE', 'criteria.indicator_unknown'],
      ['scores.C_2_4_CB', 'criteria.indicator_not_applicable'],
      ['scores.C_3_2', 'criteria.indicator_missing'],
    ]);
  });

  it('exactly the maximum and exactly 0 are accepted', () => {
    expect(checkInput(citizen, citizenScores(100, { C_1_1: 0 }))).toEqual([]);
  });

  it('a set with target groups needs a known one; a set without refuses one', () => {
    expect(checkInput(citizen, { scores: {} }).map((p) => [p.field, p.code])).toEqual([['targetGroup', 'criteria.target_group_required']]);
    expect(checkInput(citizen, { scores: {}, targetGroup: 'hoc_sinh' }).map((p) => p.code)).toEqual(['criteria.target_group_unknown']);
    expect(checkInput(unit, { ...unitScores(30, 30, 40), targetGroup: 'nong_dan' }).map((p) => p.code)).toEqual(['criteria.target_group_unknown']);
  });

  it('points sets take numbers, pass/fail sets take true or false', () => {
    expect(checkInput(unit, { scores: { U_1: true, U_2: 30, U_3: 40 } }).map((p) => p.code)).toEqual(['criteria.score_not_number']);
    expect(checkInput(commune, { scores: { X_1: 1, X_4: true, X_4_M2: true, X_5_M2: false } }).map((p) => [p.field, p.code])).toEqual([['scores.X_1', 'criteria.target_not_boolean']]);
  });
});

describe('learning unit: classification bands', () => {
  it.each([
    [30, 30, 40, 'tot', 'Tốt'],
    [25, 20, 40, 'tot', 'Tốt'], // exactly 85
    [25, 19.99, 40, 'kha', 'Khá'], // 84.99
    [20, 10, 40, 'kha', 'Khá'], // exactly 70
    [20, 9.99, 40, 'trung_binh', 'Trung bình'], // 69.99
    [10, 0, 40, 'trung_binh', 'Trung bình'], // exactly 50
  ] as const)('%d + %d + %d → %s', (a, b, c, level, label) => {
    const r = evaluate(unit, unitScores(a, b, c));
    expect(r).toMatchObject({ passed: true, level, levelLabel: label, maxTotal: 100 });
  });

  it('49.99 reaches no band and is not passed', () => {
    const r = evaluate(unit, unitScores(9.99, 0, 40));
    expect(r).toMatchObject({ total: 49.99, passed: false, level: null });
    expect(r.reasons[0]!.code).toBe('criteria.below_lowest_band');
  });
});

describe('commune learning community: levels with pass/fail targets', () => {
  it('every target met reaches level 2', () => {
    expect(evaluate(commune, communeScores({}))).toMatchObject({ passed: true, level: 'm2', levelLabel: 'Mức độ 2', total: 4, maxTotal: 4 });
  });

  it('level 2 requires every level-2 target: one missing leaves level 1', () => {
    const r = evaluate(commune, communeScores({ X_5_M2: false }));
    expect(r).toMatchObject({ passed: true, level: 'm1', levelLabel: 'Mức độ 1' });
    expect(r.reasons.map((x) => x.code)).toEqual(['criteria.level_reached', 'criteria.level_not_reached']);
    expect(r.reasons[1]!.message).toContain('X_5_M2');
  });

  it('a target shared by both levels missing reaches no level', () => {
    expect(evaluate(commune, communeScores({ X_1: false }))).toMatchObject({ passed: false, level: null });
  });

  it('level-2 targets met without the level-1 ones do not count', () => {
    expect(evaluate(commune, communeScores({ X_4: false }))).toMatchObject({ passed: false, level: null });
  });
});

describe('the definition schema', () => {
  it('refuses a group whose indicators do not add up to its maximum, duplicated codes and bands out of order', () => {
    const r = CriteriaSetDefinition.safeParse({
      ...base, modelType: 'learning_unit', code: 'x-1', name: 'Sai',
      groups: [{ code: 'g', name: 'Nhóm', maxPoints: 30, mark: 'V', indicators: [
        { code: 'A_1', name: 'A', maxPoints: 10, mark: 'V' }, { code: 'A_1', name: 'B', maxPoints: 10, mark: 'V' },
      ] }],
      passRule: { kind: 'bands', mark: 'V', bands: [{ level: 'kha', label: 'Khá', min: 10 }, { level: 'tot', label: 'Tốt', min: 15 }] },
    });
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => i.path.join('.'))).toEqual(['groups.0.indicators.1.code', 'groups.0.maxPoints', 'passRule.bands']);
  });

  it('refuses points on a pass/fail set and a level the rule does not define', () => {
    const r = CriteriaSetDefinition.safeParse({
      ...base, modelType: 'learning_community_commune', code: 'x-2', name: 'Sai',
      groups: [{ code: 'g', name: 'Nhóm', mark: 'V', indicators: [{ code: 'A_1', name: 'A', maxPoints: 10, levels: ['m3'], mark: 'V' }] }],
      passRule: { kind: 'levels', mark: 'V', levels: [{ level: 'm1', label: 'Mức độ 1' }] },
    });
    expect(r.error!.issues.map((i) => i.path.join('.'))).toEqual(['groups.0.indicators.0.maxPoints', 'groups.0.indicators.0.levels']);
  });
});
