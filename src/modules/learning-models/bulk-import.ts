import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import type { Db } from '../../db/schema.ts';
import { Problem, problem } from '../../http/problem.ts';
import type { Actor } from '../auth/model.ts';
import { inScope } from '../auth/scope.ts';
import { indicatorsOf, type CriteriaSet } from './criteria.ts';
import { SubjectBody } from './model.ts';
import { insertRegistration, saveAssessmentIn, setInForce } from './registration.ts';
import { insertSubject } from './subjects.ts';
import { MODEL_LABELS, SUBJECT_KIND_OF, type ModelType } from './workflow.ts';

/**
 * Bulk registration with self-assessment scores from an Excel template (issue 5): one row per subject, one column
 * per indicator of the criteria set in force, the codes in a frozen second row (as the data-entry template). An upload
 * is checked by running every row through the same store functions as the forms inside one transaction that is rolled
 * back: the dry run lists every problem with its cell ("Đăng ký!E7"), and the write commits only when no row fails.
 */
export const SHEET = 'Đăng ký';
const META_SHEET = 'xhht';
const TEMPLATE_KIND = 'xhht-model-registrations-v1';
const FIXED = [
  { code: 'name', header: 'Họ và tên / Tên đối tượng', width: 30 },
  { code: 'unit', header: 'Mã đơn vị (xã, thôn, cơ quan…)', width: 16 },
  { code: 'birthYear', header: 'Năm sinh (công dân)', width: 12 },
  { code: 'targetGroup', header: 'Nhóm đối tượng (mã, xem trang Hướng dẫn)', width: 18 },
  { code: 'difficultArea', header: 'Vùng khó khăn (1 = có)', width: 12 },
] as const;
const col = (n: number) => { let s = ''; for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s; return s; };

async function criteriaFor(db: Db, modelType: ModelType, year: number): Promise<CriteriaSet> {
  const set = await setInForce(db, modelType, year);
  if (!set) throw problem(422, 'criteria.no_set', `Chưa có bộ tiêu chí ${MODEL_LABELS[modelType]} áp dụng cho năm ${year}`, { errors: [{ field: 'modelType', message: modelType }] });
  return set;
}

