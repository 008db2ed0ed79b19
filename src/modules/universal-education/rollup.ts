import { STANDARD_NAMES, type AreaThreshold, type RuleSet, type StandardName } from './rule-set.ts';
import type { CommuneResult, Condition, Levels } from './standards.ts';
import { fillText, meetsAtLeast, type Rate } from './thresholds.ts';

/**
 * District and province standards (Nghị định 20/2014 Điều 6, 9–11, 14–16, 20–21): a district reaches level L of a
 * standard when the share of its communes at level ≥ L meets the district threshold; a province likewise over its
 * districts. After the 2025 reform a province has communes and no district: the shares are reported, the level is not.
 */

export interface AreaResult {
  code: string;
  /** null: the rule is not defined (a province after the 2025 reform, without districts) */
  levels: Levels | null;
  /** for each standard and level L ≥ 1: (member units at level ≥ L, member units) */
  shares: Record<keyof Levels, Record<number, Rate>>;
  conditions: Condition[];
  note?: string;
}

type Tier = 'district' | 'province';

function sharesOf(members: readonly Levels[], rules: RuleSet): Record<StandardName, Record<number, Rate>> {
  return Object.fromEntries(STANDARD_NAMES.map((s) => [s, Object.fromEntries(rules.standards[s].levels.map((lv) => [
    lv.level, { num: members.filter((m) => m[s] >= lv.level).length, den: members.length },
  ]))])) as Record<StandardName, Record<number, Rate>>;
}

function evaluateArea(code: string, members: readonly Levels[], tier: Tier, rules: RuleSet): AreaResult {
  const shares = sharesOf(members, rules);
  const emptyMeets = rules.conventions.emptyAreaMeets.value;
  const levels: Record<StandardName, number> = { preschool5: 0, primary: 0, lowerSecondary: 0, literacy: 0 };
  const conditions: Condition[] = [];
  for (const s of STANDARD_NAMES) {
    // Levels build on each other: a level counts only when every lower level is reached too.
    let chain = true;
    for (const lv of rules.standards[s].levels) {
      const t: AreaThreshold = lv[tier];
      const rate = shares[s][lv.level]!;
      const met = meetsAtLeast(rate, t.atLeast, emptyMeets);
      conditions.push({ standard: s, level: lv.level, rule: t.rule, text: fillText(t.text, { threshold: t.atLeast }), rate, threshold: t.atLeast, met, source: t.source, verified: t.verified });
      chain &&= met;
      if (chain) levels[s] = lv.level;
    }
  }
  return { code, levels: levels as unknown as Levels, shares, conditions };
}

/** A district from the results of its communes. */
export function evaluateDistrict(code: string, communes: readonly CommuneResult[], rules: RuleSet): AreaResult {
  return evaluateArea(code, communes.map((c) => c.levels), 'district', rules);
}

/**
 * A province from its districts; or, after the 2025 reform, from its communes — then the share of communes at each
 * level is reported and the level is null, with the rule set's note.
 */
export function evaluateProvince(
  code: string,
  children: { districts: readonly AreaResult[] } | { communes: readonly CommuneResult[] },
  rules: RuleSet,
): AreaResult {
  if ('communes' in children) {
    return { code, levels: null, shares: sharesOf(children.communes.map((c) => c.levels), rules), conditions: [], note: rules.provinceWithoutDistricts.note };
  }
  const undefinedDistrict = children.districts.find((d) => d.levels === null);
  if (undefinedDistrict) throw new Error(`province ${code}: district ${undefinedDistrict.code} has no levels`);
  return evaluateArea(code, children.districts.map((d) => d.levels!), 'province', rules);
}
