import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requirePermission, type RouteDeps } from '../../http/app.ts';
import { problem } from '../../http/problem.ts';
import { sendXlsx, xlsxBuffer } from '../../http/xlsx.ts';
import { childFigures, figures, indicatorByCode, LINEAGE_LABELS, readableUnit } from './analytics.ts';
import { STATUS_LABELS } from './approval.ts';
import { BoundaryBody, saveBoundary } from './boundaries.ts';
import { dashboard } from './dashboard.ts';
import { dataSetByCode, dataSets, periodOfDataSet, saveForm, reportForm, valuesByUnitCode, writeBatch } from './entry.ts';
import { DataElementBody, DataSetBody, DataValuesBody, IndicatorBody, PeriodId, AGGREGATION_LABELS, CATEGORIES } from './model.ts';
import { parsePeriod, periodLabel } from './periods.ts';
import { actOnReport, completeness } from './review.ts';
import { createDataElement, createDataSet, createIndicator, listDataElements, listIndicators, listTargets, updateIndicator } from './store.ts';
import { parseTemplate, templateXlsx } from './template.ts';

const Format = z.enum(['json', 'xlsx']).default('json');
const UnitId = z.string().regex(/^\d{1,18}$/, 'Mã số đơn vị không hợp lệ');
const Code = z.string().regex(/^[A-Z][A-Z0-9_]{1,39}$/, 'Mã không hợp lệ');
const IMPORT_LIMIT = 5 * 1024 * 1024;


const fmt = (v: number | null, decimals = 1) => (v === null ? null : Number(v.toFixed(decimals)));

