import ExcelJS from 'exceljs';
import { CsvError, parse as parseCsv } from 'csv-parse/sync';
import { Readable } from 'node:stream';

/**
 * Parsing and validation of the universal-education register import files (communes / residents, CSV or XLSX),
 * per `standards-spec.md` § Input: a file with any fault is rejected whole, with every fault listed
 * (row as the user sees it — header = row 1 —, column, value, reason in Vietnamese). Pure: bytes in, rows or faults out.
 */

export interface CommuneRow {
  communeCode: string; communeName: string; districtCode: string | null; districtName: string | null;
  provinceCode: string; provinceName: string; especiallyDifficult: boolean;
}
export type Enrolled = 'none' | 'preschool' | 'primary' | 'lower_secondary' | 'upper_secondary' | 'continuing_upper' | 'vocational' | 'higher';
export interface ResidentRow {
  residentId: string; householdId: string; communeCode: string; hamlet: string | null; fullName: string;
  sex: 'M' | 'F'; birthYear: number; status: 'present' | 'moved_out' | 'deceased';
  disability: 'none' | 'can_learn' | 'cannot_learn'; enrolled: Enrolled; highestGrade: number;
  lowerSecondaryDiploma: boolean; preschoolCompleted: boolean; literacyStage: 0 | 1 | 2;
}
export type FileKind = 'communes' | 'residents';
export interface ImportError {
  file: FileKind; row: number | null; column: string | null; value: string | null;
  /** Stable code, e.g. `import.unknown_commune`. */
  code: string;
  /** Vietnamese, for the commune officer who prepared the file. */
  message: string;
}
export type ParseResult<T> = { ok: true; rows: T[] } | { ok: false; errors: ImportError[] };
export interface RegisterFile { name: string; bytes: Uint8Array }

/** At most this many faults are listed; the rest are counted in one closing `import.too_many_errors` entry. */
export const MAX_LISTED_ERRORS = 1000;
/** `resident_id` / `commune_code` of the template's example rows start with this, so they are never imported by accident. */
export const EXAMPLE_PREFIX = 'VD-';
/** Ages outside 0..MAX_AGE (age = survey year − birth_year) are impossible. */
export const MAX_AGE = 120;

// ---------------------------------------------------------------------------------------------------------------
// Columns: the names are the spec's; the Vietnamese notes serve both the error messages and the template.

interface Choice { value: string; label: string }
interface ColumnDef {
  name: string;
  /** Empty cell is an error. */
  required: boolean;
  /** What the officer should write, in Vietnamese (template note / instructions). */
  note: string;
  choices?: readonly Choice[];
  /** Text columns whose leading zeros Excel would drop. */
  textFormat?: boolean;
  /** Names, places: checked for legacy-encoding damage. */
  prose?: boolean;
  examples: readonly [string | number, string | number];
}

const FLAG: readonly Choice[] = [{ value: '0', label: 'không' }, { value: '1', label: 'có' }];
const SEX = [{ value: 'M', label: 'nam' }, { value: 'F', label: 'nữ' }] as const;
const STATUS = [
  { value: 'present', label: 'đang cư trú' }, { value: 'moved_out', label: 'đã chuyển đi' }, { value: 'deceased', label: 'đã mất' },
] as const;
const DISABILITY = [
  { value: 'none', label: 'không khuyết tật' },
  { value: 'can_learn', label: 'khuyết tật, có khả năng học tập' },
  { value: 'cannot_learn', label: 'khuyết tật, không có khả năng học tập' },
] as const;
const ENROLLED = [
  { value: 'none', label: 'không đi học' }, { value: 'preschool', label: 'mầm non' }, { value: 'primary', label: 'tiểu học' },
  { value: 'lower_secondary', label: 'THCS' }, { value: 'upper_secondary', label: 'THPT' },
  { value: 'continuing_upper', label: 'GDTX cấp THPT' }, { value: 'vocational', label: 'giáo dục nghề nghiệp' },
  { value: 'higher', label: 'giáo dục đại học' },
] as const;
const LITERACY_STAGE: readonly Choice[] = [
  { value: '0', label: 'chưa học xong giai đoạn nào' }, { value: '1', label: 'xong giai đoạn 1' }, { value: '2', label: 'xong giai đoạn 2' },
];

const COMMUNE_COLUMNS: readonly ColumnDef[] = [
  { name: 'commune_code', required: true, textFormat: true, note: 'Mã xã/phường/đặc khu theo Danh mục đơn vị hành chính Việt Nam (mã thống kê, 5 chữ số). Mỗi xã một dòng, không trùng nhau.', examples: ['VD-00001', 'VD-00002'] },
  { name: 'commune_name', required: true, prose: true, note: 'Tên xã/phường/đặc khu.', examples: ['Xã Ví Dụ Một', 'Phường Ví Dụ Hai'] },
  { name: 'district_code', required: false, textFormat: true, note: 'Mã huyện trong năm điều tra. Để trống nếu năm điều tra sau cải cách 2025 (không còn cấp huyện).', examples: ['VD-001', ''] },
  { name: 'district_name', required: false, prose: true, note: 'Tên huyện trong năm điều tra. Để trống nếu không còn cấp huyện.', examples: ['Huyện Ví Dụ', ''] },
  { name: 'province_code', required: true, textFormat: true, note: 'Mã tỉnh/thành phố.', examples: ['VD-74', 'VD-74'] },
  { name: 'province_name', required: true, prose: true, note: 'Tên tỉnh/thành phố.', examples: ['Tỉnh Ví Dụ', 'Tỉnh Ví Dụ'] },
  { name: 'especially_difficult', required: true, choices: FLAG, note: 'Xã có điều kiện kinh tế - xã hội đặc biệt khó khăn (ĐBKK) trong năm điều tra.', examples: [0, 1] },
];

