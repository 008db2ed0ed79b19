import fs from 'node:fs/promises';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import type { Tx } from '../../db/schema.ts';
import { audit } from '../audit/store.ts';
import type { Actor } from '../auth/model.ts';
import { inForce } from '../org-units/store.ts';
import { readPlanFiles } from '../plans/load.ts';
import type { PlanFile } from '../plans/model.ts';
import { STANDARD_MAX_LEVEL } from '../universal-education/rule-set.ts';
import { CATEGORIES, DataElementBody, DataSetBody, IndicatorBody } from './model.ts';

/**
 * The shipped indicator catalogue (data/indicators/catalogue.yaml, targets.yaml): data sets with their elements,
 * indicators, and the targets of the seed plans and of QĐ 1373/QĐ-TTg. Parsed strictly, checked as a whole against
 * the plan files, then loaded by code: a re-run changes nothing, a changed definition gets the next version.
 */

const DIR = new URL('../../../data/indicators/', import.meta.url);

const ElementFile = DataElementBody.extend({ source: z.string().trim().min(1).max(300) });
const DataSetFile = DataSetBody.omit({ elements: true }).extend({ elements: z.array(ElementFile).min(1).max(200) });
const CategoryFile = z.strictObject({ label: z.string().min(1), options: z.record(z.string(), z.string().min(1)) });
const CatalogueFile = z.strictObject({
  categories: z.record(z.string(), CategoryFile),
  dataSets: z.array(DataSetFile).min(1),
  indicators: z.array(IndicatorBody).min(1),
});

const Verified = z.enum(['V', 'P', 'I']);
const TargetFile = z.strictObject({
  clause: z.string().trim().min(1).max(40),
  indicator: z.string().trim().min(1),
  year: z.number().int().min(2000).max(2100),
  value: z.number().min(0),
  comparator: z.enum(['>=', '<=', '=']).default('>='),
  text: z.string().trim().min(3),
  verified: Verified.optional(),
  note: z.string().trim().min(1).max(1000).optional(),
});
const TargetGroup = z.strictObject({
  document: z.string().trim().min(3).max(60),
  plan: z.string().regex(/^[a-z0-9-]+$/, 'Tên kế hoạch: tên tệp trong data/plans, không có .yaml').optional(),
  unit: z.string().trim().min(1).max(40).optional(),
  unitAt: z.iso.date('Ngày dạng YYYY-MM-DD').optional(),
  verified: Verified,
  targets: z.array(TargetFile).min(1),
}).refine((g) => (g.unit === undefined) === (g.unitAt === undefined), { path: ['unitAt'], message: 'Mã đơn vị (unit) và ngày tra đơn vị (unitAt) phải đi cùng nhau' });
const TargetsFile = z.strictObject({ documents: z.array(TargetGroup).min(1) });

export type DataSetDefinition = z.infer<typeof DataSetFile>;
export interface CatalogueTarget {
  document: string;
  plan: string | null;
  unit: { code: string; at: string } | null;
  clause: string;
  indicator: string;
  year: number;
  value: number;
  comparator: '>=' | '<=' | '=';
  text: string;
  verified: 'V' | 'P' | 'I';
  note: string | null;
}
export interface Catalogue {
  dataSets: DataSetDefinition[];
  indicators: IndicatorBody[];
  targets: CatalogueTarget[];
}
export type PlanRef = { slug: string; plan: Pick<PlanFile, 'number' | 'targets'> };

export async function readCatalogueFiles(dir: URL = DIR): Promise<{ catalogue: unknown; targets: unknown }> {
  const read = async (f: string) => parseYaml(await fs.readFile(new URL(f, dir), 'utf8'), { schema: 'core' }) as unknown;
  return { catalogue: await read('catalogue.yaml'), targets: await read('targets.yaml') };
}

