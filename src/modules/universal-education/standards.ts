import { checkCells, communeRates, remaining11Rate, bandOf } from './rates.ts';
import { STANDARD_NAMES, standardOrder, type CommuneCondition, type Enrolled, type RateName, type RuleSet, type StandardName, type Verification } from './rule-set.ts';
import { fillText, meetsAtLeast, weakest, type Rate } from './thresholds.ts';

/**
 * The commune standards of universal education (PCGD) and literacy (XMC), Nghị định 20/2014/NĐ-CP Điều 6, 9–11,
 * 14–16, 19–21, as specified in ../shared/domain/standards-spec.md. Pure: the numbers come from the rule set.
 */

export type { Enrolled, RateName, Rate };
export { evaluateDistrict, evaluateProvince, type AreaResult } from './rollup.ts';

/**
 * Counted people (present, and not "cannot learn") of one commune and survey, grouped by the attributes the rules
 * read. The counting filter is applied before the engine (rule set `conventions.counted`).
 */
export interface CohortCell {
  birthYear: number; highestGrade: number; literacyStage: 0 | 1 | 2; enrolled: Enrolled;
  diploma: boolean; preschoolCompleted: boolean; count: number;
}
export interface CommuneCohorts { code: string; especiallyDifficult: boolean; cells: readonly CohortCell[] }
export interface Levels { preschool5: 0 | 1; primary: 0 | 1 | 2 | 3; lowerSecondary: 0 | 1 | 2 | 3; literacy: 0 | 1 | 2 }

export interface Condition {
  standard: keyof Levels;
  level: number;
  /** rule id of the rule set */
  rule: string;
  /** Vietnamese, thresholds filled in, e.g. "Trẻ em 5 tuổi đi học ≥ 95%" */
  text: string;
  rate?: Rate;
  threshold?: number;
  met: boolean;
  source: string;
  verified: Verification;
}

export interface CommuneResult {
  code: string;
  levels: Levels;
  rates: Record<RateName, Rate>;
  /** every condition evaluated, so that a person can check the decision by hand */
  conditions: Condition[];
  /** counted 11-year-olds without primary completed and not enrolled in primary */
  unmet11: number;
}

export const NO_LEVELS: Levels = { preschool5: 0, primary: 0, lowerSecondary: 0, literacy: 0 };

/** Evaluates every commune condition of every level; a standard's level is the highest level whose conditions all hold. */
export function evaluateCommune(c: CommuneCohorts, year: number, rules: RuleSet): CommuneResult {
  checkCells(c);
  const rates = communeRates(c, year, rules);
  const remaining = remaining11Rate(c, year, rules);
  const emptyMeets = rules.conventions.emptyCohortMeets.value;
  const levels: Record<StandardName, number> = { ...NO_LEVELS };
  const conditions: Condition[] = [];

  for (const standard of standardOrder(rules)) {
    let reached = 0;
    for (const lv of rules.standards[standard].levels) {
      let all = true;
      for (const rule of lv.commune) {
        const levelOf = (s: StandardName) => (s === standard ? reached : levels[s]);
        const condition = evaluateCondition(rule, { standard, level: lv.level, commune: c, rates, remaining, levelOf, emptyMeets, rules });
        conditions.push(condition);
        all &&= condition.met;
      }
      if (all) reached = lv.level;
    }
    levels[standard] = reached;
  }

  const position = (s: StandardName) => STANDARD_NAMES.indexOf(s);
  conditions.sort((a, b) => position(a.standard) - position(b.standard) || a.level - b.level);
  return { code: c.code, levels: levels as unknown as Levels, rates, conditions, unmet11: remaining.den - remaining.num };
}

interface ConditionContext {
  standard: StandardName; level: number; commune: CommuneCohorts; rates: Record<RateName, Rate>; remaining: Rate;
  levelOf: (s: StandardName) => number; emptyMeets: boolean; rules: RuleSet;
}

function evaluateCondition(rule: CommuneCondition, ctx: ConditionContext): Condition {
  const base = { standard: ctx.standard, level: ctx.level, rule: rule.rule };
  switch (rule.kind) {
    case 'rate': {
      const def = ctx.rules.rates[rule.rate];
      const threshold = ctx.commune.especiallyDifficult ? rule.atLeastEspeciallyDifficult ?? rule.atLeast : rule.atLeast;
      const rate = ctx.rates[rule.rate];
      const verified = weakest(rule.verified, def.verified);
      // The reading of the age band can be weaker than the threshold (primary level 1: "đến 14 tuổi" [I]).
      const source = verified === rule.verified ? rule.source : `${rule.source}; ${def.source}`;
      return {
        ...base, text: fillText(rule.text, { threshold, ages: bandOf(rule.rate, ctx.commune, ctx.rules) }),
        rate, threshold, met: meetsAtLeast(rate, threshold, ctx.emptyMeets), source, verified,
      };
    }
    case 'remaining11': {
      // Every such child must still be in primary: no threshold to round, and none left over is met even when empty.
      const rate = ctx.remaining;
      return {
        ...base, text: fillText(rule.text, { ages: ctx.rules.remaining11.ages }), rate, threshold: 100,
        met: rate.num === rate.den, source: rule.source, verified: rule.verified,
      };
    }
    case 'level':
      return { ...base, text: rule.text, met: ctx.levelOf(rule.standard) >= rule.minLevel, source: rule.source, verified: rule.verified };
  }
}
