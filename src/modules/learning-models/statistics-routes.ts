import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requirePermission, type RouteDeps } from '../../http/app.ts';
import { excelDate, sendXlsx, xlsxWorkbook, type XlsxSheet } from '../../http/xlsx.ts';
import { problem } from '../../http/problem.ts';
import { readableUnit, unitById } from '../indicators/analytics.ts';
import { Id } from './model.ts';
import { modelStatistics, publicRecognisedUnits, recognisedSubjects, type GroupRow, type LevelRow, type ModelRow, type RecognisedAggregate, type RecognisedItem } from './statistics.ts';
import { MODEL_TYPES } from './workflow.ts';

/** Statistics of the learning models per unit and year, the recognised lists, their Excel exports, and the public list. */
const Year = z.coerce.number().int().min(2000, 'Năm từ 2000').max(2100, 'Năm đến 2100');
const UnitRef = {
  unitId: Id.optional(),
  unit: z.string().trim().min(1).max(40).optional().describe('Mã đơn vị (thay cho unitId)'),
};
const needUnit = (q: { unitId?: string | undefined; unit?: string | undefined }, ctx: z.RefinementCtx) => {
  if (!q.unitId && !q.unit) ctx.addIssue({ code: 'custom', path: ['unitId'], message: 'Cần chọn đơn vị (unitId hoặc unit)' });
};
const StatisticsQuery = z.strictObject({ ...UnitRef, year: Year, format: z.enum(['json', 'xlsx']).default('json') }).superRefine(needUnit);
const RecognisedQuery = z.strictObject({
  ...UnitRef, year: Year, modelType: z.enum(MODEL_TYPES).optional(), format: z.enum(['json', 'xlsx']).default('json'),
  limit: z.coerce.number().int().min(1).max(5000).default(1000).describe('Số dòng tối đa (JSON); tệp Excel lấy đến 100.000 dòng'),
}).superRefine(needUnit);
const PublicQuery = z.strictObject({ province: Id, year: Year });