/** The catalogue as shipped, checked against the plan files; throws with every problem listed. */
export async function readCatalogue(dir: URL = DIR): Promise<Catalogue> {
  const checked = checkCatalogue(await readCatalogueFiles(dir), await readPlanFiles());
  if (!checked.ok) throw new Error(`Danh mục chỉ số (data/indicators) không hợp lệ:\n- ${checked.problems.join('\n- ')}`);
  return checked.catalogue;
}

const issues = (file: string, error: z.ZodError) => error.issues.map((i) => `${file}: ${i.path.join('.') || '(gốc)'}: ${i.message}`);
const duplicates = (codes: string[]) => [...new Set(codes.filter((c, i) => codes.indexOf(c) !== i))];

/** Parses both files and checks them against each other and against the plans' targets. Pure. */
export function checkCatalogue(raw: { catalogue: unknown; targets: unknown }, plans: readonly PlanRef[]): { ok: true; catalogue: Catalogue } | { ok: false; problems: string[] } {
  const vi = { error: z.locales.vi().localeError };
  const c = CatalogueFile.safeParse(raw.catalogue, vi);
  const t = TargetsFile.safeParse(raw.targets, vi);
  if (!c.success || !t.success) return { ok: false, problems: [...(c.error ? issues('catalogue.yaml', c.error) : []), ...(t.error ? issues('targets.yaml', t.error) : [])] };
  const problems: string[] = [];
  const { categories, dataSets, indicators } = c.data;

  if (JSON.stringify(categories) !== JSON.stringify(CATEGORIES)) {
    problems.push('Nhóm phân tổ (categories) khác với CATEGORIES trong src/modules/indicators/model.ts; hai nơi phải trùng nhau');
  }
  const elements = new Map<string, { element: DataSetDefinition['elements'][number]; dataSet: string }>();
  for (const ds of dataSets) for (const e of ds.elements) if (!elements.has(e.code)) elements.set(e.code, { element: e, dataSet: ds.code });
  for (const code of duplicates(dataSets.flatMap((ds) => ds.elements.map((e) => e.code)))) {
    const sets = dataSets.filter((ds) => ds.elements.some((e) => e.code === code)).map((ds) => ds.code);
    problems.push(`Phần tử dữ liệu ${code} khai báo nhiều lần (${sets.join(', ')}); mỗi phần tử thuộc đúng một bộ dữ liệu`);
  }
  for (const code of duplicates(dataSets.map((ds) => ds.code))) problems.push(`Bộ dữ liệu ${code} khai báo nhiều lần`);
  for (const code of duplicates(indicators.map((i) => i.code))) problems.push(`Chỉ số ${code} khai báo nhiều lần`);
  for (const { element: e } of elements.values()) {
    if (e.valueType === 'boolean' && e.maxValue !== 1) problems.push(`Phần tử dữ liệu ${e.code}: kiểu có/không cần maxValue: 1`);
  }

  const byIndicator = new Map(indicators.map((i) => [i.code, i]));
  for (const ind of indicators) {
    const where = `Chỉ số ${ind.code}`;
    if (!ind.legalSource) problems.push(`${where}: thiếu nguồn pháp lý (legalSource)`);
    for (const field of ['numerator', 'denominator'] as const) {
      const code = ind[field];
      if (code && !elements.has(code)) problems.push(`${where}: ${field === 'numerator' ? 'tử số' : 'mẫu số'} ${code} không có trong bộ dữ liệu nào`);
    }
    const n = ind.numerator && elements.get(ind.numerator), d = ind.denominator && elements.get(ind.denominator);
    if (ind.aggregation === 'ratio' && n && d && n.dataSet !== d.dataSet) {
      problems.push(`${where}: tử số (${n.dataSet}) và mẫu số (${d.dataSet}) phải cùng một bộ dữ liệu để kiểm tra tử số ≤ mẫu số khi nhập`);
    }
    if (ind.computed?.kind === 'standard') {
      const max = STANDARD_MAX_LEVEL[ind.computed.standard];
      if (ind.computed.level > max) problems.push(`${where}: chuẩn ${ind.computed.standard} chỉ có đến mức ${max}`);
      if (ind.aggregation === 'level' && ind.computed.level !== max) problems.push(`${where}: chỉ số mức đạt chuẩn ghi level là mức cao nhất của thang (${max})`);
    }
  }

  const targets: CatalogueTarget[] = t.data.documents.flatMap((g) => g.targets.map((x) => ({
    document: g.document, plan: g.plan ?? null, unit: g.unit && g.unitAt ? { code: g.unit, at: g.unitAt } : null, clause: x.clause, indicator: x.indicator,
    year: x.year, value: x.value, comparator: x.comparator, text: x.text, verified: x.verified ?? g.verified, note: x.note ?? null,
  })));
  for (const key of duplicates(targets.map(targetKey))) problems.push(`Chỉ tiêu trùng: ${key}`);
  const planBySlug = new Map(plans.map((p) => [p.slug, p.plan]));
  for (const x of targets) {
    const where = `Chỉ tiêu ${x.document} ${x.clause} (${x.indicator}, ${x.year})`;
    const ind = byIndicator.get(x.indicator);
    if (!ind) problems.push(`${where}: không có chỉ số ${x.indicator}`);
    else {
      const problem = valueProblem(ind, x.value, elements.get(ind.numerator ?? '')?.element.valueType);
      if (problem) problems.push(`${where}: ${problem}`);
    }
    if (!x.plan) continue;
    const plan = planBySlug.get(x.plan);
    if (!plan) { problems.push(`${where}: không có kế hoạch ${x.plan} trong data/plans`); continue; }
    if (plan.number !== x.document) problems.push(`${where}: kế hoạch ${x.plan} có số hiệu ${plan.number}`);
    const source = plan.targets.find((p) => p.code === x.clause);
    if (!source) problems.push(`${where}: kế hoạch ${x.plan} không có mục tiêu ${x.clause}`);
    else {
      if (source.year !== x.year) problems.push(`${where}: kế hoạch ghi năm ${source.year}`);
      if (source.text !== x.text) problems.push(`${where}: nội dung khác nguyên văn của kế hoạch ("${source.text}")`);
    }
  }
  for (const { slug, plan } of plans) {
    for (const p of plan.targets) {
      if (!targets.some((x) => x.plan === slug && x.clause === p.code)) problems.push(`Kế hoạch ${slug}: mục tiêu ${p.code} chưa gắn với chỉ tiêu nào trong targets.yaml`);
    }
  }
  return problems.length ? { ok: false, problems } : { ok: true, catalogue: { dataSets, indicators, targets } };
}

