import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requirePermission, type RouteDeps } from '../../http/app.ts';
import { problem } from '../../http/problem.ts';
import { excelDate, sendXlsx, xlsxWorkbook } from '../../http/xlsx.ts';
import { MARK_LABELS } from '../verification.ts';
import { CriteriaSetDefinition, describePassRule, maxTotal, MODEL_TYPE_LABELS, MODEL_TYPES, type CriteriaSet } from './criteria.ts';
import { createCriteriaSetVersion, listCriteriaSets, loadCriteriaSet } from './criteria-store.ts';
import { CriteriaInputError, evaluate, invalidScores } from './evaluate.ts';

/** Criteria sets of the learning models (issue 5): read by every role, tried with a pure scoring, edited as new versions by admins. */

const IdParams = z.object({ id: z.string().regex(/^\d{1,18}$/, 'Mã số bộ tiêu chí không hợp lệ') });
const ListQuery = z.strictObject({
  modelType: z.enum(MODEL_TYPES).optional(),
  code: z.string().max(60).optional(),
  allVersions: z.enum(['true', 'false']).optional().transform((v) => v === 'true'),
});
const EvaluateBody = z.strictObject({
  scores: z.record(z.string().max(40), z.union([z.number(), z.boolean()])),
  difficultArea: z.boolean().optional(),
  targetGroup: z.string().max(40).optional(),
});
const VersionBody = z.strictObject({ baseVersion: z.number().int().min(1), definition: CriteriaSetDefinition });

async function setOr404(deps: RouteDeps, id: string): Promise<CriteriaSet> {
  const set = await loadCriteriaSet(deps.db, id);
  if (!set) throw problem(404, 'criteria_set.not_found', `Không có bộ tiêu chí ${id}`);
  return set;
}

export async function criteriaRoutes(base: FastifyInstance, deps: RouteDeps) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const tags = ['criteria-sets'];
  const read = { preHandler: requirePermission('criteria.read') };
  const manage = { preHandler: requirePermission('criteria.manage') };

  app.get('/api/v1/criteria-sets', { ...read, schema: { tags, summary: 'Bộ tiêu chí các mô hình học tập (bản mới nhất của mỗi bộ; allVersions=true: mọi phiên bản)', querystring: ListQuery } },
    async (req) => listCriteriaSets(deps.db, req.query));

  app.get('/api/v1/criteria-sets/:id', {
    ...read, schema: { tags, summary: 'Một phiên bản bộ tiêu chí: cây tiêu chí → chỉ số (mã, điểm tối đa), quy tắc đạt', params: IdParams, querystring: z.strictObject({ format: z.enum(['json', 'xlsx']).default('json') }) },
  }, async (req, reply) => {
    const set = await setOr404(deps, req.params.id);
    const [summary] = await listCriteriaSets(deps.db, { code: set.code });
    const d = set.definition;
    if (req.query.format === 'json') {
      return {
        ...set, modelTypeLabel: MODEL_TYPE_LABELS[set.modelType], latestVersion: summary!.version, passRuleText: describePassRule(d.passRule),
        maxTotal: d.passRule.kind === 'levels' ? null : maxTotal(d, d.targetGroups?.[0]?.code),
      };
    }
    return sendXlsx(reply, `bo-tieu-chi-${set.code}-v${set.version}.xlsx`, await exportSet(set));
  });

  app.post('/api/v1/criteria-sets/:id/evaluate', {
    ...read, schema: { tags, summary: 'Thử chấm điểm theo bộ tiêu chí (không lưu gì)', params: IdParams, body: EvaluateBody },
  }, async (req) => {
    const set = await setOr404(deps, req.params.id);
    try {
      return evaluate(set.definition, req.body);
    } catch (err) {
      throw err instanceof CriteriaInputError ? invalidScores(err) : err;
    }
  });

  app.post('/api/v1/criteria-sets/:id/versions', {
    ...manage, schema: { tags, summary: 'Lưu bộ tiêu chí đã sửa thành phiên bản mới (quản trị; baseVersion để tránh ghi đè)', params: IdParams, body: VersionBody },
  }, async (req, reply) => reply.code(201).send(await createCriteriaSetVersion(deps.db, req.actor, req.params.id, req.body)));
}