const XLSX_ROWS = 100_000;
/** Each sheet typed by its own rows; the workbook takes sheets of any row type. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const sheet = <T,>(s: XlsxSheet<T>): XlsxSheet<any> => s;
const pct = (v: number | null) => (v === null ? null : Math.round(v * 10) / 10);

export async function learningModelStatisticsRoutes(base: FastifyInstance, deps: RouteDeps) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const tags = ['learning-models'];
  const read = { preHandler: requirePermission('model.read') };

  app.get('/api/v1/learning-models/statistics', {
    ...read, schema: { tags, summary: 'Thống kê mô hình học tập của một đơn vị và năm (format=xlsx: tệp Excel)', querystring: StatisticsQuery },
  }, async (req, reply) => {
    const { year, format, ...ref } = req.query;
    const unit = await readableUnit(deps.db, req.actor, ref, `${year}-12-31`);
    const s = await modelStatistics(deps.db, req.actor, unit, year);
    if (format === 'json') return s;
    const where = `${s.unit.name} — năm ${year}`;
    const sheets = [
      sheet<ModelRow>({
        name: 'Theo mô hình', title: `Đăng ký và công nhận mô hình học tập — ${where}`, rows: s.byModel, columns: [
          { header: 'Mô hình', value: (r) => r.modelLabel, width: 30 },
          { header: 'Đăng ký', value: (r) => r.registered, format: '#,##0', width: 12 },
          { header: 'Đã nộp', value: (r) => r.submitted, format: '#,##0', width: 12 },
          { header: 'Được công nhận', value: (r) => r.recognised, format: '#,##0', width: 14 },
          { header: 'Không công nhận', value: (r) => r.rejected, format: '#,##0', width: 14 },
          { header: 'Tỷ lệ công nhận (%)', value: (r) => pct(r.share.value), format: '0.0', width: 14 },
          { header: 'Mẫu số', value: (r) => r.share.denominator, format: '#,##0', width: 14 },
          { header: 'Mẫu số là', value: (r) => r.share.denominatorLabel, width: 34 },
        ],
      }),
      sheet<LevelRow>({
        name: 'Theo mức', title: `Số được công nhận theo mức, xếp loại — ${where}`, rows: s.byLevel, columns: [
          { header: 'Mô hình', value: (r) => r.modelLabel, width: 30 },
          { header: 'Mức, xếp loại', value: (r) => r.level, width: 26 },
          { header: 'Được công nhận', value: (r) => r.recognised, format: '#,##0', width: 14 },
        ],
      }),
      sheet<GroupRow>({
        name: 'Theo nhóm đối tượng', title: `Đăng ký và công nhận theo nhóm đối tượng — ${where}`, rows: s.byTargetGroup, columns: [
          { header: 'Mô hình', value: (r) => r.modelLabel, width: 30 },
          { header: 'Nhóm đối tượng', value: (r) => r.targetGroupLabel, width: 40 },
          { header: 'Đăng ký', value: (r) => r.registered, format: '#,##0', width: 12 },
          { header: 'Được công nhận', value: (r) => r.recognised, format: '#,##0', width: 14 },
        ],
      }),
    ];
    return sendXlsx(reply, `thong-ke-mo-hinh-hoc-tap-${s.unit.code}-${year}.xlsx`, await xlsxWorkbook(sheets));
  });

  app.get('/api/v1/learning-models/recognised', {
    ...read, schema: { tags, summary: 'Danh sách được công nhận trong năm (họ tên công dân chỉ cho người được xem dữ liệu cá nhân; có ghi nhật ký)', querystring: RecognisedQuery },
  }, async (req, reply) => {
    const { year, format, modelType, limit, ...ref } = req.query;
    const unit = await readableUnit(deps.db, req.actor, ref, `${year}-12-31`);
    const list = await recognisedSubjects(deps.db, req.actor, unit, { year, modelType, limit: format === 'xlsx' ? XLSX_ROWS : limit });
    if (format === 'json') return list;
    const title = `Danh sách được công nhận — ${unit.name} — năm ${year}${list.truncated ? ` (${list.items.length}/${list.total} dòng đầu)` : ''}`;
    const sheets = [sheet<RecognisedItem>({
      name: 'Được công nhận', title, rows: list.items, columns: [
        { header: 'Mô hình', value: (r) => r.modelLabel, width: 26 },
        { header: 'Tên', value: (r) => r.name, width: 32 },
        { header: 'Năm sinh', value: (r) => r.birthYear, width: 10 },
        { header: 'Đơn vị', value: (r) => r.unit.name, width: 28 },
        { header: 'Mức, xếp loại', value: (r) => r.level, width: 18 },
        { header: 'Số quyết định', value: (r) => r.decision.number, width: 18 },
        { header: 'Ngày quyết định', value: (r) => excelDate(r.decision.decidedOn), format: 'dd/mm/yyyy', width: 14 },
        { header: 'Cơ quan quyết định', value: (r) => r.decision.issuer, width: 28 },
        { header: 'Mã giấy chứng nhận', value: (r) => r.certificateCode, width: 16 },
      ],
    })];
    if (!list.names) {
      sheets.push(sheet<RecognisedAggregate>({
        name: 'Công dân, gia đình', title: `Công dân, gia đình được công nhận theo đơn vị (số lượng) — ${unit.name} — năm ${year}`, rows: list.aggregated, columns: [
          { header: 'Đơn vị', value: (r) => r.unit.name, width: 32 },
          { header: 'Mô hình', value: (r) => r.modelLabel, width: 26 },
          { header: 'Được công nhận', value: (r) => r.recognised, format: '#,##0', width: 14 },
        ],
      }));
    }
    return sendXlsx(reply, `danh-sach-cong-nhan-${unit.code}-${year}.xlsx`, await xlsxWorkbook(sheets));
  });

  // Anonymous: organisations and communities only, never people, families or clans.
  app.get('/api/public/v1/learning-models/recognised-units', {
    config: { rateLimit: { max: 60, timeWindow: '1 minute' } },
    schema: { tags: ['public'], summary: 'Đơn vị học tập, cộng đồng học tập được công nhận trong năm của một tỉnh', querystring: PublicQuery },
  }, async (req) => {
    // Any province, also one merged away in 2025: its past decisions stay public.
    const province = await unitById(deps.db, req.query.province);
    if (province?.kind !== 'province') throw problem(404, 'public.not_found', 'Không có tỉnh, thành phố này', { errors: [{ field: 'province', message: 'Không tìm thấy' }] });
    return publicRecognisedUnits(deps.db, province, req.query.year);
  });
}
