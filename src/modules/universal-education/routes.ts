import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requirePermission, type RouteDeps } from '../../http/app.ts';
import { forbidden, notAllowed, problem } from '../../http/problem.ts';
import { sendXlsx, xlsxBuffer, xlsxWorkbook } from '../../http/xlsx.ts';
import { statisticalTables } from './statistics.ts';
import { logAccess } from '../audit/access.ts';
import { can } from '../auth/model.ts';
import { NAME_LISTS, nameList, type NameList } from './name-lists.ts';
import { parseCommunes, parseResidents, templateXlsx, type ImportError } from './register-file.ts';
import { addResident, importRegister, moveResident, personHistory, resolveCommunes, rolloverSurvey, updateResident } from './register.ts';
import { listResidents } from './residents.ts';
import { readResult, ruleSet } from './results.ts';

const Year = z.coerce.number().int().min(1990).max(2100);
const IMPORT_LIMIT = 200 * 1024 * 1024; // a province-wide residents file runs to tens of MB

const ResidentBody = z.strictObject({
  householdCode: z.string().trim().min(1).max(64), hamlet: z.string().trim().max(120).nullable().default(null),
  personKey: z.string().trim().min(1).max(64), fullName: z.string().trim().min(1).max(200), sex: z.enum(['M', 'F']),
  birthYear: z.number().int().min(1900).max(2100),
  status: z.enum(['present', 'moved_out', 'deceased']), disability: z.enum(['none', 'can_learn', 'cannot_learn']),
  enrolled: z.enum(['none', 'preschool', 'primary', 'lower_secondary', 'upper_secondary', 'continuing_upper', 'vocational', 'higher']),
  highestGrade: z.number().int().min(0).max(12), lowerSecondaryDiploma: z.boolean(), preschoolCompleted: z.boolean(),
  literacyStage: z.union([z.literal(0), z.literal(1), z.literal(2)]),
});