type TreeRow = { group: string; code: string; name: string; points: number | null; levels: string; groups: string; mark: string; note: string };

/** Two sheets: the set (source, dates, pass rule, marks) and its tree, one row per criterion and indicator. */
function exportSet(set: CriteriaSet): Promise<Buffer> {
  const d = set.definition;
  const levelLabel = new Map(d.passRule.kind === 'levels' ? d.passRule.levels.map((l) => [l.level, l.label]) : []);
  const groupName = new Map(d.targetGroups?.map((g) => [g.code, g.name]));
  const tree: TreeRow[] = d.groups.flatMap((g, gi) => [
    { group: `${gi + 1}`, code: g.code, name: g.name, points: g.maxPoints ?? null, levels: '', groups: '', mark: g.mark, note: g.note ?? '' },
    ...g.indicators.map((i) => ({
      group: '', code: i.code, name: i.name, points: i.maxPoints ?? null, levels: (i.levels ?? []).map((l) => levelLabel.get(l) ?? l).join(', '),
      groups: (i.targetGroups ?? []).map((t) => groupName.get(t) ?? t).join(', '), mark: i.mark, note: [i.target, i.note].filter(Boolean).join(' — '),
    })),
  ]);
  const info: [string, string | Date | null][] = [
    ['Mô hình', MODEL_TYPE_LABELS[set.modelType]], ['Mã bộ tiêu chí', set.code], ['Phiên bản', String(set.version)], ['Tên', set.name],
    ['Văn bản', [d.source.document, d.source.issuer, d.source.clause].filter(Boolean).join(' — ')], ['Xác minh nguồn', `${d.source.mark} – ${MARK_LABELS[d.source.mark]}`],
    ['Hiệu lực từ', excelDate(set.effectiveFrom)], ['Hiệu lực đến', excelDate(set.effectiveTo)],
    ['Nhóm đối tượng', d.targetGroups?.map((g) => `${g.name} (${g.mark})`).join('; ') ?? ''],
    ['Quy tắc đạt', describePassRule(d.passRule)], ['Xác minh quy tắc đạt', `${d.passRule.mark} – ${MARK_LABELS[d.passRule.mark]}`],
    ['Xác minh chung (dấu yếu nhất)', `${set.verification} – ${MARK_LABELS[set.verification]}`], ['Ghi chú', [d.source.note, d.note, d.passRule.note].filter(Boolean).join('\n')],
  ];
  return xlsxWorkbook([
    { name: 'Thông tin', title: set.name, rows: info, columns: [
      { header: 'Mục', value: (r: (typeof info)[number]) => r[0], width: 28 }, { header: 'Nội dung', value: (r: (typeof info)[number]) => r[1], width: 90, format: 'dd/mm/yyyy' },
    ] },
    { name: 'Tiêu chí, chỉ số', title: `${set.name} — phiên bản ${set.version}`, rows: tree, columns: [
      { header: 'Tiêu chí', value: (r: TreeRow) => r.group, width: 8 }, { header: 'Mã', value: (r: TreeRow) => r.code, width: 16 },
      { header: 'Nội dung', value: (r: TreeRow) => r.name, width: 70 }, { header: 'Điểm tối đa', value: (r: TreeRow) => r.points, width: 10 },
      { header: 'Mức độ yêu cầu', value: (r: TreeRow) => r.levels, width: 18 }, { header: 'Nhóm đối tượng', value: (r: TreeRow) => r.groups, width: 20 },
      { header: 'Xác minh', value: (r: TreeRow) => r.mark, width: 9 }, { header: 'Ghi chú', value: (r: TreeRow) => r.note, width: 50 },
    ] },
  ]);
}
