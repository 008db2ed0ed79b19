import type { Aggregation, Computed, StandardName } from './model.ts';

/** What the roll-up needs to know about an indicator. */
export interface IndicatorRule {
  aggregation: Aggregation;
  factor: number;
  computed: Computed | null;
}

export interface IndicatorValue {
  value: number | null;
  numerator: number | null;
  denominator: number | null;
}

/**
 * An indicator over sums of the units below: a ratio is the ratio of the sums (never an average of the
 * children's percentages, which would weigh a commune of 2,000 people like one of 60,000).
 */
export function fromSums(rule: IndicatorRule, numerator: number | null, denominator: number | null): IndicatorValue {
  if (rule.aggregation === 'sum') return { value: numerator, numerator, denominator: null };
  if (numerator === null || denominator === null || denominator === 0) return { value: null, numerator, denominator };
  return { value: (numerator / denominator) * rule.factor, numerator, denominator };
}

/** A child unit as the share rule sees it: its standard levels (if computed) and its numerator total. */
export interface ChildFacts {
  levels: Partial<Record<StandardName, number>> | null;
  value: number | null;
}

/** Whether one child unit meets the condition of a share indicator; a child without a result does not. */
export function meets(computed: Computed, child: ChildFacts): boolean {
  if (computed.kind === 'standard') return (child.levels?.[computed.standard] ?? 0) >= computed.level;
  return computed.kind === 'dataElement' && child.value !== null && child.value >= computed.threshold;
}

/** "% of districts at literacy level 2": the share of the unit's children meeting the condition. */
export function shareOf(computed: Computed, children: readonly ChildFacts[]): IndicatorValue & { missing: number } {
  const numerator = children.filter((c) => meets(computed, c)).length;
  const missing = children.filter((c) => (computed.kind === 'standard' ? c.levels === null : c.value === null)).length;
  // No child has a result (e.g. no PCGD–XMC register entered yet): that is "no data", not 0 %.
  if (children.length === 0 || missing === children.length) return { value: null, numerator, denominator: children.length, missing };
  return { value: (numerator / children.length) * 100, numerator, denominator: children.length, missing };
}

/** The unit's own level of a standard (the target "the province reaches literacy level 2"). */
export function levelOf(computed: Computed, levels: Partial<Record<StandardName, number>> | null): IndicatorValue {
  if (computed.kind !== 'standard' || !levels) return { value: null, numerator: null, denominator: null };
  const value = levels[computed.standard] ?? null;
  return { value, numerator: null, denominator: null };
}

/** Whether a value reaches a target under its comparator. */
export function reaches(value: number, target: number, comparator: '>=' | '<=' | '='): boolean {
  const eps = 1e-9;
  if (comparator === '>=') return value >= target - eps;
  if (comparator === '<=') return value <= target + eps;
  return Math.abs(value - target) <= eps;
}