const RESIDENT_COLUMNS: readonly ColumnDef[] = [
  { name: 'resident_id', required: true, textFormat: true, note: 'Mã nhân khẩu, không trùng nhau trong tệp. Không bắt đầu bằng "VD-" (dành cho dòng ví dụ).', examples: ['VD-0001', 'VD-0002'] },
  { name: 'household_id', required: true, textFormat: true, note: 'Mã hộ gia đình (các nhân khẩu cùng hộ ghi cùng mã).', examples: ['VD-HO-01', 'VD-HO-01'] },
  { name: 'commune_code', required: true, textFormat: true, note: 'Mã xã nơi nhân khẩu thuộc sổ theo dõi; phải có trong danh sách xã (communes).', examples: ['VD-00001', 'VD-00001'] },
  { name: 'hamlet', required: false, prose: true, note: 'Thôn / ấp / bản / khu phố.', examples: ['Thôn 1', 'Thôn 1'] },
  { name: 'full_name', required: true, prose: true, note: 'Họ và tên, gõ tiếng Việt Unicode.', examples: ['Nguyễn Văn An', 'Trần Thị Bình'] },
  { name: 'sex', required: true, choices: SEX, note: 'Giới tính.', examples: ['M', 'F'] },
  { name: 'birth_year', required: true, note: 'Năm sinh, 4 chữ số (ví dụ 1985). Không ghi ngày tháng; định dạng ô là Số (Number), không phải Ngày (Date).', examples: [2015, 1980] },
  { name: 'status', required: true, choices: STATUS, note: 'Tình trạng cư trú; chỉ người đang cư trú được tính vào các tỷ lệ.', examples: ['present', 'present'] },
  { name: 'disability', required: true, choices: DISABILITY, note: 'Khuyết tật và khả năng học tập.', examples: ['none', 'none'] },
  { name: 'enrolled', required: true, choices: ENROLLED, note: 'Hiện đang học cấp học / trình độ nào.', examples: ['primary', 'none'] },
  { name: 'highest_grade', required: true, note: 'Lớp cao nhất đã học xong của giáo dục phổ thông: số nguyên 0–12 (ghi 9, không ghi 9/12).', examples: [3, 9] },
  { name: 'lower_secondary_diploma', required: true, choices: FLAG, note: 'Có bằng tốt nghiệp THCS.', examples: [0, 1] },
  { name: 'preschool_completed', required: true, choices: FLAG, note: 'Đã hoàn thành chương trình giáo dục mầm non.', examples: [1, 0] },
  { name: 'literacy_stage', required: true, choices: LITERACY_STAGE, note: 'Giai đoạn cao nhất đã học xong của chương trình xóa mù chữ.', examples: [0, 0] },
];

const COLUMNS: Record<FileKind, readonly ColumnDef[]> = { communes: COMMUNE_COLUMNS, residents: RESIDENT_COLUMNS };
const FILE_LABEL: Record<FileKind, string> = { communes: 'danh sách xã', residents: 'danh sách nhân khẩu' };

// ---------------------------------------------------------------------------------------------------------------
// Faults

class Faults {
  readonly list: ImportError[] = [];
  private unlisted = 0;
  constructor(readonly file: FileKind) {}
  add(row: number | null, column: string | null, value: string | null, code: string, message: string): void {
    if (this.list.length < MAX_LISTED_ERRORS) this.list.push({ file: this.file, row, column, value, code, message });
    else this.unlisted++;
  }
  get any(): boolean { return this.list.length > 0; }
  result(): ImportError[] {
    if (this.unlisted === 0) return this.list;
    return [...this.list, {
      file: this.file, row: null, column: null, value: null, code: 'import.too_many_errors',
      message: `Còn ${this.unlisted.toLocaleString('vi-VN')} lỗi khác không liệt kê ở đây. Hãy sửa các lỗi trên (thường cùng một nguyên nhân) rồi gửi lại tệp.`,
    }];
  }
}

const at = (row: number, column: string) => `Dòng ${row}, cột ${column}`;
const q = (s: string) => `"${s.length > 60 ? `${s.slice(0, 57)}…` : s}"`;
const listChoices = (choices: readonly Choice[]) => choices.map((c) => `${c.value} (${c.label})`).join(', ');

// ---------------------------------------------------------------------------------------------------------------
// Reading a file into a table of strings

interface Table {
  /** Header cells as written, and the row number of the header. */
  header: string[];
  headerRow: number;
  /** Data rows (blank rows already skipped), row numbers as the user sees them. */
  rows: { row: number; cells: string[] }[];
  /** Where an extra cell sits, for messages: CSV "cột thứ 16", XLSX "cột P". */
  position: (index: number) => string;
}

type ReadResult = { ok: true; table: Table } | { ok: false };

const UTF8 = new TextDecoder('utf-8', { fatal: true });
const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0];
const startsWith = (b: Uint8Array, magic: number[]) => magic.every((m, i) => b[i] === m);
const extension = (name: string) => { const m = /\.([^./\\]+)$/.exec(name); return m ? m[1]!.toLowerCase() : ''; };

const SAVE_AS_CSV_UTF8 = 'Trong Excel chọn File (Tệp) → Save As (Lưu thành) → kiểu "CSV UTF-8 (Comma delimited) (*.csv)", hoặc gửi thẳng tệp Excel .xlsx.';

