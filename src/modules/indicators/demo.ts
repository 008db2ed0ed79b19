import { sql } from 'kysely';
import type { ApprovalLevel, ReportStatus, Tx } from '../../db/schema.ts';
import { ruleSet, surveyReferenceDate } from '../universal-education/results.ts';
import { evaluateDistrict, evaluateProvince, type AreaResult, type CommuneResult, type Levels } from '../universal-education/standards.ts';
import { approvalChain } from './approval.ts';
import { dataSets, dueOn, type DataSetDef } from './entry.ts';
import { combinations, type Category } from './model.ts';
import { periodsBetween, type Period, type PeriodType } from './periods.ts';

/**
 * Demo mode only (`serve --demo`): plausible figures of the catalogue's data sets for 2020–2025 in the seed plans'
 * provinces — the old units up to 2024, the units that took them over for 2025 — and universal-education levels
 * where no real result exists, so that every target has a series. Deterministic (seeded from unit codes), labelled
 * `demo` on every report and result, and never written over a report that already exists.
 * Trends are chosen so that some targets are on track and others at risk; every numerator stays within its
 * denominator, disaggregation by disaggregation.
 */

const FIRST = 2020, LAST = 2025;
const NEVER = 9999;

/** How one old province moves: yearly rates (% of the denominator, 2020…2025) and the years things are reached. */
interface Scenario {
  growth: number;                            // population per year
  ageShares: [number, number, number];       // 15–35, 36–60, over 60 among people aged 15+
  rates: Record<'POP15_TECH' | 'POP15_UNIVERSITY' | 'WORKING_AGE_INFO_LIT' | 'WORKING_AGE_LIFE_SKILLS' | 'LEARNING_CITIZENS' | 'CLC_IT' | 'UNIVERSITIES_DIGITAL' | 'INSTITUTIONS_DIGITAL', number[]>;
  /** Years its districts (in a fixed shuffled order) are recognised as learning districts. */
  learningDistricts: number[];
  preschool4From: number;
  institutions: { universities: number; others: number };
  /** The same counts for the agency that took over (a larger province after the merger). */
  successorInstitutions: { universities: number; others: number };
  /** Per standard and level: the year each district (same order) reached it; its communes reach it then. */
  levels: Record<keyof Levels, Record<number, number[]>>;
}

const all = (year: number) => Array<number>(9).fill(year);
const SCENARIOS: Record<string, Scenario> = {
  // Bình Dương: young, fast-growing; ahead on information literacy and universities, behind on life skills.
  '74': {
    growth: 0.03, ageShares: [0.48, 0.40, 0.12],
    rates: {
      POP15_TECH: [27, 29, 31, 33, 35, 37], POP15_UNIVERSITY: [8.6, 9.3, 10, 10.7, 11.4, 12.1],
      WORKING_AGE_INFO_LIT: [30, 35, 40, 44, 48, 52], WORKING_AGE_LIFE_SKILLS: [36, 38.5, 41, 43, 45, 47],
      LEARNING_CITIZENS: [0, 0, 9, 19, 29, 39], CLC_IT: [45, 52, 60, 66, 72, 78],
      UNIVERSITIES_DIGITAL: [22, 33, 44, 56, 67, 78], INSTITUTIONS_DIGITAL: [35, 45, 52, 58, 63, 68],
    },
    learningDistricts: [2021, 2023, 2024, NEVER, NEVER, NEVER, NEVER, NEVER, NEVER],
    preschool4From: 2024,
    institutions: { universities: 9, others: 560 }, successorInstitutions: { universities: 80, others: 3300 },
    levels: {
      preschool5: { 1: all(2012) },
      primary: { 1: all(2008), 2: all(2012), 3: all(2016) },
      lowerSecondary: { 1: all(2008), 2: [2016, 2016, 2016, 2016, 2016, 2016, 2016, 2022, 2024], 3: [2019, 2022, 2024, NEVER, NEVER, NEVER, NEVER, NEVER, NEVER] },
      literacy: { 1: all(2008), 2: [2018, 2018, 2018, 2018, 2018, 2018, 2021, 2022, 2023] },
    },
  },
  // Tây Ninh: ahead on life skills, behind on information literacy and universal education.
  '72': {
    growth: 0.01, ageShares: [0.44, 0.41, 0.15],
    rates: {
      POP15_TECH: [20, 21, 23, 24, 26, 27], POP15_UNIVERSITY: [6, 6.4, 6.8, 7.2, 7.6, 8],
      WORKING_AGE_INFO_LIT: [20, 24, 28, 31, 35, 38], WORKING_AGE_LIFE_SKILLS: [40, 43, 46, 49, 52, 55],
      LEARNING_CITIZENS: [0, 0, 6, 13, 21, 28], CLC_IT: [35, 40, 46, 52, 57, 62],
      UNIVERSITIES_DIGITAL: [0, 0, 0, 100, 100, 67], INSTITUTIONS_DIGITAL: [25, 33, 40, 46, 51, 55],
    },
    learningDistricts: [2023, 2024, NEVER, NEVER, NEVER, NEVER, NEVER, NEVER, NEVER],
    preschool4From: NEVER,
    institutions: { universities: 1, others: 520 }, successorInstitutions: { universities: 3, others: 1150 },
    levels: {
      preschool5: { 1: all(2014) },
      primary: { 1: all(2010), 2: all(2014), 3: [2017, 2017, 2017, 2017, 2017, 2017, 2017, 2021, 2023] },
      lowerSecondary: { 1: all(2010), 2: [2018, 2018, 2018, 2018, 2018, 2021, 2023, 2025, NEVER], 3: [2024, NEVER, NEVER, NEVER, NEVER, NEVER, NEVER, NEVER, NEVER] },
      literacy: { 1: all(2010), 2: [2017, 2017, 2017, 2017, 2020, 2022, 2024, NEVER, NEVER] },
    },
  },
};

