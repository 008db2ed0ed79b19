import ExcelJS from 'exceljs';
import type { Issue } from './validate.ts';
import { combinationLabel, combinations } from './model.ts';
import type { DataSetDef } from './entry.ts';
import type { BatchRow } from './entry.ts';

/**
 * The XLSX template of a data set for one period: one row per unit, one column per element (per disaggregation),
 * the codes in a frozen second row so that reordered or renamed headers still import, and a hidden sheet that says
 * which data set and period the file is for. Parsing is pure: bytes in, rows and cell-named problems out.
 */
export const DATA_SHEET = 'Số liệu';
const META_SHEET = 'xhht';
const TEMPLATE_KIND = 'xhht-data-set-v1';

export interface TemplateUnit { code: string; name: string; parent: string | null }

const columnsOf = (ds: DataSetDef) => ds.elements.flatMap((el) => combinations(el.categories).map((key) => ({
  code: key ? `${el.code}|${key}` : el.code, header: key ? `${el.name} — ${combinationLabel(key)}` : el.name, element: el, key,
})));

export async function templateXlsx(ds: DataSetDef, period: string, periodLabel: string, units: TemplateUnit[], values: Map<string, number>): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'xhht';
  const ws = wb.addWorksheet(DATA_SHEET);
  const cols = columnsOf(ds);
  ws.addRow(['Mã đơn vị', 'Đơn vị', 'Trực thuộc', ...cols.map((c) => c.header)]).font = { bold: true };
  ws.addRow(['#ma', '', '', ...cols.map((c) => c.code)]).font = { color: { argb: 'FF888888' }, size: 9 };
  for (const u of units) ws.addRow([u.code, u.name, u.parent ?? '', ...cols.map((c) => values.get(`${u.code}|${c.code}`) ?? null)]);
  ws.getRow(1).alignment = { wrapText: true, vertical: 'top' };
  ws.getRow(1).height = 60;
  ws.columns.forEach((c, i) => { c.width = i === 1 ? 36 : i === 2 ? 24 : i === 0 ? 12 : 18; });
  cols.forEach((c, i) => { ws.getColumn(4 + i).numFmt = c.element.valueType === 'number' ? '#,##0.##' : '#,##0'; });
  ws.views = [{ state: 'frozen', xSplit: 2, ySplit: 2 }];
  const meta = wb.addWorksheet(META_SHEET, { state: 'veryHidden' });
  meta.addRows([['kind', TEMPLATE_KIND], ['dataSet', ds.code], ['period', period], ['periodLabel', periodLabel]]);
  const guide = wb.addWorksheet('Hướng dẫn');
  guide.addRows([
    [`Mẫu nhập số liệu "${ds.name}" — ${periodLabel}`],
    ['Nhập số vào các ô trống; để trống ô nào thì giá trị đó giữ nguyên. Không gộp ô, không thêm cột, không sửa dòng mã (#ma).'],
    ['Số đếm là số nguyên không âm; ô có/không nhập 1 (có) hoặc 0 (không).'],
    ['Tải tệp lên ở trang Nhập số liệu: hệ thống kiểm tra trước (chạy thử) và chỉ ghi khi mọi ô hợp lệ.'],
  ]);
  guide.getColumn(1).width = 120;
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export interface ParsedTemplate {
  rows: BatchRow[];
  /** The cell each row came from, e.g. "Số liệu!E7". */
  cells: string[];
  problems: Issue[];
}

const fail = (code: string, message: string, field: string): Issue => ({ severity: 'error', code, message, field });

/** A cell as a number: Excel numbers as they are; text in Vietnamese (1.234,5) or plain (1234.5) notation. */
function numberOf(v: ExcelJS.CellValue): number | null | undefined {
  if (v === null || v === undefined || v === '') return null;
  if (typeof v === 'number') return v;
  if (typeof v === 'object' && 'result' in v && typeof v.result === 'number') return v.result;
  if (typeof v !== 'string') return undefined;
  const s = v.trim().replace(/\s/g, '');
  if (s === '') return null;
  if (/^-?\d{1,3}(\.\d{3})+(,\d+)?$/.test(s)) return Number(s.replace(/\./g, '').replace(',', '.'));
  if (/^-?\d+(,\d+)?$/.test(s)) return Number(s.replace(',', '.'));
  if (/^-?\d+(\.\d+)?$/.test(s)) return Number(s);
  return undefined;
}

