import { parse as parseYaml } from 'yaml';
import { z } from 'zod';

/**
 * The rule set of the universal-education (PCGD) and literacy (XMC) standards as versioned data
 * (data/rules/universal-education/*.yaml). The engine reads every threshold, age band, grade and enrolment set
 * from here; only the shape lives in code. See ../shared/domain/standards-spec.md.
 */

export const ENROLLED = ['none', 'preschool', 'primary', 'lower_secondary', 'upper_secondary', 'continuing_upper', 'vocational', 'higher'] as const;
export type Enrolled = (typeof ENROLLED)[number];

export const RATE_NAMES = [
  'preschool5Attending', 'preschool5Completed', 'grade1At6', 'primaryCompleted11to14', 'primaryCompleted11',
  'lowerSecondaryDiploma15to18', 'upperStudying15to18', 'literate1', 'literate2',
] as const;
export type RateName = (typeof RATE_NAMES)[number];

/** Standards and the highest level each can have (the `Levels` type of standards.ts). */
export const STANDARD_MAX_LEVEL = { preschool5: 1, primary: 3, lowerSecondary: 3, literacy: 2 } as const;
export type StandardName = keyof typeof STANDARD_MAX_LEVEL;
export const STANDARD_NAMES = Object.keys(STANDARD_MAX_LEVEL) as StandardName[];

export const VERIFICATION = ['V', 'P', 'I'] as const;
export type Verification = (typeof VERIFICATION)[number];

const Mark = z.enum(VERIFICATION);
const cited = { source: z.string().min(1), verified: Mark, note: z.string().optional() };
const Percent = z.number().int().min(0).max(100);
const Age = z.number().int().min(0).max(150);
const Band = z.tuple([Age, Age]).refine(([lo, hi]) => lo <= hi, { message: 'age band must be [from, to] with from ≤ to' });
const RuleId = z.string().regex(/^[A-Za-z0-9_.-]+$/, 'rule id: letters, digits, . _ -');
/** A Vietnamese text template; {threshold} and {ages} are filled in for the commune at hand. */
const Text = z.string().min(1);

/** One clause: every field given must hold. */
const Clause = z.strictObject({
  literacyStageAtLeast: z.number().int().min(0).max(2).optional(),
  highestGradeAtLeast: z.number().int().min(0).max(12).optional(),
  enrolledIn: z.array(z.enum(ENROLLED)).min(1).optional(),
  diploma: z.boolean().optional(),
  preschoolCompleted: z.boolean().optional(),
}).refine((c) => Object.values(c).some((v) => v !== undefined), { message: 'a clause needs at least one field' });
export type Clause = z.infer<typeof Clause>;

/** A property of a person: true when any clause holds. */
const Definition = z.strictObject({ text: Text, anyOf: z.array(Clause).min(1), ...cited });
export type Definition = z.infer<typeof Definition>;

const RateDefinition = z.strictObject({
  ages: Band,
  agesEspeciallyDifficult: Band.optional(),
  counts: z.string().min(1), // name of a definition
  ...cited,
});
export type RateDefinition = z.infer<typeof RateDefinition>;

const RateCondition = z.strictObject({
  kind: z.literal('rate'), rule: RuleId, rate: z.enum(RATE_NAMES),
  atLeast: Percent, atLeastEspeciallyDifficult: Percent.optional(), text: Text, ...cited,
});
const LevelCondition = z.strictObject({
  kind: z.literal('level'), rule: RuleId, standard: z.enum(STANDARD_NAMES as [StandardName, ...StandardName[]]),
  minLevel: z.number().int().min(1), text: Text, ...cited,
});
const Remaining11Condition = z.strictObject({ kind: z.literal('remaining11'), rule: RuleId, text: Text, ...cited });
const CommuneCondition = z.discriminatedUnion('kind', [RateCondition, LevelCondition, Remaining11Condition]);
export type CommuneCondition = z.infer<typeof CommuneCondition>;

const AreaThreshold = z.strictObject({ rule: RuleId, atLeast: Percent, text: Text, ...cited });
export type AreaThreshold = z.infer<typeof AreaThreshold>;

const Level = z.strictObject({
  level: z.number().int().min(1),
  commune: z.array(CommuneCondition).min(1),
  district: AreaThreshold,
  province: AreaThreshold,
});
export type LevelRule = z.infer<typeof Level>;

const Standard = z.strictObject({ name: z.string().min(1), levels: z.array(Level).min(1) });

const Convention = <T extends z.ZodType>(value: T) => z.strictObject({ value, ...cited });