async function readTable(file: RegisterFile, kind: FileKind, faults: Faults): Promise<ReadResult> {
  const ext = extension(file.name);
  const bytes = file.bytes;
  if (startsWith(bytes, ZIP_MAGIC) && (ext === 'xlsx' || ext === 'xlsm' || ext === 'csv' || ext === '')) return readXlsx(file, kind, faults);
  if (startsWith(bytes, OLE_MAGIC) || ext === 'xls') {
    faults.add(null, null, file.name, 'import.xls_legacy',
      `Tệp "${file.name}" là Excel 97-2003 (.xls), hệ thống không đọc được. Hãy mở bằng Excel và lưu lại dạng "Excel Workbook (*.xlsx)" hoặc "CSV UTF-8 (Comma delimited) (*.csv)".`);
    return { ok: false };
  }
  if (ext === 'xlsx' || ext === 'xlsm') {
    faults.add(null, null, file.name, 'import.xlsx_unreadable', `Tệp "${file.name}" có đuôi .xlsx nhưng không phải tệp Excel hợp lệ (có thể bị hỏng hoặc bị đổi tên). Hãy mở bằng Excel và lưu lại.`);
    return { ok: false };
  }
  if (ext === 'csv' || ext === 'txt') return readCsv(file, kind, faults);
  faults.add(null, null, file.name, 'import.unsupported_format',
    `Tệp "${file.name}" không đúng dạng: chỉ nhận tệp CSV (.csv, mã UTF-8) hoặc Excel (.xlsx) theo mẫu ${FILE_LABEL[kind]}.`);
  return { ok: false };
}

// --- CSV -------------------------------------------------------------------------------------------------------

function readCsv(file: RegisterFile, kind: FileKind, faults: Faults): ReadResult {
  const b = file.bytes;
  if ((b[0] === 0xff && b[1] === 0xfe) || (b[0] === 0xfe && b[1] === 0xff)) {
    faults.add(null, null, file.name, 'import.encoding_utf16',
      `Tệp "${file.name}" được lưu dạng "Unicode Text" (UTF-16), không phải CSV UTF-8. ${SAVE_AS_CSV_UTF8}`);
    return { ok: false };
  }
  let text: string;
  try {
    text = UTF8.decode(b); // also drops a UTF-8 BOM
  } catch {
    encodingFault(file.name, b, faults);
    return { ok: false };
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);

  // Excel writes/reads an optional first line "sep=;"; Excel hides it, so the header is still row 1 for the user.
  const firstRow = 1;
  const sep = /^sep=(.)\r?\n/i.exec(text);
  let delimiter: string;
  if (sep) {
    delimiter = sep[1]!;
    text = text.slice(sep[0].length);
  } else {
    delimiter = detectDelimiter(text);
  }
  if (text.trim() === '') {
    faults.add(null, null, file.name, 'import.empty_file', `Tệp "${file.name}" rỗng: cần dòng tiêu đề (tên cột) và các dòng dữ liệu của ${FILE_LABEL[kind]}.`);
    return { ok: false };
  }
  let records: string[][];
  try {
    records = text.includes('"') ? parseCsv(text, { delimiter, relax_column_count: true, relax_quotes: true, skip_empty_lines: false, bom: false })
      : splitUnquoted(text, delimiter);
  } catch (e) {
    if (!(e instanceof CsvError)) throw e;
    const line = (e as CsvError & { lines?: number }).lines ?? null;
    faults.add(line, null, null, 'import.csv_syntax',
      e.code === 'CSV_QUOTE_NOT_CLOSED'
        ? `Tệp CSV hỏng: có dấu ngoặc kép (") mở mà không đóng, bắt đầu gần dòng ${line ?? '?'}. Hãy kiểm tra ô có dấu ngoặc kép, hoặc gửi tệp Excel .xlsx.`
        : `Tệp CSV hỏng gần dòng ${line ?? '?'} (${e.code}). Hãy mở bằng Excel và lưu lại dạng "CSV UTF-8", hoặc gửi tệp Excel .xlsx.`);
    return { ok: false };
  }
  const header = records[0] ?? [];
  const rows: Table['rows'] = [];
  for (let i = 1; i < records.length; i++) {
    const cells = records[i]!;
    if (isBlank(cells)) continue;
    rows.push({ row: i + firstRow, cells });
  }
  return { ok: true, table: { header, headerRow: firstRow, rows, position: (i) => `cột thứ ${i + 1}` } };
}

/**
 * Without any quote character, RFC 4180 fields hold no delimiter or line break, so plain splitting gives exactly what
 * csv-parse would — about ten times faster, which matters for 300,000-row registers (most Excel exports have no quotes).
 */
function splitUnquoted(text: string, delimiter: string): string[][] {
  const lines = text.includes('\n') ? text.split('\n') : text.split('\r'); // bare CR: old Mac line endings
  if (lines[lines.length - 1] === '' || lines[lines.length - 1] === '\r') lines.pop(); // final line break ends the last record
  const records: string[][] = new Array(lines.length);
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    records[i] = (l.charCodeAt(l.length - 1) === 13 ? l.slice(0, -1) : l).split(delimiter);
  }
  return records;
}

/** Comma per RFC 4180, but Vietnamese-locale Excel exports ";" (and "Text" exports tab): decide from the header line. */
function detectDelimiter(text: string): string {
  let end = text.indexOf('\n');
  if (end < 0) end = text.length;
  let comma = 0, semicolon = 0, tab = 0;
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 44) comma++;
    else if (c === 59) semicolon++;
    else if (c === 9) tab++;
  }
  if (semicolon > comma && semicolon >= tab) return ';';
  if (tab > comma && tab > semicolon) return '\t';
  return ',';
}

function isBlank(cells: readonly string[]): boolean {
  for (const c of cells) if (c.trim() !== '') return false;
  return true;
}

/**
 * Not UTF-8: name the likely legacy encoding. TCVN3 (ABC, .VnTime fonts) puts Vietnamese letters on bytes that are
 * symbols in Windows code pages (0xA8 ă, 0xA9 â, 0xAE đ, 0xB5–0xB9 à ả ã á ạ …); Windows-1258 writes tones as
 * combining marks (0xCC, 0xD2, 0xDE, 0xEC, 0xF2) right after a vowel.
 */