export async function registrationTemplate(db: Db, modelType: ModelType, year: number): Promise<Buffer> {
  const set = await criteriaFor(db, modelType, year);
  const indicators = indicatorsOf(set.definition);
  const wb = new ExcelJS.Workbook();
  wb.creator = 'xhht';
  const ws = wb.addWorksheet(SHEET);
  ws.addRow([...FIXED.map((f) => f.header), ...indicators.map((i) => `${i.code} — ${i.name}${i.maxPoints ? ` (tối đa ${i.maxPoints} điểm)` : ' (1 = đạt, 0 = chưa đạt)'}`)]).font = { bold: true };
  ws.addRow([...FIXED.map((f) => `#${f.code}`), ...indicators.map((i) => i.code)]).font = { color: { argb: 'FF888888' }, size: 9 };
  ws.getRow(1).alignment = { wrapText: true, vertical: 'top' };
  ws.getRow(1).height = 90;
  [...FIXED.map((f) => f.width), ...indicators.map(() => 16)].forEach((w, i) => { ws.getColumn(i + 1).width = w; });
  ws.views = [{ state: 'frozen', xSplit: 1, ySplit: 2 }];
  wb.addWorksheet(META_SHEET, { state: 'veryHidden' }).addRows([['kind', TEMPLATE_KIND], ['modelType', modelType], ['year', String(year)], ['criteriaSet', `${set.code} v${set.version}`]]);
  const guide = wb.addWorksheet('Hướng dẫn');
  guide.addRows([
    [`Mẫu đăng ký "${MODEL_LABELS[modelType]}" năm ${year} — bộ tiêu chí ${set.name} (${set.code}, phiên bản ${set.version})`],
    ['Mỗi dòng một đối tượng: tên, mã đơn vị nơi đối tượng sinh sống hoặc thuộc về, điểm tự đánh giá từng chỉ số. Không sửa dòng mã (dòng 2).'],
    ['Đối tượng đã có (cùng tên, năm sinh, đơn vị) được dùng lại; mỗi đối tượng chỉ đăng ký một lần mỗi năm. Hồ sơ được tạo ở trạng thái "Đang lập hồ sơ", ghi là nhập hộ.'],
    ['Tải tệp lên ở trang Hồ sơ mô hình học tập: hệ thống kiểm tra trước (chạy thử) và chỉ ghi khi mọi dòng hợp lệ.'],
    [],
    ...(set.definition.targetGroups?.length ? [['Nhóm đối tượng (mã — tên):'], ...set.definition.targetGroups.map((g) => [`${g.code} — ${g.name}`])] : []),
  ]);
  guide.getColumn(1).width = 140;
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export interface ImportError { cell: string; code: string; message: string }
interface Row { line: number; broken: boolean; name: string; unitCode: string; birthYear?: number; targetGroup?: string; difficultArea: boolean; scores: Record<string, number | boolean> }
interface Parsed { rows: Row[]; errors: ImportError[]; columnOf: Map<string, number> }

const text = (v: ExcelJS.CellValue) => (v === null || v === undefined ? '' : typeof v === 'object' && 'result' in v ? String(v.result ?? '') : typeof v === 'object' && 'richText' in v ? v.richText.map((t) => t.text).join('') : String(v)).trim();
function numberOf(v: ExcelJS.CellValue): number | null | undefined {
  const s = typeof v === 'number' ? String(v) : text(v).replace(/\s/g, '');
  if (s === '') return null;
  if (/^-?\d+([.,]\d+)?$/.test(s)) return Number(s.replace(',', '.'));
  return undefined;
}

async function parse(bytes: Buffer, set: CriteriaSet, modelType: ModelType, year: number): Promise<Parsed> {
  const none = (code: string, message: string, cell = 'file'): Parsed => ({ rows: [], errors: [{ cell, code, message }], columnOf: new Map() });
  const wb = new ExcelJS.Workbook();
  try { await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer); } catch { return none('xlsx.unreadable', 'Không đọc được tệp: không phải tệp Excel (.xlsx) hợp lệ'); }
  const meta = new Map<string, string>();
  wb.getWorksheet(META_SHEET)?.eachRow((r) => meta.set(text(r.getCell(1).value), text(r.getCell(2).value)));
  if (meta.get('kind') !== TEMPLATE_KIND) return none('xlsx.wrong_template', 'Tệp không phải mẫu đăng ký mô hình học tập của hệ thống; hãy tải mẫu');
  if (meta.get('modelType') !== modelType || meta.get('year') !== String(year)) {
    return none('xlsx.wrong_template', `Tệp là mẫu của ${MODEL_LABELS[meta.get('modelType') as ModelType] ?? meta.get('modelType')} năm ${meta.get('year')}, không phải ${MODEL_LABELS[modelType]} năm ${year}`);
  }
  const ws = wb.getWorksheet(SHEET);
  if (!ws) return none('xlsx.wrong_template', `Thiếu trang "${SHEET}"`);

  const errors: ImportError[] = [];
  const at = (c: number, r: number) => `${SHEET}!${col(c)}${r}`;
  const indicators = new Map(indicatorsOf(set.definition).map((i) => [i.code, i]));
  const columnOf = new Map<string, number>();
  ws.getRow(2).eachCell((cell, c) => {
    const code = text(cell.value).replace(/^#/, '');
    if (!FIXED.some((f) => f.code === code) && !indicators.has(code)) errors.push({ cell: at(c, 2), code: 'xlsx.unknown_column', message: `Cột "${text(cell.value)}" không thuộc mẫu (dòng mã đã bị sửa?)` });
    else if (columnOf.has(code)) errors.push({ cell: at(c, 2), code: 'xlsx.duplicate_column', message: `Cột ${code} xuất hiện hai lần` });
    else columnOf.set(code, c);
  });
  for (const f of FIXED) if (!columnOf.has(f.code)) errors.push({ cell: `${SHEET}!2`, code: 'xlsx.missing_column', message: `Thiếu cột #${f.code} ở dòng mã` });
  if (errors.length) return { rows: [], errors, columnOf };

  const rows: Row[] = [];
  const seen = new Map<string, number>();
  const kind = SUBJECT_KIND_OF[modelType];
  ws.eachRow((row, r) => {
    if (r <= 2) return;
    const before = errors.length;
    const cell = (code: string) => row.getCell(columnOf.get(code)!);
    const scores: Record<string, number | boolean> = {};
    let bad = false;
    for (const [code, ind] of indicators) {
      const c = columnOf.get(code);
      if (!c) continue;
      const v = numberOf(row.getCell(c).value);
      if (v === null) continue;
      if (v === undefined || (!ind.maxPoints && v !== 0 && v !== 1)) {
        errors.push({ cell: at(c, r), code: 'value.not_number', message: ind.maxPoints ? `"${text(row.getCell(c).value)}" không phải là số điểm` : 'Chỉ tiêu đạt/chưa đạt: nhập 1 hoặc 0' });
        bad = true;
      } else scores[code] = ind.maxPoints ? v : v === 1;
    }
    const name = text(cell('name').value), unitCode = text(cell('unit').value);
    if (!name && !unitCode && Object.keys(scores).length === 0 && !bad) return; // an empty line
    const birth = numberOf(cell('birthYear').value), area = numberOf(cell('difficultArea').value);
    if (area !== null && area !== 0 && area !== 1) errors.push({ cell: at(columnOf.get('difficultArea')!, r), code: 'value.not_flag', message: 'Vùng khó khăn: để trống, 0 hoặc 1' });
    if (!unitCode) errors.push({ cell: at(columnOf.get('unit')!, r), code: 'import.missing_unit', message: 'Thiếu mã đơn vị' });
    const body = SubjectBody.safeParse({ kind, name, unitId: '0', ...(birth === null ? {} : { birthYear: birth }) });
    if (!body.success) {
      for (const issue of body.error.issues) {
        const field = String(issue.path[0] ?? 'name');
        errors.push({ cell: at(columnOf.get(field === 'birthYear' ? 'birthYear' : 'name')!, r), code: 'import.invalid_subject', message: issue.message });
      }
    }
    const key = `${name.toLocaleLowerCase('vi-VN')}|${birth ?? ''}|${unitCode}`;
    if (name && seen.has(key)) errors.push({ cell: at(columnOf.get('name')!, r), code: 'import.duplicate_row', message: `Trùng với dòng ${seen.get(key)} (cùng tên, năm sinh, đơn vị)` });
    seen.set(key, r);
    const targetGroup = text(cell('targetGroup').value);
    rows.push({ line: r, broken: errors.length > before, name, unitCode, ...(typeof birth === 'number' ? { birthYear: birth } : {}), ...(targetGroup ? { targetGroup } : {}), difficultArea: area === 1, scores });
  });
  if (rows.length === 0 && errors.length === 0) errors.push({ cell: SHEET, code: 'xlsx.empty', message: 'Tệp không có dòng nào' });
  return { rows, errors, columnOf };
}

/** Thrown to roll the checking transaction back; carries the result out of it. */
class RolledBack extends Error { constructor(readonly result: ImportResult) { super('rolled back'); } }

export interface ImportResult { dryRun: boolean; rows: number; created: number; reused: number; passed: number; errors: ImportError[] }

export async function importRegistrations(db: Db, actor: Actor, bytes: Buffer, q: { modelType: ModelType; year: number; dryRun: boolean }, today: string): Promise<ImportResult> {
  const set = await criteriaFor(db, q.modelType, q.year);
  const parsed = await parse(bytes, set, q.modelType, q.year);
  const result: ImportResult = { dryRun: q.dryRun, rows: parsed.rows.length, created: 0, reused: 0, passed: 0, errors: parsed.errors };
  if (parsed.rows.length === 0) return result;
  const cellOf = (line: number, field: string) => {
    const code = field.replace(/^body\./, '').replace(/^scores\./, '');
    const c = parsed.columnOf.get(code === 'unitId' ? 'unit' : code) ?? parsed.columnOf.get('name')!;
    return `${SHEET}!${col(c)}${line}`;
  };
  try {
    await db.transaction().execute(async (tx) => {
      const unitIds = new Map((await tx.selectFrom('org_unit').select(['id', 'code']).where('code', 'in', [...new Set(parsed.rows.map((r) => r.unitCode))])
        .where(sql<boolean>`(valid_from IS NULL OR valid_from <= ${`${q.year}-12-31`}::date) AND (valid_to IS NULL OR valid_to >= ${`${q.year}-12-31`}::date)`).execute()).map((u) => [u.code, u.id]));
      for (const row of parsed.rows) {
        const unitId = unitIds.get(row.unitCode);
        if (!unitId) {
          if (row.unitCode) result.errors.push({ cell: cellOf(row.line, 'unit'), code: 'import.unknown_unit', message: `Không có đơn vị mã ${row.unitCode} vào cuối năm ${q.year}` });
          continue;
        }
        if (row.broken) continue; // its cells are already reported; the store would only repeat them
        try {
          const existing = await tx.selectFrom('learning_subject').select('id').where('kind', '=', SUBJECT_KIND_OF[q.modelType]).where('name', '=', row.name).where('unit_id', '=', unitId)
            .where(sql<boolean>`birth_year IS NOT DISTINCT FROM ${row.birthYear ?? null}::int`).where(inScope(actor, 'learning_subject.unit_id')).orderBy('id').limit(1).executeTakeFirst();
          const subjectId = existing?.id ?? (await insertSubject(tx, actor, { kind: SUBJECT_KIND_OF[q.modelType], name: row.name, unitId, ...(row.birthYear ? { birthYear: row.birthYear } : {}) })).id;
          const reg = await insertRegistration(tx, actor, { subjectId, modelType: q.modelType, year: q.year, onBehalf: true }, today);
          const scored = await saveAssessmentIn(tx, actor, reg.id, 'self', { scores: row.scores, targetGroup: row.targetGroup, difficultArea: row.difficultArea, version: 1 });
          if (existing) result.reused++; else result.created++;
          if (scored.passed) result.passed++;
        } catch (e) {
          if (!(e instanceof Problem)) throw e;
          const fields = (e.details.errors ?? []) as { field?: string; code?: string; message?: string }[];
          if (e.code === 'scope.forbidden') result.errors.push({ cell: cellOf(row.line, 'unit'), code: e.code, message: `Đơn vị ${row.unitCode} ngoài phạm vi của bạn` });
          else if (fields.length) for (const f of fields) result.errors.push({ cell: cellOf(row.line, f.field ?? 'name'), code: f.code ?? e.code, message: f.message && !e.title.includes(f.message) ? `${e.title}: ${f.message}` : e.title });
          else result.errors.push({ cell: cellOf(row.line, 'name'), code: e.code, message: e.title });
        }
      }
      if (q.dryRun || result.errors.length) throw new RolledBack(result);
    });
  } catch (e) {
    if (!(e instanceof RolledBack)) throw e;
  }
  return result;
}