const RuleSetSchema = z.strictObject({
  id: z.string().min(1),
  source: z.string().min(1),
  issuedOn: z.iso.date(),
  effectiveFrom: z.iso.date(),
  conventions: z.strictObject({
    /** Age in survey year Y = Y − birth year. The only convention the engine implements. */
    age: Convention(z.literal('calendar_year')),
    /** Applied by whoever builds the cohort cube, before the engine. */
    counted: z.strictObject({ statuses: z.array(z.string().min(1)).min(1), excludedDisabilities: z.array(z.string().min(1)), ...cited }),
    /** Whether a rate with an empty cohort (denominator 0) meets its threshold. */
    emptyCohortMeets: Convention(z.boolean()),
    /** Whether a district / province with no member units meets a share threshold. */
    emptyAreaMeets: Convention(z.boolean()),
  }),
  definitions: z.record(z.string().regex(/^[A-Za-z][A-Za-z0-9]*$/), Definition),
  rates: z.strictObject(Object.fromEntries(RATE_NAMES.map((n) => [n, RateDefinition])) as Record<RateName, typeof RateDefinition>),
  /** Counted people of these ages must satisfy `counts` without exception (primary levels 2 and 3). */
  remaining11: z.strictObject({ ages: Band, counts: z.string().min(1), ...cited }),
  standards: z.strictObject(Object.fromEntries(STANDARD_NAMES.map((n) => [n, Standard])) as Record<StandardName, typeof Standard>),
  /** After the 2025 reform a province has no districts; ND 20/2014 has no rule for it. */
  provinceWithoutDistricts: z.strictObject({ ...cited, note: z.string().min(1) }),
}).superRefine((rs, ctx) => {
  const definitions = new Set(Object.keys(rs.definitions));
  for (const name of RATE_NAMES) {
    if (!definitions.has(rs.rates[name].counts)) {
      ctx.addIssue({ code: 'custom', path: ['rates', name, 'counts'], message: `unknown definition "${rs.rates[name].counts}"` });
    }
  }
  if (!definitions.has(rs.remaining11.counts)) {
    ctx.addIssue({ code: 'custom', path: ['remaining11', 'counts'], message: `unknown definition "${rs.remaining11.counts}"` });
  }
  const ruleIds = new Set<string>();
  const useRule = (id: string, path: (string | number)[]) => {
    if (ruleIds.has(id)) ctx.addIssue({ code: 'custom', path, message: `duplicate rule id "${id}"` });
    ruleIds.add(id);
  };
  const edges = new Map<StandardName, Set<StandardName>>();
  for (const s of STANDARD_NAMES) {
    const levels = rs.standards[s].levels;
    edges.set(s, new Set());
    if (levels.length > STANDARD_MAX_LEVEL[s]) {
      ctx.addIssue({ code: 'custom', path: ['standards', s, 'levels'], message: `at most ${STANDARD_MAX_LEVEL[s]} level(s)` });
    }
    levels.forEach((lv, i) => {
      const at = ['standards', s, 'levels', i];
      if (lv.level !== i + 1) ctx.addIssue({ code: 'custom', path: [...at, 'level'], message: `levels must be numbered 1, 2, … in order (expected ${i + 1})` });
      useRule(lv.district.rule, [...at, 'district', 'rule']);
      useRule(lv.province.rule, [...at, 'province', 'rule']);
      lv.commune.forEach((c, j) => {
        useRule(c.rule, [...at, 'commune', j, 'rule']);
        if (c.kind !== 'level') return;
        if (c.minLevel > STANDARD_MAX_LEVEL[c.standard]) {
          ctx.addIssue({ code: 'custom', path: [...at, 'commune', j, 'minLevel'], message: `${c.standard} has no level ${c.minLevel}` });
        }
        if (c.standard === s) {
          if (c.minLevel >= lv.level) ctx.addIssue({ code: 'custom', path: [...at, 'commune', j, 'minLevel'], message: 'a level can only require a lower level of its own standard' });
        } else edges.get(s)!.add(c.standard);
      });
    });
  }
  if (standardOrderOrNull(edges) === null) {
    ctx.addIssue({ code: 'custom', path: ['standards'], message: 'standards require each other in a cycle' });
  }
});

export type RuleSet = z.output<typeof RuleSetSchema>;
export { RuleSetSchema };

/** Standards in an order where every standard comes after the standards it requires; null on a cycle. */
function standardOrderOrNull(edges: ReadonlyMap<StandardName, ReadonlySet<StandardName>>): StandardName[] | null {
  const order: StandardName[] = [];
  const state = new Map<StandardName, 'visiting' | 'done'>();
  const visit = (s: StandardName): boolean => {
    if (state.get(s) === 'done') return true;
    if (state.get(s) === 'visiting') return false;
    state.set(s, 'visiting');
    for (const d of edges.get(s) ?? []) if (!visit(d)) return false;
    state.set(s, 'done');
    order.push(s);
    return true;
  };
  for (const s of STANDARD_NAMES) if (!visit(s)) return null;
  return order;
}

/** The evaluation order of the standards of a (valid) rule set: prerequisites first. */
export function standardOrder(rules: RuleSet): StandardName[] {
  const edges = new Map<StandardName, Set<StandardName>>();
  for (const s of STANDARD_NAMES) {
    edges.set(s, new Set(rules.standards[s].levels.flatMap((lv) => lv.commune.flatMap((c) => (c.kind === 'level' && c.standard !== s ? [c.standard] : [])))));
  }
  const order = standardOrderOrNull(edges);
  if (!order) throw new Error(`rule set ${rules.id}: standards require each other in a cycle`);
  return order;
}

/** Parses and checks a rule-set YAML text; throws an error naming every faulty path. */
export function parseRuleSet(yamlText: string): RuleSet {
  let raw: unknown;
  try {
    raw = parseYaml(yamlText, { schema: 'core' });
  } catch (e) {
    throw new Error(`rule set: not valid YAML — ${(e as Error).message}`);
  }
  const parsed = RuleSetSchema.safeParse(raw);
  if (!parsed.success) {
    const id = typeof raw === 'object' && raw !== null && 'id' in raw ? String((raw as { id: unknown }).id) : '(no id)';
    const issues = parsed.error.issues.map((i) => `${i.path.length ? i.path.join('.') : '(root)'}: ${i.message}`);
    throw new Error(`rule set ${id} is invalid — ${issues.join('; ')}`);
  }
  return parsed.data;
}