const targetKey = (x: CatalogueTarget) => `${x.document} ${x.clause} ${x.indicator} ${x.unit?.code ?? 'toàn quốc'} ${x.year}`;

/** What a target value can be: a level within the standard's scale, yes/no, or a percentage. */
function valueProblem(ind: IndicatorBody, value: number, numeratorType: string | undefined): string | null {
  if (ind.aggregation === 'level' && ind.computed?.kind === 'standard') {
    const max = STANDARD_MAX_LEVEL[ind.computed.standard];
    return Number.isInteger(value) && value <= max ? null : `mức phải là số nguyên từ 0 đến ${max}`;
  }
  if (ind.aggregation === 'sum' && numeratorType === 'boolean') return value === 0 || value === 1 ? null : 'chỉ tiêu có/không nhận 1 hoặc 0';
  if (ind.unitLabel === '%' && value > 100) return 'tỷ lệ không vượt quá 100%';
  return null;
}

// ---------------------------------------------------------------------------------------------------- loading

/** A value as comparable text regardless of key order (jsonb comes back with its keys reordered). */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') return `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`).join(',')}}`;
  return JSON.stringify(v ?? null);
}
/** Whether a stored row differs from the wanted values on the wanted columns (numeric columns come back as text). */
function differs(row: object, want: Record<string, unknown>): boolean {
  const stored = row as Record<string, unknown>;
  return Object.entries(want).some(([k, v]) => canonical(typeof v === 'number' && typeof stored[k] === 'string' ? Number(stored[k]) : stored[k]) !== canonical(v));
}