export function guessLegacyEncoding(bytes: Uint8Array): 'tcvn3' | 'windows-1258' | 'unknown' {
  let tcvn3 = 0, cp1258 = 0;
  for (let i = 0; i < bytes.length; i++) {
    const c = bytes[i]!;
    if (c < 0x80) continue;
    if ((c >= 0xa1 && c <= 0xae) || (c >= 0xb5 && c <= 0xb9) || (c >= 0xbb && c <= 0xbe)) tcvn3++;
    else if ((c === 0xcc || c === 0xd2 || c === 0xde || c === 0xec || c === 0xf2) && i > 0 && CP1258_VOWEL[bytes[i - 1]!]) cp1258++;
  }
  if (tcvn3 > cp1258) return 'tcvn3';
  if (cp1258 > 0) return 'windows-1258';
  return 'unknown';
}
const CP1258_VOWEL: boolean[] = (() => {
  const v: boolean[] = new Array(256).fill(false);
  for (const ch of 'aeiouyAEIOUY') v[ch.charCodeAt(0)] = true;
  // â ê ô ơ ư ă and capitals in Windows-1258
  for (const b of [0xe2, 0xea, 0xf4, 0xf5, 0xfd, 0xe3, 0xc2, 0xca, 0xd4, 0xd5, 0xdd, 0xc3]) v[b] = true;
  return v;
})();

function encodingFault(name: string, bytes: Uint8Array, faults: Faults): void {
  const guess = guessLegacyEncoding(bytes);
  if (guess === 'tcvn3') {
    faults.add(null, null, name, 'import.encoding_tcvn3',
      `Tệp "${name}" không phải mã UTF-8: chữ tiếng Việt trong tệp có vẻ được gõ bằng bảng mã TCVN3 (ABC, phông .VnTime). ` +
      `Hãy chuyển mã sang Unicode (ví dụ Unikey → Công cụ chuyển mã: nguồn TCVN3 (ABC), đích Unicode), rồi lưu lại. ${SAVE_AS_CSV_UTF8}`);
  } else if (guess === 'windows-1258') {
    faults.add(null, null, name, 'import.encoding_windows1258',
      `Tệp "${name}" không phải mã UTF-8: có vẻ được lưu bằng bảng mã Windows-1258 (kiểu "CSV (Comma delimited)" của Excel). ` +
      `Hãy mở tệp bằng Excel và lưu lại. ${SAVE_AS_CSV_UTF8}`);
  } else {
    faults.add(null, null, name, 'import.encoding_unknown',
      `Tệp "${name}" không phải mã UTF-8 (có thể là bảng mã cũ như TCVN3, VNI hoặc Windows-1258). ` +
      `Hãy chuyển chữ sang Unicode (ví dụ bằng Unikey) rồi lưu lại. ${SAVE_AS_CSV_UTF8}`);
  }
}

// --- XLSX ------------------------------------------------------------------------------------------------------

async function readXlsx(file: RegisterFile, kind: FileKind, faults: Faults): Promise<ReadResult> {
  // The streaming reader: about three times faster than Workbook.load on 100,000 rows, a fraction of the memory,
  // and it never expands the template's drop-down lists. Styles are read so that date cells come back as dates.
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([Buffer.from(file.bytes.buffer, file.bytes.byteOffset, file.bytes.byteLength)]), {
    worksheets: 'emit', sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', entries: 'ignore',
  });
  // The sheet named like the file kind wins; otherwise the first sheet.
  let first: SheetRows | null = null;
  let named: SheetRows | null = null;
  try {
    for await (const sheet of reader) {
      const name = ((sheet as unknown as { name?: string }).name ?? '').trim();
      const wanted = named === null && name.toLowerCase() === kind;
      const keep = wanted || first === null;
      const rows: SheetRows = { name, rows: [] };
      for await (const row of sheet) {
        if (!keep) continue;
        const values = row.values as ExcelJS.CellValue[]; // 1-based, sparse
        const cells: string[] = new Array(Math.max(0, values.length - 1));
        for (let i = 1; i < values.length; i++) cells[i - 1] = cellText(values[i]);
        if (!isBlank(cells)) rows.rows.push({ row: row.number, cells });
      }
      if (first === null) first = rows;
      if (wanted) named = rows;
    }
  } catch {
    faults.add(null, null, file.name, 'import.xlsx_unreadable', `Không đọc được tệp Excel "${file.name}" (có thể bị hỏng hoặc có mật khẩu). Hãy mở bằng Excel và lưu lại dạng .xlsx.`);
    return { ok: false };
  }
  const sheet = named ?? first;
  const [header, ...rows] = sheet?.rows ?? [];
  if (!sheet || !header) {
    faults.add(null, null, file.name, 'import.empty_file',
      `${sheet ? `Trang "${sheet.name}"` : 'Tệp'} của tệp "${file.name}" trống: cần dòng tiêu đề (tên cột) và các dòng dữ liệu của ${FILE_LABEL[kind]}.`);
    return { ok: false };
  }
  return { ok: true, table: { header: header.cells, headerRow: header.row, rows, position: (i) => `cột ${columnLetter(i + 1)}` } };
}
interface SheetRows { name: string; rows: Table['rows'] }

function cellText(v: ExcelJS.CellValue | undefined): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return String(v);
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (v instanceof Date) return dmy(v);
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((t) => t.text).join('');
    if ('error' in v) return String(v.error);
    if ('formula' in v || 'sharedFormula' in v) return cellText((v as { result?: ExcelJS.CellValue }).result);
    if ('text' in v) return typeof v.text === 'string' ? v.text : cellText(v.text as ExcelJS.CellValue);
  }
  return String(v);
}

