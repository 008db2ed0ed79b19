import { problem } from '../../http/problem.ts';
import { indicatorsOf, type CriteriaSetDefinition, type Indicator } from './criteria.ts';

/**
 * Scoring against a criteria set: pure, nothing stored. The thresholds come from the set's pass rule (data with its
 * source and mark), never from this file.
 */

export interface EvaluationInput {
  /** Points per indicator code (points sets) or met/not met (pass/fail sets). */
  scores: Record<string, number | boolean>;
  /** Remote, especially difficult or ethnic-minority area: the lower threshold of the pass rule applies. */
  difficultArea?: boolean;
  /** Learning citizen: the target group whose indicator list is scored. */
  targetGroup?: string;
}

export interface Reason {
  code: string;
  message: string;
}

export interface Evaluation {
  total: number;
  maxTotal: number;
  passed: boolean;
  /** The level or band reached (e.g. 'tot', 'muc_do_2'); null for a plain pass/fail rule or when nothing is reached. */
  level: string | null;
  levelLabel?: string;
  reasons: Reason[];
}

/** One problem of the input, with the field at fault (`scores.CDHT_1_2`, `targetGroup`). */
export interface InputProblem {
  field: string;
  code: string;
  message: string;
}

export class CriteriaInputError extends Error {
  constructor(readonly problems: InputProblem[]) {
    super(problems.map((p) => `${p.field}: ${p.message}`).join('; '));
  }
}

/**
 * The one answer to bad scores, wherever they are sent (the trial scoring, a self-assessment, a review, the public
 * page): 400 `criteria.invalid_scores`, every field at fault with its path in the request (`body.scores.CDHT_1_1`).
 */
export const invalidScores = (e: CriteriaInputError) =>
  problem(400, 'criteria.invalid_scores', 'Điểm chấm không hợp lệ; xem từng trường bị lỗi', {
    errors: e.problems.map((p) => ({ field: `body.${p.field}`, code: p.code, message: p.message })),
  });

type Definition = Pick<CriteriaSetDefinition, 'groups' | 'passRule' | 'targetGroups'>;

/** Every problem of the input at once: unknown or missing indicators, points out of range, wrong target group. */
export function checkInput(set: Definition, input: EvaluationInput): InputProblem[] {
  const problems: InputProblem[] = [];
  const groups = set.targetGroups?.map((g) => g.code);
  if (groups && !input.targetGroup) {
    problems.push({ field: 'targetGroup', code: 'criteria.target_group_required', message: `Cần chọn nhóm đối tượng (${groups.join(', ')})` });
  } else if (input.targetGroup !== undefined && !groups?.includes(input.targetGroup)) {
    problems.push({
      field: 'targetGroup', code: 'criteria.target_group_unknown',
      message: groups ? `Nhóm đối tượng ${input.targetGroup} không có trong bộ tiêu chí (${groups.join(', ')})` : 'Bộ tiêu chí này không chia nhóm đối tượng',
    });
  }
  if (problems.length) return problems; // which indicators apply depends on the group

  const wanted = indicatorsOf(set, input.targetGroup);
  const byCode = new Map(wanted.map((i) => [i.code, i]));
  const all = new Set(set.groups.flatMap((g) => g.indicators.map((i) => i.code)));
  const pointsSet = set.passRule.kind !== 'levels';
  for (const [code, value] of Object.entries(input.scores)) {
    const field = `scores.${code}`;
    const ind = byCode.get(code);
    if (!ind) {
      problems.push(all.has(code)
        ? { field, code: 'criteria.indicator_not_applicable', message: `Chỉ số ${code} không áp dụng cho nhóm đối tượng ${input.targetGroup}` }
        : { field, code: 'criteria.indicator_unknown', message: `Bộ tiêu chí không có chỉ số ${code}` });
    } else if (pointsSet) {
      if (typeof value !== 'number' || !Number.isFinite(value)) problems.push({ field, code: 'criteria.score_not_number', message: `Chỉ số ${code}: điểm phải là một số` });
      else if (value < 0) problems.push({ field, code: 'criteria.score_negative', message: `Chỉ số ${code}: điểm không được âm` });
      else if (value > ind.maxPoints!) problems.push({ field, code: 'criteria.score_above_max', message: `Chỉ số ${code}: ${value} điểm vượt điểm tối đa ${ind.maxPoints}` });
    } else if (typeof value !== 'boolean') {
      problems.push({ field, code: 'criteria.target_not_boolean', message: `Chỉ tiêu ${code}: ghi đạt (true) hoặc không đạt (false)` });
    }
  }
  for (const ind of wanted) {
    if (!(ind.code in input.scores)) {
      problems.push({ field: `scores.${ind.code}`, code: 'criteria.indicator_missing', message: `Thiếu ${pointsSet ? 'điểm chỉ số' : 'kết quả chỉ tiêu'} ${ind.code}` });
    }
  }
  return problems;
}