export async function universalEducationRoutes(base: FastifyInstance, deps: RouteDeps) {
  const app = base.withTypeProvider<ZodTypeProvider>();

  app.get('/api/v1/pcgd/template.xlsx', { schema: { tags: ['pcgd'], summary: 'Mẫu tệp nhập sổ PCGD–XMC (XLSX)' } },
    async (_req, reply) => sendXlsx(reply, 'mau-so-pcgd-xmc.xlsx', Buffer.from(await templateXlsx())));

  app.post('/api/v1/pcgd/imports', {
    preHandler: requirePermission('register.write'),
    schema: {
      tags: ['pcgd'], summary: 'Nhập sổ PCGD–XMC (multipart: communes, residents); dryRun=true chỉ kiểm tra',
      querystring: z.strictObject({ year: Year, dryRun: z.enum(['true', 'false']).default('true') }), consumes: ['multipart/form-data'],
    },
  }, async (req, reply) => {
    if (!req.isMultipart()) throw problem(415, 'request.media_type', 'Hãy gửi tệp dạng multipart/form-data');
    const files: Record<string, { name: string; bytes: Uint8Array }> = {};
    for await (const part of req.files({ limits: { fileSize: IMPORT_LIMIT } })) {
      files[part.fieldname] = { name: part.filename, bytes: new Uint8Array(await part.toBuffer()) };
    }
    const missing = ['communes', 'residents'].filter((f) => !files[f]);
    if (missing.length) throw problem(400, 'import.missing_file', 'Cần hai tệp: communes và residents', { errors: missing.map((f) => ({ field: f, message: 'thiếu tệp' })) });
    const year = req.query.year;
    const communes = await parseCommunes(files.communes!);
    const errors: ImportError[] = communes.ok ? [] : [...communes.errors];
    const residents = communes.ok ? await parseResidents(files.residents!, { year, knownCommunes: new Set(communes.rows.map((c) => c.communeCode)) }) : undefined;
    if (residents && !residents.ok) errors.push(...residents.errors);
    if (communes.ok) errors.push(...(await resolveCommunes(deps.db, req.actor, year, communes.rows)).errors);
    if (errors.length || !communes.ok || !residents?.ok) {
      return reply.code(400).type('application/problem+json; charset=utf-8').send({ type: 'about:blank', status: 400, code: 'import.invalid', title: `Tệp có ${errors.length.toLocaleString('vi-VN')} lỗi; chưa nhập dữ liệu nào`, errors });
    }
    const counted = residents.rows.filter((r) => r.status === 'present' && r.disability !== 'cannot_learn').length;
    if (req.query.dryRun === 'true') {
      return { dryRun: true, year, communes: communes.rows.length, households: new Set(residents.rows.map((r) => `${r.communeCode}/${r.householdId}`)).size, residents: residents.rows.length, counted };
    }
    return reply.code(201).send({ dryRun: false, year, ...(await importRegister(deps.db, req.actor, year, communes.rows, residents.rows)) });
  });

  app.get('/api/v1/pcgd/results', {
    preHandler: requirePermission('pcgd.results'),
    schema: {
      tags: ['pcgd'], summary: 'Kết quả PCGD–XMC của một đơn vị (xã, huyện, tỉnh) trong năm; format=xlsx: các biểu thống kê',
      querystring: z.strictObject({ unit: z.string().max(32), year: Year, format: z.enum(['json', 'xlsx']).default('json') }),
    },
  }, async (req, reply) => {
    const r = await readResult(deps.db, req.query.unit, req.query.year);
    if (!r) throw problem(404, 'pcgd.no_result', 'Chưa có kết quả của đơn vị này trong năm đã chọn', { unit: req.query.unit, year: req.query.year });
    if (req.query.format === 'json') return r;
    return sendXlsx(reply, `pcgd-xmc-${r.unit.code}-${r.year}.xlsx`, await xlsxWorkbook(await statisticalTables(deps.db, r.unit.id, r.unit.name, r.year)));
  });

  app.get('/api/v1/pcgd/residents', {
    preHandler: requirePermission('register.read'),
    schema: { tags: ['pcgd'], summary: 'Sổ theo dõi của một xã (dữ liệu cá nhân; mỗi lần xem được ghi lại)', querystring: z.strictObject({ commune: z.string().max(32), year: Year, q: z.string().max(100).optional() }) },
  }, async (req) => {
    const r = await listResidents(deps.db, req.actor, req.query.commune, req.query.year, req.query.q);
    if (r === undefined) throw forbidden('org_unit');
    if (r === null) throw problem(404, 'survey.not_found', `Xã/phường chưa có sổ PCGD–XMC năm ${req.query.year}; hãy nhập sổ hoặc lập sổ từ năm trước`);
    await logAccess(deps.db, req.actor, 'residents.list', r.survey.communeId, { year: req.query.year, q: req.query.q ?? null, rows: r.residents.length });
    return r;
  });

  app.post('/api/v1/pcgd/surveys/:id/residents', {
    preHandler: requirePermission('register.write'),
    schema: { tags: ['pcgd'], summary: 'Thêm người vào sổ', params: z.object({ id: z.string().regex(/^\d{1,18}$/) }), body: ResidentBody },
  }, async (req, reply) => reply.code(201).send(await addResident(deps.db, req.actor, req.params.id, req.body)));

  app.patch('/api/v1/pcgd/residents/:id', {
    preHandler: requirePermission('register.write'),
    schema: { tags: ['pcgd'], summary: 'Sửa thông tin một người', params: z.object({ id: z.string().regex(/^\d{1,18}$/) }), body: ResidentBody.extend({ version: z.number().int().min(1), enrolmentConfirmed: z.boolean().optional() }) },
  }, async (req) => updateResident(deps.db, req.actor, req.params.id, req.body));

  const Id = z.object({ id: z.string().regex(/^\d{1,18}$/) });
  app.post('/api/v1/pcgd/surveys/:id/rollover', {
    preHandler: requirePermission('register.write'),
    schema: { tags: ['pcgd'], summary: 'Lập sổ năm sau từ sổ năm này (lên lớp; cần xác nhận việc học)', params: Id },
  }, async (req, reply) => reply.code(201).send(await rolloverSurvey(deps.db, req.actor, req.params.id)));

  app.post('/api/v1/pcgd/residents/:id/move', {
    preHandler: requirePermission('register.write'),
    schema: { tags: ['pcgd'], summary: 'Chuyển một người sang xã/phường khác (giữ lịch sử)', params: Id,
      body: z.strictObject({ communeCode: z.string().trim().min(1).max(32), householdCode: z.string().trim().min(1).max(64), hamlet: z.string().trim().max(120).nullable().default(null) }) },
  }, async (req) => moveResident(deps.db, req.actor, req.params.id, req.body));

  app.get('/api/v1/pcgd/people/:personKey/history', {
    preHandler: requirePermission('register.read'),
    schema: { tags: ['pcgd'], summary: 'Lịch sử của một người qua các năm và các xã (dữ liệu cá nhân)', params: z.object({ personKey: z.string().max(64) }) },
  }, async (req) => {
    const rows = await personHistory(deps.db, req.actor, req.params.personKey);
    await logAccess(deps.db, req.actor, 'person.history', null, { personKey: req.params.personKey, rows: rows.length });
    return rows;
  });

  app.get('/api/v1/pcgd/name-lists/:list', {
    preHandler: requirePermission('register.read'),
    schema: {
      tags: ['pcgd'], summary: 'Danh sách cần vận động (dữ liệu cá nhân; xuất XLSX cần vai trò điều phối)',
      params: z.object({ list: z.enum(Object.keys(NAME_LISTS) as [NameList, ...NameList[]]) }),
      querystring: z.strictObject({ unit: z.string().max(32), year: Year, format: z.enum(['json', 'xlsx']).default('json') }),
    },
  }, async (req, reply) => {
    const { unit, year, format } = req.query;
    if (format === 'xlsx' && !can(req.actor.role, 'register.export')) throw notAllowed('register.export');
    const found = await nameList(deps.db, req.actor, ruleSet(), req.params.list, unit, year);
    if (!found) throw forbidden('org_unit');
    await logAccess(deps.db, req.actor, format === 'xlsx' ? 'name_list.export' : 'name_list.read', found.unitId, { list: req.params.list, year, rows: found.rows.length });
    if (format === 'json') return { title: NAME_LISTS[req.params.list].title, year, rows: found.rows };
    type Row = (typeof found.rows)[number];
    const body = await xlsxBuffer<Row>('Danh sách', `${NAME_LISTS[req.params.list].title} — năm ${year}`, [
      { header: 'Xã/phường', value: (r) => r.commune, width: 24 },
      { header: 'Thôn/ấp/khu phố', value: (r) => r.hamlet, width: 20 },
      { header: 'Hộ', value: (r) => r.household, width: 12 },
      { header: 'Mã người', value: (r) => r.personKey, width: 14 },
      { header: 'Họ và tên', value: (r) => r.fullName, width: 28 },
      { header: 'Giới tính', value: (r) => (r.sex === 'F' ? 'Nữ' : 'Nam'), width: 10 },
      { header: 'Năm sinh', value: (r) => r.birthYear, width: 10 },
      { header: 'Tuổi', value: (r) => r.age, width: 8 },
      { header: 'Lớp cao nhất đã học xong', value: (r) => r.highestGrade, width: 12 },
      { header: 'Giai đoạn XMC', value: (r) => r.literacyStage, width: 10 },
      { header: 'Đang học', value: (r) => r.enrolled, width: 16 },
    ], found.rows);
    return sendXlsx(reply, `${req.params.list}-${unit}-${year}.xlsx`, body);
  });
}