/** Dates as a Vietnamese user sees them in Excel (exceljs gives UTC midnight). */
function dmy(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getUTCDate())}/${p(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}`;
}

function columnLetter(n: number): string {
  let s = '';
  for (; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

// ---------------------------------------------------------------------------------------------------------------
// Header

type ColumnIndex = Map<string, number>;

/** Maps each known column to its position; reports missing, unknown and repeated columns. Null when nothing matches. */
function readHeader(table: Table, kind: FileKind, faults: Faults): ColumnIndex | null {
  const defs = COLUMNS[kind];
  const known = new Set(defs.map((d) => d.name));
  const index: ColumnIndex = new Map();
  const unknown: { name: string; i: number }[] = [];
  table.header.forEach((raw, i) => {
    const name = raw.trim().toLowerCase();
    if (name === '') return; // an empty header cell: data under it is reported per row
    if (!known.has(name)) { unknown.push({ name: raw.trim(), i }); return; }
    if (index.has(name)) {
      faults.add(table.headerRow, name, raw, 'import.duplicate_column', `Dòng tiêu đề: cột ${name} xuất hiện hai lần (${table.position(index.get(name)!)} và ${table.position(i)}).`);
      return;
    }
    index.set(name, i);
  });
  const missing = defs.filter((d) => !index.has(d.name)).map((d) => d.name);
  for (const m of missing) {
    faults.add(table.headerRow, m, null, 'import.missing_column', `Dòng tiêu đề thiếu cột ${m}. Các cột cần có: ${defs.map((d) => d.name).join(', ')}.`);
  }
  for (const u of unknown) {
    const guess = closest(u.name.toLowerCase(), missing);
    faults.add(table.headerRow, u.name, u.name, 'import.unknown_column',
      `Dòng tiêu đề có cột lạ ${q(u.name)} (${table.position(u.i)})${guess ? ` — có phải là ${guess}?` : ''}. ` +
      'Hãy sửa tên cột cho đúng mẫu hoặc xoá cột này, để không mất dữ liệu.');
  }
  return index.size === 0 ? null : index;
}

/** A typo in a column name ("birth_yaer", "birth year") is the usual cause of an unknown column. */
function closest(name: string, candidates: string[]): string | null {
  const normal = name.replace(/[\s-]+/g, '_');
  let best: string | null = null, bestDistance = 3;
  for (const c of candidates) {
    const d = normal === c ? 0 : editDistance(normal, c);
    if (d < bestDistance) { best = c; bestDistance = d; }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length]!;
}

// ---------------------------------------------------------------------------------------------------------------
// Cells

const NON_ASCII = /[^\x00-\x7f]/;
const DIGITS = /^\d+$/;
const DATE_LIKE = /^\d{1,4}[/.-]\d{1,2}([/.-]\d{1,4})?$/;
const GRADE_OF_12 = /^(\d{1,2})\s*\/\s*12$/;
/** TCVN3 letters read as Windows-1252/Latin-1 (text typed with .VnTime fonts, or a TCVN3 file opened as ANSI). */
const TCVN3_IN_UNICODE = /[\u00a1-\u00ae\u00b5-\u00b9\u00bb-\u00be]/;
/** A Vietnamese letter that Excel's "CSV (Comma delimited)" replaced with "?" on a non-Vietnamese Windows. */
const LOST_LETTER = /[A-Za-z]\?|\?[A-Za-z]/;
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);

/** Reads the cells of one data row, reporting faults; each getter returns undefined when the cell is faulty. */
class RowReader {
  row = 0;
  cells: readonly string[] = [];
  /** First legacy-encoding damage seen in a name/place cell, reported once for the file. */
  damage: { row: number; column: string; value: string; count: number; code: 'tcvn3' | 'lost' } | null = null;
  constructor(private readonly index: ColumnIndex, private readonly faults: Faults) {}

  raw(column: string): string | undefined {
    const i = this.index.get(column);
    if (i === undefined) return undefined; // missing column: already reported on the header
    const v = this.cells[i];
    return v === undefined ? '' : v.trim();
  }

  fault(column: string, value: string | null, code: string, reason: string): undefined {
    this.faults.add(this.row, column, value, code, `${at(this.row, column)}: ${reason}`);
    return undefined;
  }

  text(def: ColumnDef): string | null | undefined {
    let v = this.raw(def.name);
    if (v === undefined) return undefined;
    if (v === '') return def.required ? this.fault(def.name, null, 'import.required', 'ô bỏ trống — cột này bắt buộc phải có giá trị.') : null;
    if (NON_ASCII.test(v)) {
      v = v.normalize('NFC'); // "Unicode tổ hợp" keyboards and macOS write decomposed letters
      if (def.prose && TCVN3_IN_UNICODE.test(v)) this.noteDamage(def.name, v, 'tcvn3');
    } else if (def.prose && v.includes('?') && LOST_LETTER.test(v)) {
      this.noteDamage(def.name, v, 'lost');
    }
    return v;
  }

  private noteDamage(column: string, value: string, code: 'tcvn3' | 'lost'): void {
    if (this.damage) this.damage.count++;
    else this.damage = { row: this.row, column, value, count: 1, code };
  }

  choice<T extends string>(def: ColumnDef, choices: readonly { value: T; label: string }[], lookup: ReadonlyMap<string, T>): T | undefined {
    const v = this.raw(def.name);
    if (v === undefined) return undefined;
    if (v === '') return this.fault(def.name, null, 'import.required', `ô bỏ trống — hãy ghi một trong các giá trị: ${listChoices(choices)}.`);
    const found = lookup.get(v.toLowerCase());
    if (found === undefined) {
      return this.fault(def.name, v, choices === FLAG ? 'import.invalid_flag' : 'import.invalid_value',
        `giá trị ${q(v)} không hợp lệ — chỉ được ghi một trong các giá trị: ${listChoices(choices)}.`);
    }
    return found;
  }

  integer(def: ColumnDef, min: number, max: number): number | undefined {
    const v = this.raw(def.name);
    if (v === undefined) return undefined;
    if (v === '') return this.fault(def.name, null, 'import.required', `ô bỏ trống — hãy ghi số nguyên từ ${min} đến ${max}.`);
    if (!DIGITS.test(v)) {
      const grade = GRADE_OF_12.exec(v);
      if (grade) return this.fault(def.name, v, 'import.not_integer', `${q(v)} không phải số nguyên — hãy ghi ${Number(grade[1])} thay vì ${v}.`);
      return this.fault(def.name, v, 'import.not_integer', `${q(v)} không phải số nguyên — hãy ghi số nguyên từ ${min} đến ${max}.`);
    }
    const n = Number(v);
    if (n < min || n > max) return this.fault(def.name, v, 'import.out_of_range', `${v} nằm ngoài khoảng cho phép — hãy ghi số nguyên từ ${min} đến ${max}.`);
    return n;
  }

  /** `birth_year`: four digits; Excel dates and date serials are the usual mistake (issue 4). */
  birthYear(def: ColumnDef, year: number): number | undefined {
    const v = this.raw(def.name);
    if (v === undefined) return undefined;
    const c = def.name;
    if (v === '') return this.fault(c, null, 'import.required', 'ô bỏ trống — hãy ghi năm sinh (4 chữ số), ví dụ 1985.');
    if (DATE_LIKE.test(v)) {
      const typedYearInDateCell = /\/1905$/.test(v); // a year typed into a Date-formatted cell shows as a day of 1905
      return this.fault(c, v, 'import.birth_year_date', `${q(v)} là ngày tháng — hãy ghi năm sinh (4 chữ số), không ghi ngày, ví dụ 1985.` +
        (typedYearInDateCell ? ' Ô đang được định dạng Ngày (Date): hãy đổi định dạng cột thành Số (Number) rồi ghi lại năm sinh.' : ''));
    }
    if (!DIGITS.test(v)) return this.fault(c, v, 'import.not_integer', `${q(v)} không phải năm — hãy ghi năm sinh (4 chữ số), ví dụ 1985.`);
    if (v.length === 5) {
      const date = dmy(new Date(EXCEL_EPOCH + Number(v) * 86_400_000));
      return this.fault(c, v, 'import.birth_year_date',
        `${v} là số ngày kiểu Excel (tương ứng ngày ${date}) — hãy ghi năm sinh (4 chữ số), không ghi ngày; định dạng cột là Số (Number), không phải Ngày (Date).`);
    }
    if (v.length !== 4) return this.fault(c, v, 'import.birth_year_format', `${q(v)} không phải năm sinh 4 chữ số — ví dụ ghi 1985, không ghi 85.`);
    const n = Number(v);
    if (n > year) return this.fault(c, v, 'import.impossible_age', `năm sinh ${n} sau năm điều tra ${year}.`);
    if (year - n > MAX_AGE) return this.fault(c, v, 'import.impossible_age', `năm sinh ${n} cho tuổi ${year - n} vào năm ${year} — không thể quá ${MAX_AGE} tuổi.`);
    return n;
  }

  /** Cells to the right of the last named column would be lost silently. */
  extraCells(width: number, position: (i: number) => string): void {
    const cells = this.cells;
    for (let i = 0; i < cells.length; i++) {
      if ((i >= width || this.unnamed.has(i)) && cells[i]!.trim() !== '') {
        this.faults.add(this.row, null, cells[i]!.trim(), 'import.extra_value',
          `Dòng ${this.row}: có giá trị ${q(cells[i]!.trim())} ở ${position(i)}, nằm ngoài các cột có tên. ` +
          'Thường do dấu phẩy trong một ô (hãy đặt ô trong dấu ngoặc kép hoặc gửi tệp .xlsx) hoặc dữ liệu bị lệch cột.');
        return; // one per row is enough: the rest of the row is shifted the same way
      }
    }
  }
  unnamed: ReadonlySet<number> = new Set();
}

const lookupOf = <T extends string>(choices: readonly { value: T }[]) => new Map(choices.map((c) => [c.value.toLowerCase(), c.value] as const));
const FLAG_LOOKUP = lookupOf(FLAG);
const SEX_LOOKUP = lookupOf(SEX);
const STATUS_LOOKUP = lookupOf(STATUS);
const DISABILITY_LOOKUP = lookupOf(DISABILITY);
const ENROLLED_LOOKUP = lookupOf(ENROLLED);
const LITERACY_LOOKUP = lookupOf(LITERACY_STAGE);

const columnDef = (kind: FileKind, name: string) => COLUMNS[kind].find((d) => d.name === name)!;

function prepare(table: Table, index: ColumnIndex, faults: Faults): RowReader {
  const reader = new RowReader(index, faults);
  const named = new Set(index.values());
  // Header cells that are empty or unknown: data under unknown ones is covered by the header fault, not per row.
  const unnamed = new Set<number>();
  table.header.forEach((h, i) => { if (h.trim() === '' && !named.has(i)) unnamed.add(i); });
  reader.unnamed = unnamed;
  return reader;
}

function reportDamage(reader: RowReader, faults: Faults): void {
  const d = reader.damage;
  if (!d) return;
  const more = d.count > 1 ? ` (cùng lỗi ở ${d.count.toLocaleString('vi-VN')} ô)` : '';
  if (d.code === 'tcvn3') {
    faults.add(d.row, d.column, d.value, 'import.encoding_tcvn3_text',
      `${at(d.row, d.column)}: ${q(d.value)} là chữ gõ bằng bảng mã TCVN3 (ABC, phông .VnTime), không phải Unicode${more}. ` +
      'Hãy chuyển mã sang Unicode (ví dụ Unikey → Công cụ chuyển mã: nguồn TCVN3 (ABC), đích Unicode) rồi gửi lại.');
  } else {
    faults.add(d.row, d.column, d.value, 'import.encoding_lost_characters',
      `${at(d.row, d.column)}: ${q(d.value)} có dấu "?" thay cho chữ tiếng Việt${more} — tệp đã được lưu bằng kiểu "CSV (Comma delimited)" làm mất dấu. ` +
      `Hãy lưu lại từ tệp gốc. ${SAVE_AS_CSV_UTF8}`);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Public API

export async function parseCommunes(file: RegisterFile): Promise<ParseResult<CommuneRow>> {
  const faults = new Faults('communes');
  const read = await readTable(file, 'communes', faults);
  if (!read.ok) return { ok: false, errors: faults.result() };
  const { table } = read;
  const index = readHeader(table, 'communes', faults);
  if (!index) return { ok: false, errors: faults.result() };

  const c = (name: string) => columnDef('communes', name);
  const [code, name, districtCode, districtName, provinceCode, provinceName, difficult] =
    ['commune_code', 'commune_name', 'district_code', 'district_name', 'province_code', 'province_name', 'especially_difficult'].map(c) as
      [ColumnDef, ColumnDef, ColumnDef, ColumnDef, ColumnDef, ColumnDef, ColumnDef];
  const reader = prepare(table, index, faults);
  const seen = new Map<string, number>();
  const rows: CommuneRow[] = [];
  for (const { row, cells } of table.rows) {
    reader.row = row; reader.cells = cells;
    reader.extraCells(table.header.length, table.position);
    const communeCode = reader.text(code);
    if (communeCode && communeCode.toUpperCase().startsWith(EXAMPLE_PREFIX)) {
      reader.fault(code.name, communeCode, 'import.example_row', `đây là dòng ví dụ của tệp mẫu (mã bắt đầu bằng "${EXAMPLE_PREFIX}") — hãy xoá dòng này trước khi nhập.`);
      continue;
    }
    if (communeCode) {
      const first = seen.get(communeCode);
      if (first !== undefined) reader.fault(code.name, communeCode, 'import.duplicate_id', `mã xã ${q(communeCode)} trùng với dòng ${first} — mỗi xã chỉ ghi một dòng.`);
      else seen.set(communeCode, row);
    }
    const r = {
      communeCode, communeName: reader.text(name), districtCode: reader.text(districtCode), districtName: reader.text(districtName),
      provinceCode: reader.text(provinceCode), provinceName: reader.text(provinceName),
      especiallyDifficult: reader.choice(difficult, FLAG, FLAG_LOOKUP),
    };
    if (faults.any) continue; // no need to build rows once the file is rejected
    rows.push({
      communeCode: r.communeCode!, communeName: r.communeName!, districtCode: r.districtCode ?? null, districtName: r.districtName ?? null,
      provinceCode: r.provinceCode!, provinceName: r.provinceName!, especiallyDifficult: r.especiallyDifficult === '1',
    });
  }
  reportDamage(reader, faults);
  if (!faults.any && rows.length === 0) noRows(file, 'communes', faults);
  return faults.any ? { ok: false, errors: faults.result() } : { ok: true, rows };
}

export async function parseResidents(
  file: RegisterFile, opts: { year: number; knownCommunes: ReadonlySet<string> },
): Promise<ParseResult<ResidentRow>> {
  const faults = new Faults('residents');
  const read = await readTable(file, 'residents', faults);
  if (!read.ok) return { ok: false, errors: faults.result() };
  const { table } = read;
  const index = readHeader(table, 'residents', faults);
  if (!index) return { ok: false, errors: faults.result() };

  const c = (name: string) => columnDef('residents', name);
  const cols = {
    id: c('resident_id'), household: c('household_id'), commune: c('commune_code'), hamlet: c('hamlet'), name: c('full_name'),
    sex: c('sex'), birth: c('birth_year'), status: c('status'), disability: c('disability'), enrolled: c('enrolled'),
    grade: c('highest_grade'), diploma: c('lower_secondary_diploma'), preschool: c('preschool_completed'), literacy: c('literacy_stage'),
  };
  const reader = prepare(table, index, faults);
  const seen = new Map<string, number>();
  const rows: ResidentRow[] = [];
  for (const { row, cells } of table.rows) {
    reader.row = row; reader.cells = cells;
    reader.extraCells(table.header.length, table.position);
    const residentId = reader.text(cols.id);
    if (residentId && residentId.toUpperCase().startsWith(EXAMPLE_PREFIX)) {
      reader.fault(cols.id.name, residentId, 'import.example_row', `đây là dòng ví dụ của tệp mẫu (mã bắt đầu bằng "${EXAMPLE_PREFIX}") — hãy xoá dòng này trước khi nhập.`);
      continue;
    }
    if (residentId) {
      const first = seen.get(residentId);
      if (first !== undefined) reader.fault(cols.id.name, residentId, 'import.duplicate_id', `mã nhân khẩu ${q(residentId)} trùng với dòng ${first} — mỗi người chỉ ghi một dòng.`);
      else seen.set(residentId, row);
    }
    const householdId = reader.text(cols.household);
    let communeCode = reader.text(cols.commune);
    if (communeCode && !opts.knownCommunes.has(communeCode)) {
      const padded = DIGITS.test(communeCode) && communeCode.length < 5 ? communeCode.padStart(5, '0') : null;
      const hint = padded && opts.knownCommunes.has(padded)
        ? ` Có thể Excel đã bỏ số 0 ở đầu (mã đúng là ${padded}): hãy định dạng cột commune_code là Văn bản (Text).`
        : ' Hãy kiểm tra mã xã, hoặc bổ sung xã này vào danh sách xã (communes) trước.';
      communeCode = reader.fault(cols.commune.name, communeCode, 'import.unknown_commune', `mã xã ${q(communeCode)} không có trong danh sách xã.${hint}`);
    }
    const r = {
      householdId, communeCode, hamlet: reader.text(cols.hamlet), fullName: reader.text(cols.name),
      sex: reader.choice(cols.sex, SEX, SEX_LOOKUP), birthYear: reader.birthYear(cols.birth, opts.year),
      status: reader.choice(cols.status, STATUS, STATUS_LOOKUP), disability: reader.choice(cols.disability, DISABILITY, DISABILITY_LOOKUP),
      enrolled: reader.choice(cols.enrolled, ENROLLED, ENROLLED_LOOKUP), highestGrade: reader.integer(cols.grade, 0, 12),
      diploma: reader.choice(cols.diploma, FLAG, FLAG_LOOKUP), preschool: reader.choice(cols.preschool, FLAG, FLAG_LOOKUP),
      literacy: reader.choice(cols.literacy, LITERACY_STAGE, LITERACY_LOOKUP),
    };
    if (faults.any) continue;
    rows.push({
      residentId: residentId!, householdId: r.householdId!, communeCode: r.communeCode!, hamlet: r.hamlet ?? null, fullName: r.fullName!,
      sex: r.sex!, birthYear: r.birthYear!, status: r.status!, disability: r.disability!, enrolled: r.enrolled!,
      highestGrade: r.highestGrade!, lowerSecondaryDiploma: r.diploma === '1', preschoolCompleted: r.preschool === '1',
      literacyStage: Number(r.literacy) as 0 | 1 | 2,
    });
  }
  reportDamage(reader, faults);
  if (!faults.any && rows.length === 0) noRows(file, 'residents', faults);
  return faults.any ? { ok: false, errors: faults.result() } : { ok: true, rows };
}

function noRows(file: RegisterFile, kind: FileKind, faults: Faults): void {
  faults.add(null, null, file.name, 'import.no_rows', `Tệp "${file.name}" chỉ có dòng tiêu đề, không có dòng dữ liệu nào của ${FILE_LABEL[kind]}.`);
}

// ---------------------------------------------------------------------------------------------------------------
// Template

/** Rows covered by the template's drop-down lists (Excel handles the range natively; our reader ignores it). */
const TEMPLATE_VALIDATED_ROWS = 100_000;

/**
 * The downloadable template: sheets "communes" and "residents" (header = the CSV column names, a Vietnamese note on
 * every header cell, drop-down lists, two example rows whose codes start with "VD-"), and a "huong_dan" sheet.
 */
export async function templateXlsx(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'xhht';
  for (const kind of ['communes', 'residents'] as const) {
    const defs = COLUMNS[kind];
    const ws = wb.addWorksheet(kind);
    const header = ws.addRow(defs.map((d) => d.name));
    header.font = { bold: true };
    header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
    defs.forEach((d, i) => {
      header.getCell(i + 1).note = d.choices ? `${d.note}\nChỉ ghi: ${listChoices(d.choices)}.` : d.note;
      const col = ws.getColumn(i + 1);
      col.width = Math.max(14, d.name.length + 4);
      if (d.textFormat) col.numFmt = '@'; // keep leading zeros of codes
      if (d.name === 'birth_year' || d.name === 'highest_grade') col.numFmt = '0'; // never a date
    });
    for (const e of [0, 1] as const) {
      const row = ws.addRow(defs.map((d) => (d.examples[e] === '' ? null : d.examples[e])));
      row.font = { italic: true, color: { argb: 'FF808080' } };
      row.getCell(1).note = `Dòng ví dụ (mã bắt đầu bằng "${EXAMPLE_PREFIX}") — hãy xoá trước khi nhập; tệp còn dòng ví dụ sẽ bị từ chối.`;
    }
    // exceljs supports range validations at run time but does not declare them.
    const validations = (ws as unknown as { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } }).dataValidations;
    defs.forEach((d, i) => {
      const letter = columnLetter(i + 1);
      const range = `${letter}2:${letter}${TEMPLATE_VALIDATED_ROWS + 1}`;
      if (d.choices) {
        validations.add(range, {
          type: 'list', allowBlank: true, formulae: [`"${d.choices.map((c) => c.value).join(',')}"`],
          showErrorMessage: true, errorTitle: 'Giá trị không hợp lệ', error: `Chỉ được ghi: ${listChoices(d.choices)}`.slice(0, 255),
        });
      } else if (d.name === 'birth_year') {
        validations.add(range, {
          type: 'whole', operator: 'between', allowBlank: true, formulae: [1900, 2100],
          showErrorMessage: true, errorTitle: 'Năm sinh', error: 'Ghi năm sinh 4 chữ số (ví dụ 1985), không ghi ngày tháng.',
        });
      } else if (d.name === 'highest_grade') {
        validations.add(range, {
          type: 'whole', operator: 'between', allowBlank: true, formulae: [0, 12],
          showErrorMessage: true, errorTitle: 'Lớp cao nhất', error: 'Ghi số nguyên từ 0 đến 12 (ghi 9, không ghi 9/12).',
        });
      }
    });
    ws.views = [{ state: 'frozen', ySplit: 1 }];
  }
  const help = wb.addWorksheet('huong_dan');
  help.columns = [{ header: 'Trang', width: 12 }, { header: 'Cột', width: 26 }, { header: 'Cách ghi', width: 100 }];
  help.getRow(1).font = { bold: true };
  help.addRow(['', '', 'Mỗi trang nhập được lưu riêng thành một tệp: trang communes → communes.csv, trang residents → residents.csv (File → Save As → "CSV UTF-8 (Comma delimited)"), hoặc gửi thẳng tệp .xlsx này.']);
  help.addRow(['', '', `Dòng 1 là tên cột, không sửa. Hai dòng ví dụ (mã bắt đầu bằng "${EXAMPLE_PREFIX}") phải xoá trước khi nhập. Tệp có bất kỳ lỗi nào sẽ bị từ chối toàn bộ, kèm danh sách lỗi theo dòng và cột.`]);
  for (const kind of ['communes', 'residents'] as const) {
    for (const d of COLUMNS[kind]) {
      help.addRow([kind, d.name, (d.required ? 'Bắt buộc. ' : 'Có thể để trống. ') + d.note + (d.choices ? ` Chỉ ghi: ${listChoices(d.choices)}.` : '')]);
    }
  }
  help.getColumn(3).alignment = { wrapText: true, vertical: 'top' };
  return new Uint8Array(await wb.xlsx.writeBuffer());
}