export async function parseTemplate(bytes: Buffer, ds: DataSetDef, period: string): Promise<ParsedTemplate> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  } catch {
    return { rows: [], cells: [], problems: [fail('xlsx.unreadable', 'Không đọc được tệp: không phải tệp Excel (.xlsx) hợp lệ', 'file')] };
  }
  const meta = new Map<string, string>();
  wb.getWorksheet(META_SHEET)?.eachRow((r) => meta.set(String(r.getCell(1).value ?? ''), String(r.getCell(2).value ?? '')));
  if (meta.get('kind') !== TEMPLATE_KIND) return { rows: [], cells: [], problems: [fail('xlsx.wrong_template', 'Tệp không phải mẫu nhập số liệu của hệ thống; hãy tải mẫu ở trang Nhập số liệu', 'file')] };
  if (meta.get('dataSet') !== ds.code) return { rows: [], cells: [], problems: [fail('xlsx.wrong_template', `Tệp là mẫu của bộ dữ liệu ${meta.get('dataSet')}, không phải ${ds.code}`, 'file')] };
  if (meta.get('period') !== period) return { rows: [], cells: [], problems: [fail('xlsx.wrong_period', `Tệp là mẫu của kỳ ${meta.get('period')}, không phải kỳ ${period}`, 'file')] };
  const ws = wb.getWorksheet(DATA_SHEET);
  if (!ws) return { rows: [], cells: [], problems: [fail('xlsx.wrong_template', `Thiếu trang "${DATA_SHEET}"`, 'file')] };

  const problems: Issue[] = [];
  const merges = (ws.model as { merges?: string[] }).merges ?? [];
  for (const range of merges) problems.push(fail('xlsx.merged_cells', `Ô bị gộp (${range}): hãy bỏ gộp ô`, `${DATA_SHEET}!${range}`));

  const byCode = new Map(columnsOf(ds).map((c) => [c.code, c]));
  const codeRow = ws.getRow(2);
  if (String(codeRow.getCell(1).value ?? '') !== '#ma') problems.push(fail('xlsx.wrong_template', 'Dòng mã (#ma) ở dòng 2 đã bị sửa hoặc xóa', `${DATA_SHEET}!A2`));
  const columns: { col: number; code: string; element: string; key: string }[] = [];
  codeRow.eachCell((cell, col) => {
    if (col <= 3) return;
    const code = String(cell.value ?? '').trim();
    const c = byCode.get(code);
    if (!c) problems.push(fail('xlsx.unknown_column', `Cột "${code}" không thuộc bộ dữ liệu ${ds.code}`, `${DATA_SHEET}!${cell.address}`));
    else columns.push({ col, code, element: c.element.code, key: c.key });
  });
  const seen = new Set<string>();
  for (const c of columns) {
    if (seen.has(c.code)) problems.push(fail('xlsx.duplicate_column', `Cột ${c.code} xuất hiện hai lần`, `${DATA_SHEET}!${codeRow.getCell(c.col).address}`));
    seen.add(c.code);
  }
  if (problems.length) return { rows: [], cells: [], problems };

  const rows: BatchRow[] = [], cells: string[] = [];
  const units = new Set<string>();
  ws.eachRow((row, r) => {
    if (r <= 2) return;
    const unit = String(row.getCell(1).value ?? '').trim();
    const filled = columns.filter((c) => numberOf(row.getCell(c.col).value) !== null);
    if (!unit) {
      if (filled.length) problems.push(fail('xlsx.missing_unit', `Dòng ${r} có số liệu nhưng thiếu mã đơn vị`, `${DATA_SHEET}!A${r}`));
      return;
    }
    if (units.has(unit)) problems.push(fail('xlsx.duplicate_unit', `Đơn vị ${unit} xuất hiện nhiều lần`, `${DATA_SHEET}!A${r}`));
    units.add(unit);
    for (const c of columns) {
      const cell = row.getCell(c.col);
      const value = numberOf(cell.value);
      if (value === null) continue;
      if (value === undefined) { problems.push(fail('value.not_number', `Ô ${cell.address}: "${String(cell.text)}" không phải là số`, `${DATA_SHEET}!${cell.address}`)); continue; }
      rows.push({ dataElement: c.element, unit, period, disaggregation: c.key, value });
      cells.push(`${DATA_SHEET}!${cell.address}`);
    }
  });
  if (rows.length === 0 && problems.length === 0) problems.push(fail('xlsx.empty', 'Tệp không có số liệu nào', `${DATA_SHEET}`));
  return { rows, cells, problems };
}