export async function indicatorRoutes(base: FastifyInstance, deps: RouteDeps) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const read = { preHandler: requirePermission('analytics.read') };
  const manage = { preHandler: requirePermission('indicator.manage') };
  const enter = { preHandler: requirePermission('data.enter') };

  // ---- definitions
  app.get('/api/v1/data-elements', { ...read, schema: { tags: ['indicators'], summary: 'Phần tử dữ liệu', querystring: z.strictObject({ format: Format }) } }, async (req, reply) => {
    const rows = await listDataElements(deps.db);
    if (req.query.format === 'json') return { categories: CATEGORIES, items: rows };
    return sendXlsx(reply, 'phan-tu-du-lieu.xlsx', await xlsxBuffer<(typeof rows)[number]>('Phần tử dữ liệu', 'Danh mục phần tử dữ liệu', [
      { header: 'Mã', value: (r) => r.code, width: 24 }, { header: 'Tên', value: (r) => r.name, width: 60 },
      { header: 'Kiểu', value: (r) => r.valueType, width: 10 }, { header: 'Phân tổ', value: (r) => r.categories.join(', '), width: 18 },
      { header: 'Bộ dữ liệu', value: (r) => r.dataSet, width: 20 }, { header: 'Nguồn', value: (r) => r.source, width: 40 },
    ], rows));
  });
  app.post('/api/v1/data-elements', { ...manage, schema: { tags: ['indicators'], summary: 'Tạo phần tử dữ liệu (quản trị)', body: DataElementBody } },
    async (req, reply) => reply.code(201).send(await createDataElement(deps.db, req.actor, req.body)));

  app.get('/api/v1/indicators', { ...read, schema: { tags: ['indicators'], summary: 'Chỉ số', querystring: z.strictObject({ format: Format }) } }, async (req, reply) => {
    const rows = await listIndicators(deps.db);
    if (req.query.format === 'json') return { aggregations: AGGREGATION_LABELS, items: rows };
    return sendXlsx(reply, 'chi-so.xlsx', await xlsxBuffer<(typeof rows)[number]>('Chỉ số', 'Danh mục chỉ số', [
      { header: 'Mã', value: (r) => r.code, width: 24 }, { header: 'Tên', value: (r) => r.name, width: 60 },
      { header: 'Cách tổng hợp', value: (r) => AGGREGATION_LABELS[r.aggregation], width: 30 }, { header: 'Tử số', value: (r) => r.numerator, width: 22 },
      { header: 'Mẫu số', value: (r) => r.denominator, width: 22 }, { header: 'Đơn vị tính', value: (r) => r.unitLabel, width: 10 },
      { header: 'Căn cứ', value: (r) => r.legalSource, width: 40 }, { header: 'Xác minh', value: (r) => r.verified, width: 8 },
    ], rows));
  });
  app.post('/api/v1/indicators', { ...manage, schema: { tags: ['indicators'], summary: 'Tạo chỉ số (quản trị)', body: IndicatorBody } },
    async (req, reply) => reply.code(201).send(await createIndicator(deps.db, req.actor, req.body)));
  app.put('/api/v1/indicators/:code', {
    ...manage, schema: { tags: ['indicators'], summary: 'Sửa chỉ số (quản trị; version để tránh ghi đè)', params: z.object({ code: Code }), querystring: z.strictObject({ version: z.coerce.number().int().min(1) }), body: IndicatorBody },
  }, async (req) => updateIndicator(deps.db, req.actor, req.params.code, req.body, req.query.version));

  app.get('/api/v1/data-sets', { ...read, schema: { tags: ['indicators'], summary: 'Bộ dữ liệu' } }, async () =>
    (await dataSets(deps.db)).map((d) => ({ code: d.code, name: d.name, periodType: d.periodType, unitKinds: d.unitKinds, deadlineDays: d.deadlineDays, jumpWarning: d.jumpWarning, elements: d.elements, ratioPairs: d.ratioPairs })));
  app.post('/api/v1/data-sets', { ...manage, schema: { tags: ['indicators'], summary: 'Tạo bộ dữ liệu (quản trị)', body: DataSetBody } },
    async (req, reply) => reply.code(201).send(await createDataSet(deps.db, req.actor, req.body)));

  // ---- targets
  app.get('/api/v1/targets', { ...read, schema: { tags: ['indicators'], summary: 'Chỉ tiêu (theo kế hoạch, ví dụ 1144/KH-UBND)', querystring: z.strictObject({ plan: z.string().max(60).optional(), format: Format }) } }, async (req, reply) => {
    const rows = await listTargets(deps.db, { plan: req.query.plan });
    if (req.query.format === 'json') return rows;
    return sendXlsx(reply, `chi-tieu${req.query.plan ? `-${req.query.plan.replace(/\//g, '-')}` : ''}.xlsx`, await xlsxBuffer<(typeof rows)[number]>('Chỉ tiêu', `Chỉ tiêu ${req.query.plan ?? ''}`, [
      { header: 'Văn bản', value: (r) => r.document, width: 16 }, { header: 'Mục', value: (r) => r.clause, width: 10 },
      { header: 'Chỉ tiêu', value: (r) => r.text, width: 70 }, { header: 'Chỉ số', value: (r) => r.indicatorName, width: 40 },
      { header: 'Đơn vị', value: (r) => r.unit?.name ?? 'Toàn quốc', width: 22 }, { header: 'Năm', value: (r) => r.year, width: 8 },
      { header: 'Giá trị', value: (r) => r.value, width: 10 }, { header: 'Đơn vị tính', value: (r) => r.unitLabel, width: 10 }, { header: 'Xác minh', value: (r) => r.verified, width: 8 },
    ], rows));
  });

  // ---- analytics
  app.get('/api/v1/analytics', {
    ...read, schema: {
      tags: ['indicators'], summary: 'Giá trị chỉ số của một đơn vị trong một kỳ, tổng hợp từ các đơn vị trực thuộc theo địa giới của kỳ',
      querystring: z.strictObject({ indicator: Code, unit: z.string().max(40).optional(), unitId: UnitId.optional(), period: PeriodId, approvedOnly: z.enum(['true', 'false']).default('false'), disaggregation: z.string().max(200).default('') }),
    },
  }, async (req) => {
    const period = parsePeriod(req.query.period)!;
    const ind = await indicatorByCode(deps.db, req.query.indicator);
    const unit = await readableUnit(deps.db, req.actor, req.query, period.end);
    const f = (await figures(deps.db, unit, [ind], [period], { approvedOnly: req.query.approvedOnly === 'true', disaggregation: req.query.disaggregation })).get(`${ind.code}|${period.id}`)!;
    return {
      indicator: ind.code, unit: { id: unit.id, code: unit.code, name: unit.name, validFrom: unit.validFrom, validTo: unit.validTo }, period: period.id, periodLabel: periodLabel(period),
      value: fmt(f.value, ind.decimals + 2), numerator: f.numerator, denominator: f.denominator, unitLabel: ind.unitLabel,
      lineage: f.lineage, lineageLabel: LINEAGE_LABELS[f.lineage], approximate: f.approximate, approval: f.approval, demo: f.demo, note: f.note,
    };
  });

  app.get('/api/v1/analytics/children', {
    ...read, schema: {
      tags: ['indicators'], summary: 'Chỉ số theo từng đơn vị trực thuộc (xếp hạng, bản đồ); format=xlsx',
      querystring: z.strictObject({ indicator: Code, unitId: UnitId, period: PeriodId, approvedOnly: z.enum(['true', 'false']).default('false'), format: Format }),
    },
  }, async (req, reply) => {
    const period = parsePeriod(req.query.period)!;
    const ind = await indicatorByCode(deps.db, req.query.indicator);
    const unit = await readableUnit(deps.db, req.actor, req.query, period.end);
    const rows = (await childFigures(deps.db, unit, ind, period, req.query.approvedOnly === 'true'))
      .map((r) => ({ unit: r.unit, value: fmt(r.figure?.value ?? null, ind.decimals + 2), numerator: r.figure?.numerator ?? null, denominator: r.figure?.denominator ?? null, approval: r.figure?.approval ?? null, demo: r.figure?.demo ?? false }))
      .sort((a, b) => (b.value ?? -Infinity) - (a.value ?? -Infinity));
    const ranked = rows.map((r, i) => ({ ...r, rank: r.value === null ? null : i + 1 }));
    if (req.query.format === 'json') return { indicator: { code: ind.code, name: ind.name, unitLabel: ind.unitLabel, decimals: ind.decimals }, unit, period: period.id, items: ranked };
    return sendXlsx(reply, `${ind.code}-${unit.code}-${period.id}.xlsx`, await xlsxBuffer<(typeof ranked)[number]>('Xếp hạng', `${ind.name} — ${unit.name} — ${periodLabel(period)}`, [
      { header: 'Hạng', value: (r) => r.rank, width: 8 }, { header: 'Mã', value: (r) => r.unit.code, width: 10 }, { header: 'Đơn vị', value: (r) => r.unit.name, width: 36 },
      { header: `Giá trị (${ind.unitLabel})`, value: (r) => r.value, format: '#,##0.0', width: 14 }, { header: 'Tử số', value: (r) => r.numerator, format: '#,##0', width: 14 },
      { header: 'Mẫu số', value: (r) => r.denominator, format: '#,##0', width: 14 }, { header: 'Đơn vị đã duyệt', value: (r) => (r.approval ? `${r.approval.approved}/${r.approval.units}` : ''), width: 14 },
    ], ranked));
  });

  app.get('/api/v1/dashboard', {
    ...read, schema: { tags: ['indicators'], summary: 'Bảng điều khiển: mọi chỉ tiêu của đơn vị (kể cả đơn vị tiền thân) với tiến độ và dự báo', querystring: z.strictObject({
        unitId: UnitId, plan: z.string().max(60).optional(), approvedOnly: z.enum(['true', 'false']).default('false'),
        fromYear: z.coerce.number().int().min(2000).max(2100).optional().describe('Năm đầu của chuỗi (mặc định 2020)'),
      }),
    },
  }, async (req) => {
    const unit = await readableUnit(deps.db, req.actor, req.query, deps.today());
    return dashboard(deps.db, { unit, plan: req.query.plan, today: deps.today(), approvedOnly: req.query.approvedOnly === 'true', fromYear: req.query.fromYear });
  });

  // ---- data entry and approval
  const ReportParams = z.object({ code: Code, unitId: UnitId, period: z.string().max(20) });
  app.get('/api/v1/data-sets/:code/reports/:unitId/:period', { ...read, schema: { tags: ['indicators'], summary: 'Biểu nhập số liệu của một đơn vị trong một kỳ', params: ReportParams } },
    async (req) => reportForm(deps.db, req.actor, req.params.code, req.params.unitId, req.params.period));
  app.put('/api/v1/data-sets/:code/reports/:unitId/:period', {
    ...enter, schema: {
      tags: ['indicators'], summary: 'Lưu biểu nhập (tất cả hoặc không); value null để xóa', params: ReportParams,
      body: z.strictObject({ version: z.number().int().min(0), values: z.array(z.strictObject({ element: Code, disaggregation: z.string().max(200).default(''), value: z.number().nullable() })).max(2000) }),
    },
  }, async (req) => saveForm(deps.db, req.actor, req.params.code, req.params.unitId, req.params.period, req.body.values, req.body.version));
  app.post('/api/v1/data-sets/:code/reports/:unitId/:period/:action', {
    schema: {
      tags: ['indicators'], summary: 'Gửi, duyệt, trả lại, hủy duyệt báo cáo số liệu', params: ReportParams.extend({ action: z.enum(['submit', 'approve', 'return', 'unapprove']) }),
      body: z.strictObject({ version: z.number().int().min(0), comment: z.string().max(2000).optional() }),
    },
  }, async (req) => actOnReport(deps.db, req.actor, { dataSet: req.params.code, unitId: req.params.unitId, period: req.params.period, action: req.params.action, comment: req.body.comment, version: req.body.version }));

  app.post('/api/v1/data-values', {
    ...enter, schema: { tags: ['indicators'], summary: 'Ghi nhiều giá trị; mặc định tất cả hoặc không (mode=valid: ghi các báo cáo hợp lệ)', body: DataValuesBody },
  }, async (req) => {
    const body = Array.isArray(req.body) ? { mode: 'all' as const, values: req.body } : req.body;
    return writeBatch(deps.db, req.actor, body.values, body.mode);
  });

  app.get('/api/v1/data-sets/:code/completeness', {
    ...read, schema: { tags: ['indicators'], summary: 'Tính đầy đủ và đúng hạn của báo cáo số liệu; format=xlsx', params: z.object({ code: Code }), querystring: z.strictObject({ period: z.string().max(20), under: UnitId.optional(), format: Format }) },
  }, async (req, reply) => {
    const c = await completeness(deps.db, req.actor, { dataSet: req.params.code, period: req.query.period, under: req.query.under });
    if (req.query.format === 'json') return c;
    return sendXlsx(reply, `tien-do-bao-cao-${c.dataSet.code}-${c.period}.xlsx`, await xlsxBuffer<(typeof c.units)[number]>('Tiến độ báo cáo', `${c.dataSet.name} — kỳ ${c.period} — hạn ${c.dueOn.split('-').reverse().join('/')}`, [
      { header: 'Mã', value: (r) => r.unit.code, width: 10 }, { header: 'Đơn vị', value: (r) => r.unit.name, width: 34 }, { header: 'Trực thuộc', value: (r) => r.unit.parent, width: 26 },
      { header: 'Trạng thái', value: (r) => STATUS_LABELS[r.status as keyof typeof STATUS_LABELS], width: 18 }, { header: 'Số giá trị', value: (r) => r.values, width: 10 },
      { header: 'Ngày gửi', value: (r) => r.submittedOn?.split('-').reverse().join('/') ?? null, width: 12 }, { header: 'Đúng hạn', value: (r) => (r.received ? (r.onTime ? 'Có' : 'Trễ') : ''), width: 10 },
    ], c.units));
  });

  // ---- XLSX template and import
  app.get('/api/v1/data-sets/:code/template.xlsx', {
    ...enter, schema: { tags: ['indicators'], summary: 'Mẫu Excel nhập số liệu cho các đơn vị trong phạm vi', params: z.object({ code: Code }), querystring: z.strictObject({ period: z.string().max(20), under: UnitId.optional() }) },
  }, async (req, reply) => {
    const ds = await dataSetByCode(deps.db, req.params.code);
    const period = periodOfDataSet(ds, req.query.period, 'period');
    const c = await completeness(deps.db, req.actor, { dataSet: ds.code, period: period.id, under: req.query.under });
    const map = await valuesByUnitCode(deps.db, ds, period.id, c.units.map((u) => u.unit.id));
    const body = await templateXlsx(ds, period.id, periodLabel(period), c.units.map((u) => ({ code: u.unit.code, name: u.unit.name, parent: u.unit.parent })), map);
    return sendXlsx(reply, `mau-${ds.code}-${period.id}.xlsx`, body);
  });

  app.post('/api/v1/data-sets/:code/imports', {
    ...enter, schema: { tags: ['indicators'], summary: 'Nhập số liệu từ mẫu Excel; dryRun=true (mặc định) chỉ kiểm tra', params: z.object({ code: Code }), querystring: z.strictObject({ period: z.string().max(20), dryRun: z.enum(['true', 'false']).default('true') }), consumes: ['multipart/form-data'] },
  }, async (req, reply) => {
    if (!req.isMultipart()) throw problem(415, 'request.media_type', 'Hãy gửi tệp dạng multipart/form-data');
    const ds = await dataSetByCode(deps.db, req.params.code);
    const period = periodOfDataSet(ds, req.query.period, 'period');
    const file = await req.file({ limits: { fileSize: IMPORT_LIMIT } });
    if (!file) throw problem(400, 'import.missing_file', 'Chưa chọn tệp', { errors: [{ field: 'file', message: 'thiếu tệp' }] });
    const bytes = await file.toBuffer();
    if (file.file.truncated) throw problem(413, 'import.too_large', `Tệp vượt quá ${IMPORT_LIMIT / 1024 / 1024} MB`);
    const parsed = await parseTemplate(bytes, ds, period.id);
    if (parsed.problems.length) {
      return reply.code(422).type('application/problem+json; charset=utf-8').send({ type: 'about:blank', status: 422, code: 'import.invalid', title: `Tệp có ${parsed.problems.length.toLocaleString('vi-VN')} lỗi; chưa ghi số liệu nào`, errors: parsed.problems });
    }
    const result = await writeBatch(deps.db, req.actor, parsed.rows, 'all', { fields: parsed.cells, dryRun: req.query.dryRun === 'true' });
    if (result.dryRun && result.rows.some((r) => r.status === 'invalid')) {
      const errors = result.rows.flatMap((r) => r.errors);
      return reply.code(422).type('application/problem+json; charset=utf-8').send({ type: 'about:blank', status: 422, code: 'import.invalid', title: `Tệp có ${errors.length.toLocaleString('vi-VN')} lỗi; chưa ghi số liệu nào`, errors, warnings: result.warnings });
    }
    return reply.code(result.dryRun ? 200 : 201).send({ dryRun: result.dryRun, values: parsed.rows.length, units: new Set(parsed.rows.map((r) => r.unit)).size, written: result.written, warnings: result.warnings });
  });

  app.put('/api/v1/boundaries/:unitId', {
    preHandler: requirePermission('boundary.manage'), bodyLimit: 30 * 1024 * 1024,
    schema: { tags: ['indicators'], summary: 'Tải lên tệp ranh giới GeoJSON của một tỉnh (kèm giấy phép)', params: z.object({ unitId: UnitId }), body: BoundaryBody },
  }, async (req) => {
    await readableUnit(deps.db, req.actor, { unitId: req.params.unitId }, deps.today());
    return saveBoundary(deps.db, req.actor, req.params.unitId, req.body);
  });
}