// ------------------------------------------------------------------------------------------ deterministic draws

function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}
/** mulberry32: a small seeded generator, so that the same unit always gets the same figures. */
function prng(key: string): () => number {
  let a = hash(key);
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const between = (r: () => number, lo: number, hi: number) => lo + (hi - lo) * r();
const clampPct = (p: number) => Math.min(100, Math.max(0, p));

// ------------------------------------------------------------------------------------------------- the units

interface DemoUnit {
  id: string; code: string; kind: string; name: string; parentId: string | null; parentKind: string | null;
  validFrom: string | null; validTo: string | null;
  /** Predecessors among the old units (new units formed in 2025) and how many units each was split into. */
  predecessors: { id: string; successors: number }[];
  key: string;
  province: string;                          // code of the old seed province the unit lies in (or took over from)
  /** A district's place in a fixed order of its province's districts, so that the scenario's schedules land on it. */
  rank: number;
}

const inForceOn = (u: DemoUnit, date: string) => (u.validFrom === null || u.validFrom <= date) && (u.validTo === null || u.validTo >= date);

/** The seed plans' provinces (their issuers), every unit under them, and every unit that took one of them over. */
async function demoUnits(tx: Tx): Promise<Map<string, DemoUnit>> {
  const rows = (await sql<{ id: string; code: string; kind: string; name: string; parent_id: string | null; parent_kind: string | null; valid_from: string | null; valid_to: string | null; predecessors: { id: string; successors: number }[] | null }>`
    WITH old AS (SELECT c.unit_id FROM org_unit_cover c WHERE c.ancestor_id IN (SELECT issuer_id FROM plan) AND NOT c.via_succession),
    pred AS (
      SELECT s.to_unit_id, json_agg(json_build_object('id', s.from_unit_id::text,
        'successors', (SELECT count(*) FROM org_unit_succession o WHERE o.from_unit_id = s.from_unit_id)) ORDER BY s.from_unit_id) AS predecessors
      FROM org_unit_succession s WHERE s.from_unit_id IN (SELECT unit_id FROM old) GROUP BY s.to_unit_id)
    SELECT u.id::text, u.code, u.kind, u.name, u.parent_id::text, p.kind AS parent_kind, u.valid_from::text, u.valid_to::text, pred.predecessors
    FROM org_unit u LEFT JOIN org_unit p ON p.id = u.parent_id LEFT JOIN pred ON pred.to_unit_id = u.id
    WHERE u.id IN (SELECT unit_id FROM old) OR pred.to_unit_id IS NOT NULL
    ORDER BY u.code, u.valid_from NULLS FIRST`.execute(tx)).rows;
  const units = new Map<string, DemoUnit>(rows.map((r) => [r.id, {
    id: r.id, code: r.code, kind: r.kind, name: r.name, parentId: r.parent_id, parentKind: r.parent_kind, validFrom: r.valid_from, validTo: r.valid_to,
    predecessors: r.predecessors ?? [], key: `${r.code}@${r.valid_from ?? ''}`, province: '', rank: 0,
  }]));
  const provinceOf = (u: DemoUnit): string => {
    if (u.province) return u.province;
    if (u.predecessors.length) return provinceOf(units.get(u.predecessors[0]!.id)!);
    if (u.kind === 'province') return u.code;
    const parent = u.parentId ? units.get(u.parentId) : undefined;
    return parent ? provinceOf(parent) : u.code;
  };
  for (const u of units.values()) u.province = provinceOf(u);
  const districts = [...units.values()].filter((d) => d.kind === 'district').sort((a, b) => hash(a.key) - hash(b.key));
  for (const d of districts) d.rank = districts.filter((x) => x.province === d.province).indexOf(d);
  return units;
}

// --------------------------------------------------------------------------------------------- figures of a unit

type Figures = Map<string, Map<string, number>>; // element code → disaggregation → value

const scenarioOf = (u: DemoUnit) => SCENARIOS[u.province] ?? SCENARIOS['72']!;
const rateOf = (u: DemoUnit, element: keyof Scenario['rates'], year: number) => scenarioOf(u).rates[element][year - FIRST]!;

interface Profile { population: number; over15: number; workingAge: number; male: number; offset: number }
/** An old commune's population and fixed traits; a 2025 commune inherits its predecessors' people. */
function communeProfile(units: Map<string, DemoUnit>, u: DemoUnit, year: number): Profile {
  const r = prng(u.key);
  const base = u.name.startsWith('Phường') ? between(r, 25_000, 60_000) : u.name.startsWith('Thị trấn') ? between(r, 15_000, 35_000) : between(r, 10_000, 30_000);
  const growth = scenarioOf(u).growth + between(r, -0.005, 0.005);
  const traits = { over15: between(r, 0.74, 0.8), workingAge: between(r, 0.62, 0.68), male: between(r, 0.49, 0.51), offset: between(r, -4, 4) };
  const population: number = u.predecessors.length
    ? u.predecessors.reduce((sum, p) => sum + communeProfile(units, units.get(p.id)!, year).population / p.successors, 0)
    : base * (1 + growth) ** (year - FIRST);
  return { ...traits, population };
}

const AGE_OFFSETS = { POP15_TECH: [8, 0, -18], POP15_UNIVERSITY: [4, -1, -7] } as const;

function communeFigures(units: Map<string, DemoUnit>, u: DemoUnit, year: number): Figures {
  const p = communeProfile(units, u, year);
  const s = scenarioOf(u);
  const sexes: [string, number][] = [['male', p.male], ['female', 1 - p.male]];
  const ages = ['15-35', '36-60', '61+'];
  const out: Figures = new Map();
  const put = (el: string, key: string, v: number) => out.set(el, (out.get(el) ?? new Map()).set(key, v));

  for (const [sex, share] of sexes) {
    ages.forEach((age, i) => {
      const key = `sex:${sex}|ageBand:${age}`;
      const people = Math.round(p.population * p.over15 * share * s.ageShares[i]!);
      const tech = Math.round(people * clampPct(rateOf(u, 'POP15_TECH', year) + AGE_OFFSETS.POP15_TECH[i]! + p.offset) / 100);
      const university = Math.min(tech, Math.round(people * clampPct(rateOf(u, 'POP15_UNIVERSITY', year) + AGE_OFFSETS.POP15_UNIVERSITY[i]! + p.offset / 4) / 100));
      put('POP15', key, people); put('POP15_TECH', key, tech); put('POP15_UNIVERSITY', key, university);
    });
    const key = `sex:${sex}`;
    const working = Math.round(p.population * p.workingAge * share);
    const over15 = ages.reduce((sum, age) => sum + out.get('POP15')!.get(`sex:${sex}|ageBand:${age}`)!, 0);
    const sexOffset = sex === 'female' ? 2 : -2;
    put('WORKING_AGE', key, working);
    put('WORKING_AGE_INFO_LIT', key, Math.round(working * clampPct(rateOf(u, 'WORKING_AGE_INFO_LIT', year) - sexOffset + p.offset) / 100));
    put('WORKING_AGE_LIFE_SKILLS', key, Math.round(working * clampPct(rateOf(u, 'WORKING_AGE_LIFE_SKILLS', year) + sexOffset + p.offset) / 100));
    const citizens = rateOf(u, 'LEARNING_CITIZENS', year);
    put('LEARNING_CITIZENS', key, citizens ? Math.round(over15 * clampPct(citizens + sexOffset + p.offset / 2) / 100) : 0);
  }
  // One centre per old commune; a 2025 commune keeps its predecessors' centres until it reorganises them. Each centre
  // adopts IT once the province's rate passes its own fixed draw, so adoption never goes back.
  const centres = Math.max(1, Math.round(u.predecessors.reduce((sum, x) => sum + 1 / x.successors, 0)));
  let adopted = 0;
  for (let i = 0; i < centres; i++) if (between(prng(`${u.key}|clc${i}`), 0, 100) < rateOf(u, 'CLC_IT', year) + p.offset) adopted++;
  put('CLC', '', centres);
  put('CLC_IT', '', adopted);
  return out;
}

function figuresOf(units: Map<string, DemoUnit>, ds: string, u: DemoUnit, period: Period): Figures | null {
  const year = Number(period.end.slice(0, 4));
  const s = scenarioOf(u);
  const single = (entries: [string, number][]): Figures => new Map(entries.map(([k, v]) => [k, new Map([['', v]])]));
  switch (ds) {
    case 'LS_COMMUNE_YEAR': return communeFigures(units, u, year);
    case 'LS_DISTRICT_YEAR': {
      const recognised = s.learningDistricts[u.rank % s.learningDistricts.length]!;
      return single([['DISTRICT_LEARNING', year >= recognised ? 1 : 0]]);
    }
    case 'LS_PROVINCE_YEAR':
      // A recognition of an old province does not pass to the merged one (legal-rules §5, consequence 3).
      return single([['PROVINCE_PRESCHOOL4', !u.predecessors.length && year >= s.preschool4From ? 1 : 0], ['PROVINCE_PRESCHOOL_MG', 0], ['PROVINCE_LEARNING', 0]]);
    case 'LS_INSTITUTIONS': {
      if (!u.code.endsWith('.SGDDT')) return null; // entered by the Department of Education only
      const size = u.predecessors.length ? s.successorInstitutions : s.institutions;
      const universities = size.universities;
      const others = Math.round(size.others * (1 + 0.01 * (year - FIRST)));
      return single([
        ['UNIVERSITIES', universities], ['UNIVERSITIES_DIGITAL', Math.round(universities * rateOf(u, 'UNIVERSITIES_DIGITAL', year) / 100)],
        ['INSTITUTIONS', others], ['INSTITUTIONS_DIGITAL', Math.round(others * rateOf(u, 'INSTITUTIONS_DIGITAL', year) / 100)],
      ]);
    }
    default: return null;
  }
}

/** A report's state by year: settled up to 2023, a mix of approved, submitted and open afterwards. */
function reportState(u: DemoUnit, ds: DataSetDef, period: Period): { status: ReportStatus; approved_level: ApprovalLevel | null; final: boolean; submitted_at: Date | null; due_on: string } {
  const r = prng(`${u.key}|${ds.code}|${period.id}`);
  const due = dueOn(ds, period);
  const chain = approvalChain(u.kind, u.parentKind === 'district');
  const year = Number(period.end.slice(0, 4));
  const pick = r();
  const days = Math.floor(between(r, 0, 25)) - (r() < 0.1 ? 30 : 0); // one in ten late
  const submitted_at = new Date(Date.parse(`${due}T09:00:00+07:00`) - days * 86_400_000);
  const approved = { status: 'approved' as const, approved_level: 'province' as const, final: true, submitted_at, due_on: due };
  if (year <= 2023) return approved;
  const [approvedShare, partialShare, submittedShare] = year === 2024 ? [0.6, 0.75, 0.9] : [0.25, 0.3, 0.65];
  if (pick < approvedShare) return approved;
  if (pick < partialShare && chain.length > 1) return { status: 'approved', approved_level: chain[0]!, final: false, submitted_at, due_on: due };
  if (pick < submittedShare) return { status: 'submitted', approved_level: null, final: false, submitted_at, due_on: due };
  return { status: 'open', approved_level: null, final: false, submitted_at: null, due_on: due };
}

// ----------------------------------------------------------------------------------- universal-education levels

function communeLevels(units: Map<string, DemoUnit>, u: DemoUnit, year: number): Levels {
  if (u.predecessors.length) {
    const each = u.predecessors.map((p) => communeLevels(units, units.get(p.id)!, year));
    return Object.fromEntries((Object.keys(each[0]!) as (keyof Levels)[]).map((k) => [k, Math.min(...each.map((l) => l[k]))])) as unknown as Levels;
  }
  const district = u.parentId ? units.get(u.parentId) : undefined;
  const rank = district?.rank ?? 0;
  const r = prng(`${u.key}|levels`);
  const early = r() < 0.25 ? 1 + Math.floor(r() * 2) : 0; // some communes get there a year or two before their district
  const levels = Object.fromEntries(Object.entries(scenarioOf(u).levels).map(([standard, byLevel]) => {
    let reached = 0;
    for (const [level, years] of Object.entries(byLevel)) if (year >= years[rank % years.length]! - early) reached = Number(level);
    return [standard, reached];
  }));
  return levels as unknown as Levels;
}

async function demoResults(tx: Tx, units: Map<string, DemoUnit>): Promise<{ unit_id: string; year: number; rule_set: string; levels: string; result: string }[]> {
  const rules = ruleSet();
  const existing = await tx.selectFrom('standard_result').select(['unit_id', 'year', 'levels']).where('year', '>=', FIRST).where('year', '<=', LAST).execute();
  const stored = new Map(existing.map((e) => [`${e.unit_id}|${e.year}`, e.levels as Levels | null]));
  const out: { unit_id: string; year: number; rule_set: string; levels: string; result: string }[] = [];
  const add = (u: DemoUnit, year: number, levels: Levels, result: object) => {
    if (stored.has(`${u.id}|${year}`)) return;
    out.push({ unit_id: u.id, year, rule_set: rules.id, levels: JSON.stringify(levels), result: JSON.stringify({ ...result, demo: true }) });
  };
  for (let year = FIRST; year <= LAST; year++) {
    const at = surveyReferenceDate(year);
    const present = [...units.values()].filter((u) => inForceOn(u, at));
    const communes = new Map<string, CommuneResult>();
    for (const u of present.filter((x) => x.kind === 'commune')) {
      const levels = stored.get(`${u.id}|${year}`) ?? communeLevels(units, u, year);
      communes.set(u.id, { code: u.code, levels, rates: {} as CommuneResult['rates'], conditions: [], unmet11: 0 });
      add(u, year, levels, communes.get(u.id)!);
    }
    // Districts and old provinces are rolled up by the real rules; a merged province also covers units without demo
    // figures (old Hồ Chí Minh City, Bà Rịa–Vũng Tàu, Long An), so none is made up for it.
    const districts = new Map<string, AreaResult>();
    for (const d of present.filter((x) => x.kind === 'district')) {
      const area = evaluateDistrict(d.code, present.filter((c) => c.parentId === d.id && communes.has(c.id)).map((c) => communes.get(c.id)!), rules);
      districts.set(d.id, area);
      add(d, year, area.levels!, area);
    }
    for (const p of present.filter((x) => x.kind === 'province' && !x.predecessors.length)) {
      const area = evaluateProvince(p.code, { districts: present.filter((d) => d.parentId === p.id && districts.has(d.id)).map((d) => districts.get(d.id)!) }, rules);
      add(p, year, area.levels!, area);
    }
  }
  return out;
}

// -------------------------------------------------------------------------------------------------- writing

async function insertChunks<T>(rows: T[], size: number, insert: (chunk: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += size) await insert(rows.slice(i, i + size));
}

export interface DemoIndicators { reports: number; values: number; results: number }

export async function seedDemoIndicators(tx: Tx): Promise<DemoIndicators> {
  const units = await demoUnits(tx);
  const reports: { data_set_id: string; unit_id: string; period: string; status: ReportStatus; approved_level: ApprovalLevel | null; final: boolean; submitted_at: Date | null; due_on: string; demo: true }[] = [];
  const values = new Map<string, { unit_id: string; data_element_id: string; period: string; disaggregation: string; value: number }[]>();
  for (const ds of await dataSets(tx)) {
    const ids = new Map(ds.elements.map((e) => [e.code, e]));
    const periods = periodsBetween(ds.periodType as PeriodType, `${FIRST}-01-01`, `${LAST}-12-31`).filter((p) => p.end >= `${FIRST}-01-01` && p.end <= `${LAST}-12-31`);
    for (const period of periods) {
      for (const u of units.values()) {
        if (!ds.unitKinds.includes(u.kind) || !inForceOn(u, period.end)) continue;
        const figures = figuresOf(units, ds.code, u, period);
        if (!figures) continue;
        const rows = [...figures].flatMap(([code, byKey]) => {
          const el = ids.get(code);
          if (!el) return [];
          const keys = new Set(combinations(el.categories as Category[]));
          const total = [...byKey].filter(([k]) => keys.has(k) && k !== '').reduce((s, [, v]) => s + v, 0);
          // A disaggregated element keeps its total as the '' row, as entry does.
          const cells = el.categories.length ? [...[...byKey].filter(([k]) => keys.has(k)), ['', total] as [string, number]] : [['', byKey.get('') ?? 0] as [string, number]];
          return cells.map(([disaggregation, value]) => ({ unit_id: u.id, data_element_id: el.id, period: period.id, disaggregation, value }));
        });
        if (!rows.length) continue;
        reports.push({ data_set_id: ds.id, unit_id: u.id, period: period.id, ...reportState(u, ds, period), demo: true });
        values.set(`${u.id}|${ds.id}|${period.id}`, rows);
      }
    }
  }

  // Reports first: where one already exists (real or demo), its values are left alone.
  const fresh: { unit_id: string; data_set_id: string; period: string }[] = [];
  await insertChunks(reports, 1000, async (chunk) => fresh.push(...await tx.insertInto('data_report').values(chunk)
    .onConflict((oc) => oc.columns(['unit_id', 'data_set_id', 'period']).doNothing()).returning(['unit_id', 'data_set_id', 'period']).execute()));
  const rows = fresh.flatMap((r) => values.get(`${r.unit_id}|${r.data_set_id}|${r.period}`) ?? []);
  // Column arrays through unnest: one statement per chunk instead of tens of thousands of bound parameters.
  await insertChunks(rows, 10_000, (chunk) => sql`
    INSERT INTO data_value (unit_id, data_element_id, period, disaggregation, value)
    SELECT * FROM unnest(${chunk.map((r) => r.unit_id)}::bigint[], ${chunk.map((r) => r.data_element_id)}::bigint[], ${chunk.map((r) => r.period)}::text[],
      ${chunk.map((r) => r.disaggregation)}::text[], ${chunk.map((r) => r.value)}::numeric[])
    ON CONFLICT DO NOTHING`.execute(tx));
  const results = await demoResults(tx, units);
  await insertChunks(results, 1000, (chunk) => tx.insertInto('standard_result').values(chunk).onConflict((oc) => oc.columns(['unit_id', 'year']).doNothing()).execute());
  return { reports: fresh.length, values: rows.length, results: results.length };
}