export interface CatalogueLoad {
  dataElements: number;
  indicators: number;
  dataSets: number;
  targets: number;
  /** What this run changed, e.g. "indicator.update CLC_IT_RATE"; empty when the database already matched. */
  changes: string[];
}

/**
 * Loads the catalogue in the caller's transaction, matching rows by code (targets by document, clause, indicator,
 * unit and year). Rows that match are not written; a changed definition is updated with version + 1; targets of a
 * (document, clause) that the file no longer lists are removed. One audit row when anything changed.
 */
export async function loadCatalogue(tx: Tx, actor: Actor | null, catalogue?: Catalogue): Promise<CatalogueLoad> {
  const c = catalogue ?? await readCatalogue();
  const changes: string[] = [];

  // Data elements
  const elementRows = c.dataSets.flatMap((ds) => ds.elements).map((e) => ({
    code: e.code, name: e.name, description: e.description ?? null, value_type: e.valueType, categories: e.categories,
    about_people: e.aboutPeople, max_value: e.valueType === 'boolean' ? 1 : e.maxValue ?? null, source: e.source,
  }));
  const elementIds = new Map<string, string>();
  const storedElements = await tx.selectFrom('data_element').selectAll().where('code', 'in', elementRows.map((e) => e.code)).execute();
  for (const want of elementRows) {
    const row = storedElements.find((r) => r.code === want.code);
    if (!row) {
      elementIds.set(want.code, (await tx.insertInto('data_element').values(want).returning('id').executeTakeFirstOrThrow()).id);
      changes.push(`data_element.insert ${want.code}`);
      continue;
    }
    elementIds.set(want.code, row.id);
    if (differs(row, want)) {
      await tx.updateTable('data_element').set({ ...want, version: row.version + 1 }).where('id', '=', row.id).execute();
      changes.push(`data_element.update ${want.code}`);
    }
  }

  // Data sets and their elements, in order
  const storedSets = await tx.selectFrom('data_set').selectAll().where('code', 'in', c.dataSets.map((d) => d.code)).execute();
  for (const ds of c.dataSets) {
    const want = {
      code: ds.code, name: ds.name, period_type: ds.periodType, unit_kinds: ds.unitKinds, deadline_days: ds.deadlineDays,
      jump_warning: ds.jumpWarning, description: ds.description ?? null,
    };
    const members = ds.elements.map((e) => elementIds.get(e.code)!);
    const row = storedSets.find((r) => r.code === ds.code);
    const id = row?.id ?? (await tx.insertInto('data_set').values(want).returning('id').executeTakeFirstOrThrow()).id;
    const current = row ? (await tx.selectFrom('data_set_element').select('data_element_id').where('data_set_id', '=', id).orderBy('position').execute()).map((m) => m.data_element_id) : [];
    const membersChanged = canonical(current) !== canonical(members);
    if (!row) changes.push(`data_set.insert ${ds.code}`);
    else if (membersChanged || differs(row, want)) {
      await tx.updateTable('data_set').set({ ...want, version: row.version + 1 }).where('id', '=', id).execute();
      changes.push(`data_set.update ${ds.code}`);
    }
    if (!membersChanged) continue;
    // An element belongs to one data set: a membership elsewhere moves here.
    await tx.deleteFrom('data_set_element').where((eb) => eb.or([eb('data_set_id', '=', id), eb('data_element_id', 'in', members)])).execute();
    await tx.insertInto('data_set_element').values(members.map((data_element_id, position) => ({ data_set_id: id, data_element_id, position }))).execute();
  }

  // Indicators
  const indicatorIds = new Map<string, string>();
  const storedIndicators = await tx.selectFrom('indicator').selectAll().where('code', 'in', c.indicators.map((i) => i.code)).execute();
  for (const ind of c.indicators) {
    const want = {
      code: ind.code, name: ind.name, description: ind.description ?? null, aggregation: ind.aggregation,
      numerator_id: ind.numerator ? elementIds.get(ind.numerator)! : null, denominator_id: ind.denominator ? elementIds.get(ind.denominator)! : null,
      factor: ind.factor, computed: ind.computed ?? null, unit_label: ind.unitLabel, decimals: ind.decimals, legal_source: ind.legalSource ?? null, verified: ind.verified,
    };
    const values = { ...want, computed: want.computed && JSON.stringify(want.computed) };
    const row = storedIndicators.find((r) => r.code === ind.code);
    if (!row) {
      indicatorIds.set(ind.code, (await tx.insertInto('indicator').values(values).returning('id').executeTakeFirstOrThrow()).id);
      changes.push(`indicator.insert ${ind.code}`);
      continue;
    }
    indicatorIds.set(ind.code, row.id);
    if (differs(row, want)) {
      await tx.updateTable('indicator').set({ ...values, version: row.version + 1 }).where('id', '=', row.id).execute();
      changes.push(`indicator.update ${ind.code}`);
    }
  }

  // Targets
  const planIds = new Map<string, string>();
  for (const slug of new Set(c.targets.flatMap((x) => (x.plan ? [x.plan] : [])))) {
    const plan = await tx.selectFrom('plan').select('id').where('slug', '=', slug).executeTakeFirst();
    if (!plan) throw new Error(`Chỉ tiêu: kế hoạch ${slug} chưa được nạp`);
    planIds.set(slug, plan.id);
  }
  const unitIds = new Map<string, string>();
  for (const u of new Map(c.targets.flatMap((x) => (x.unit ? [[`${x.unit.code}@${x.unit.at}`, x.unit] as const] : []))).values()) {
    const unit = await tx.selectFrom('org_unit as u').select('u.id').where('u.code', '=', u.code).where(inForce(u.at)).executeTakeFirst();
    if (!unit) throw new Error(`Chỉ tiêu: không có đơn vị mã ${u.code} hiệu lực ngày ${u.at}`);
    unitIds.set(`${u.code}@${u.at}`, unit.id);
  }
  const rowKey = (r: { document: string; clause: string | null; indicator_id: string; unit_id: string | null; year: number }) =>
    `${r.document}|${r.clause}|${r.indicator_id}|${r.unit_id ?? ''}|${r.year}`;
  const storedTargets = await tx.selectFrom('target').selectAll().where('document', 'in', [...new Set(c.targets.map((x) => x.document))]).execute();
  const wanted = new Set<string>();
  for (const x of c.targets) {
    const want = {
      indicator_id: indicatorIds.get(x.indicator)!, unit_id: x.unit ? unitIds.get(`${x.unit.code}@${x.unit.at}`)! : null, year: x.year, value: x.value,
      comparator: x.comparator, document: x.document, plan_id: x.plan ? planIds.get(x.plan)! : null, clause: x.clause, text: x.text, verified: x.verified, note: x.note,
    };
    const key = rowKey(want);
    wanted.add(key);
    const row = storedTargets.find((r) => rowKey(r) === key);
    if (!row) {
      await tx.insertInto('target').values(want).execute();
      changes.push(`target.insert ${targetKey(x)}`);
    } else if (differs(row, want)) {
      await tx.updateTable('target').set(want).where('id', '=', row.id).execute();
      changes.push(`target.update ${targetKey(x)}`);
    }
  }
  const listed = new Set(c.targets.map((x) => `${x.document}|${x.clause}`));
  const stale = storedTargets.filter((r) => listed.has(`${r.document}|${r.clause}`) && !wanted.has(rowKey(r)));
  if (stale.length) {
    await tx.deleteFrom('target').where('id', 'in', stale.map((r) => r.id)).execute();
    changes.push(...stale.map((r) => `target.delete ${r.document} ${r.clause} ${r.year}`));
  }

  const counts = { dataElements: elementRows.length, indicators: c.indicators.length, dataSets: c.dataSets.length, targets: c.targets.length };
  if (changes.length) await audit(tx, actor, 'indicator_catalogue.load', 'indicator_catalogue', null, null, { ...counts, changes });
  return { ...counts, changes };
}