/** Scores the input against the set; throws CriteriaInputError listing every input problem. */
export function evaluate(set: Definition, input: EvaluationInput): Evaluation {
  const problems = checkInput(set, input);
  if (problems.length) throw new CriteriaInputError(problems);
  const indicators = indicatorsOf(set, input.targetGroup);
  const rule = set.passRule;
  if (rule.kind === 'levels') return evaluateLevels(rule, indicators, input.scores);

  const points = (i: Indicator) => input.scores[i.code] as number;
  // Rounded so that decimal scores (7.1 + 7.2 …) do not drift across a threshold in binary floating point.
  const total = Math.round(indicators.reduce((s, i) => s + points(i), 0) * 1e6) / 1e6;
  const maxTotal = indicators.reduce((s, i) => s + i.maxPoints!, 0);
  const reasons: Reason[] = [];

  if (rule.kind === 'bands') {
    const band = rule.bands.find((b) => total >= b.min);
    if (!band) {
      const lowest = rule.bands[rule.bands.length - 1]!;
      reasons.push({ code: 'criteria.below_lowest_band', message: `Tổng ${fmt(total)} điểm, dưới mức ${lowest.label} (từ ${fmt(lowest.min)} điểm)` });
      return { total, maxTotal, passed: false, level: null, reasons };
    }
    reasons.push({ code: 'criteria.band_reached', message: `Tổng ${fmt(total)} điểm: xếp loại ${band.label} (từ ${fmt(band.min)} điểm)` });
    return { total, maxTotal, passed: true, level: band.level, levelLabel: band.label, reasons };
  }

  const minTotal = input.difficultArea && rule.minTotalDifficultArea !== undefined ? rule.minTotalDifficultArea : rule.minTotal;
  if (total < minTotal) {
    reasons.push({
      code: 'criteria.below_min_total',
      message: `Tổng ${fmt(total)} điểm, chưa đạt mức ${fmt(minTotal)} điểm${minTotal !== rule.minTotal ? ' (vùng khó khăn)' : ''}`,
    });
  }
  if (rule.minEachIndicator !== undefined) {
    for (const i of indicators) {
      if (points(i) < rule.minEachIndicator) {
        reasons.push({ code: 'criteria.indicator_below_min', message: `Chỉ số ${i.code} đạt ${fmt(points(i))} điểm, dưới mức tối thiểu ${fmt(rule.minEachIndicator)} điểm` });
      }
    }
  }
  const passed = reasons.length === 0;
  if (passed) reasons.push({ code: 'criteria.passed', message: `Tổng ${fmt(total)}/${fmt(maxTotal)} điểm, đạt mức ${fmt(minTotal)} điểm${rule.minEachIndicator !== undefined ? `, không chỉ số nào dưới ${fmt(rule.minEachIndicator)} điểm` : ''}` });
  return { total, maxTotal, passed, level: null, reasons };
}

function evaluateLevels(rule: Extract<Definition['passRule'], { kind: 'levels' }>, indicators: Indicator[], scores: EvaluationInput['scores']): Evaluation {
  const met = indicators.filter((i) => scores[i.code] === true);
  const reasons: Reason[] = [];
  let reached: (typeof rule.levels)[number] | undefined;
  // Levels are listed from lowest to highest; a level counts only when the ones below it are reached too.
  for (const level of rule.levels) {
    const missing = indicators.filter((i) => i.levels!.includes(level.level) && scores[i.code] !== true);
    if (missing.length) {
      reasons.push({ code: 'criteria.level_not_reached', message: `Chưa đạt ${level.label}: chưa đạt chỉ tiêu ${missing.map((i) => i.code).join(', ')}` });
      break;
    }
    reached = level;
  }
  if (reached) reasons.unshift({ code: 'criteria.level_reached', message: `Đạt ${reached.label}: đạt mọi chỉ tiêu của mức này` });
  return { total: met.length, maxTotal: indicators.length, passed: reached !== undefined, level: reached?.level ?? null, ...(reached ? { levelLabel: reached.label } : {}), reasons };
}

const fmt = (n: number) => n.toLocaleString('vi-VN', { maximumFractionDigits: 2 });
