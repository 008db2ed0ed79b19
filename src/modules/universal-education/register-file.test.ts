import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import {
  guessLegacyEncoding, MAX_LISTED_ERRORS, parseCommunes, parseResidents, templateXlsx,
  type ImportError, type ParseResult,
} from './register-file.ts';

const YEAR = 2024;
const KNOWN = new Set(['25747', '00004']);
const opts = { year: YEAR, knownCommunes: KNOWN };

const COMMUNE_HEADER = 'commune_code,commune_name,district_code,district_name,province_code,province_name,especially_difficult';
const RESIDENT_HEADER =
  'resident_id,household_id,commune_code,hamlet,full_name,sex,birth_year,status,disability,enrolled,highest_grade,lower_secondary_diploma,preschool_completed,literacy_stage';
const RESIDENT_COLUMNS = RESIDENT_HEADER.split(',');

type Resident = Record<string, string | number>;
const resident = (over: Resident = {}): Resident => ({
  resident_id: 'R1', household_id: 'H1', commune_code: '25747', hamlet: 'Ấp 3', full_name: 'Nguyễn Văn An', sex: 'M',
  birth_year: 2015, status: 'present', disability: 'none', enrolled: 'primary', highest_grade: 3,
  lower_secondary_diploma: 0, preschool_completed: 1, literacy_stage: 0, ...over,
});
const line = (r: Resident, sep = ',') => RESIDENT_COLUMNS.map((c) => String(r[c] ?? '')).join(sep);

const utf8 = (s: string) => new TextEncoder().encode(s);
const csvFile = (lines: string[], name = 'residents.csv') => ({ name, bytes: utf8(lines.join('\r\n') + '\r\n') });
const residentsCsv = (rows: Resident[]) => csvFile([RESIDENT_HEADER, ...rows.map((r) => line(r))]);

async function xlsxFile(sheets: Record<string, (string | number | Date | null)[][]>, name = 'residents.xlsx') {
  const wb = new ExcelJS.Workbook();
  for (const [sheet, rows] of Object.entries(sheets)) {
    const ws = wb.addWorksheet(sheet);
    for (const r of rows) ws.addRow(r);
  }
  return { name, bytes: new Uint8Array(await wb.xlsx.writeBuffer()) };
}
const residentCells = (r: Resident) => RESIDENT_COLUMNS.map((c) => r[c] ?? null);

function errorsOf<T>(result: ParseResult<T>): ImportError[] {
  if (result.ok) throw new Error(`expected a rejected file, got ${result.rows.length} rows`);
  return result.errors;
}
const brief = (errors: ImportError[]) => errors.map((e) => ({ row: e.row, column: e.column, code: e.code }));

describe('good files', () => {
  it('reads a communes CSV, empty district as null', async () => {
    const r = await parseCommunes(csvFile([COMMUNE_HEADER, '25747,Xã Tân Thành,,,79,TP Hồ Chí Minh,1', '00004,Phường Ba Đình,001,Quận Ba Đình,01,Hà Nội,0'], 'communes.csv'));
    expect(r).toEqual({
      ok: true, rows: [
        { communeCode: '25747', communeName: 'Xã Tân Thành', districtCode: null, districtName: null, provinceCode: '79', provinceName: 'TP Hồ Chí Minh', especiallyDifficult: true },
        { communeCode: '00004', communeName: 'Phường Ba Đình', districtCode: '001', districtName: 'Quận Ba Đình', provinceCode: '01', provinceName: 'Hà Nội', especiallyDifficult: false },
      ],
    });
  });

  it('reads a residents CSV into typed rows, quoted commas kept, blank lines skipped', async () => {
    const r = await parseResidents(csvFile([
      RESIDENT_HEADER, line(resident()), '',
      line(resident({ resident_id: 'R2', full_name: '"Trần Thị Bình, con"', sex: 'F', birth_year: 1980, hamlet: '', enrolled: 'none', highest_grade: 9, lower_secondary_diploma: 1, preschool_completed: 0, literacy_stage: 2 })),
    ]), opts);
    expect(r).toEqual({
      ok: true, rows: [
        { residentId: 'R1', householdId: 'H1', communeCode: '25747', hamlet: 'Ấp 3', fullName: 'Nguyễn Văn An', sex: 'M', birthYear: 2015, status: 'present', disability: 'none', enrolled: 'primary', highestGrade: 3, lowerSecondaryDiploma: false, preschoolCompleted: true, literacyStage: 0 },
        { residentId: 'R2', householdId: 'H1', communeCode: '25747', hamlet: null, fullName: 'Trần Thị Bình, con', sex: 'F', birthYear: 1980, status: 'present', disability: 'none', enrolled: 'none', highestGrade: 9, lowerSecondaryDiploma: true, preschoolCompleted: false, literacyStage: 2 },
      ],
    });
  });

  it('gives the same rows whether or not the file uses quotes, with CRLF, LF or CR line endings', async () => {
    const rows = [resident(), resident({ resident_id: 'R2', hamlet: '', full_name: 'Lê Thị Hoa' })];
    const plain = rows.map((r) => line(r));
    const quoted = rows.map((r) => RESIDENT_COLUMNS.map((c) => `"${String(r[c])}"`).join(','));
    const results = await Promise.all([
      parseResidents(csvFile([RESIDENT_HEADER, ...plain]), opts),
      parseResidents(csvFile([RESIDENT_HEADER, ...quoted]), opts),
      parseResidents({ name: 'residents.csv', bytes: utf8([RESIDENT_HEADER, ...plain].join('\n')) }, opts),
      parseResidents({ name: 'residents.csv', bytes: utf8([RESIDENT_HEADER, ...plain].join('\r')) }, opts),
    ]);
    expect(results[0]!.ok && results[0]!.rows).toHaveLength(2);
    for (const r of results.slice(1)) expect(r).toEqual(results[0]);
  });

  it('accepts a UTF-8 BOM, header names in any case with spaces, and decomposed (NFD) Vietnamese as NFC', async () => {
    const bytes = utf8('\uFEFF' + [RESIDENT_HEADER.toUpperCase().split(',').map((h) => ` ${h} `).join(','), line(resident({ full_name: 'Nguyễn Văn An'.normalize('NFD') }))].join('\n'));
    const r = await parseResidents({ name: 'residents.csv', bytes }, opts);
    expect(r.ok && r.rows[0]!.fullName).toBe('Nguyễn Văn An'.normalize('NFC'));
  });

  it('accepts semicolon-separated files as Vietnamese Excel exports them (commas inside names are then plain text)', async () => {
    const r = await parseResidents(csvFile([RESIDENT_COLUMNS.join(';'), line(resident({ full_name: 'Lê Văn C, út' }), ';')]), opts);
    expect(r.ok && r.rows[0]!.fullName).toBe('Lê Văn C, út');
  });

  it('accepts the "sep=;" first line Excel understands, and keeps the header as row 1', async () => {
    const r = await parseResidents(csvFile(['sep=;', RESIDENT_COLUMNS.join(';'), line(resident(), ';'), line(resident({ resident_id: 'R2', sex: 'X' }), ';')]), opts);
    expect(brief(errorsOf(r))).toEqual([{ row: 3, column: 'sex', code: 'import.invalid_value' }]);
  });

  it('reads an XLSX: numbers, formula results and rich text as text; the sheet named like the file kind wins', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('huong_dan').addRow(['không phải dữ liệu']);
    const ws = wb.addWorksheet('residents');
    ws.addRow(RESIDENT_COLUMNS);
    ws.addRow(residentCells(resident({ resident_id: 123456 })));
    const row = ws.addRow(residentCells(resident({ resident_id: 'R2' })));
    row.getCell(5).value = { richText: [{ text: 'Phạm ' }, { font: { bold: true }, text: 'Thị Dung' }] };
    row.getCell(11).value = { formula: '4+1', result: 5 };
    const r = await parseResidents({ name: 'so-pcgd.xlsx', bytes: new Uint8Array(await wb.xlsx.writeBuffer()) }, opts);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.rows.map((x) => [x.residentId, x.fullName, x.highestGrade])).toEqual([['123456', 'Nguyễn Văn An', 3], ['R2', 'Phạm Thị Dung', 5]]);
  });

  it('reads a communes XLSX from its first sheet, with Excel row numbers in errors', async () => {
    const good = await xlsxFile({ Sheet1: [COMMUNE_HEADER.split(','), ['25747', 'Xã Tân Thành', null, null, '79', 'TP Hồ Chí Minh', 0]] }, 'communes.xlsx');
    expect(await parseCommunes(good)).toMatchObject({ ok: true, rows: [{ communeCode: '25747', districtCode: null, especiallyDifficult: false }] });
    const bad = await xlsxFile({ Sheet1: [COMMUNE_HEADER.split(','), ['25747', 'Xã A', null, null, '79', 'HCM', 0], [], ['25748', 'Xã B', null, null, '79', 'HCM', 2]] }, 'communes.xlsx');
    expect(brief(errorsOf(await parseCommunes(bad)))).toEqual([{ row: 4, column: 'especially_difficult', code: 'import.invalid_flag' }]);
  });
});

describe('format and header faults', () => {
  it('rejects a file that is neither CSV nor XLSX, naming it', async () => {
    const errors = errorsOf(await parseResidents({ name: 'so.pdf', bytes: utf8('%PDF-1.4') }, opts));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ code: 'import.unsupported_format', row: null, value: 'so.pdf' });
    expect(errors[0]!.message).toContain('so.pdf');
  });

  it('rejects Excel 97-2003 .xls with a re-save instruction', async () => {
    const errors = errorsOf(await parseResidents({ name: 'so.xls', bytes: new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]) }, opts));
    expect(brief(errors)).toEqual([{ row: null, column: null, code: 'import.xls_legacy' }]);
  });

  it('rejects a damaged XLSX without hanging', async () => {
    const good = await xlsxFile({ residents: [RESIDENT_COLUMNS, residentCells(resident())] });
    const errors = errorsOf(await parseResidents({ name: 'residents.xlsx', bytes: good.bytes.slice(0, good.bytes.length >> 1) }, opts));
    expect(brief(errors)).toEqual([{ row: null, column: null, code: 'import.xlsx_unreadable' }]);
  });

  it('lists one error per missing column', async () => {
    const header = RESIDENT_COLUMNS.filter((c) => c !== 'sex' && c !== 'literacy_stage');
    const errors = errorsOf(await parseResidents(csvFile([header.join(','), header.map((c) => String(resident()[c])).join(',')]), opts));
    expect(brief(errors)).toEqual([
      { row: 1, column: 'sex', code: 'import.missing_column' },
      { row: 1, column: 'literacy_stage', code: 'import.missing_column' },
    ]);
  });

  it('rejects an unknown column (a typo would lose data) and suggests the intended name', async () => {
    const header = RESIDENT_HEADER.replace('birth_year', 'birth_yaer') + ',ghi_chu';
    const errors = errorsOf(await parseResidents(csvFile([header, line(resident()) + ',ghi chú']), opts));
    expect(brief(errors)).toEqual([
      { row: 1, column: 'birth_year', code: 'import.missing_column' },
      { row: 1, column: 'birth_yaer', code: 'import.unknown_column' },
      { row: 1, column: 'ghi_chu', code: 'import.unknown_column' },
    ]);
    expect(errors[1]!.message).toContain('có phải là birth_year?');
  });

  it('rejects a header-only file', async () => {
    expect(brief(errorsOf(await parseResidents(csvFile([RESIDENT_HEADER]), opts)))).toEqual([{ row: null, column: null, code: 'import.no_rows' }]);
  });

  it('reports values beyond the last named column (an unquoted comma shifts the row)', async () => {
    const errors = errorsOf(await parseResidents(csvFile([RESIDENT_HEADER, line(resident()) + ',thừa']), opts));
    expect(brief(errors)).toEqual([{ row: 2, column: null, code: 'import.extra_value' }]);
    expect(errors[0]!.message).toContain('cột thứ 15');
  });

  it('reports an unclosed quote as a CSV syntax error', async () => {
    const errors = errorsOf(await parseResidents(csvFile([RESIDENT_HEADER, line(resident({ full_name: '"Nguyễn Văn An' }))]), opts));
    expect(errors.map((e) => e.code)).toEqual(['import.csv_syntax']);
  });
});

describe('encodings', () => {
  // "Nguyễn Văn Đức, Thị Hà" as the two legacy encodings write it.
  const TCVN3: Record<string, number> = { 'ễ': 0xd4, 'ă': 0xa8, 'Đ': 0xa7, 'ứ': 0xf8, 'ị': 0xde, 'à': 0xb5 };
  const encodeTcvn3 = (s: string) => new Uint8Array([...s].map((ch) => TCVN3[ch] ?? ch.charCodeAt(0)));
  const CP1258: Record<string, number[]> = { 'ễ': [0xea, 0xde], 'ă': [0xe3], 'Đ': [0xd0], 'ứ': [0xfd, 0xec], 'ị': [0x69, 0xf2], 'à': [0x61, 0xcc] };
  const encodeCp1258 = (s: string) => new Uint8Array([...s].flatMap((ch) => CP1258[ch] ?? [ch.charCodeAt(0)]));
  const withName = (name: string) => `${RESIDENT_HEADER}\r\n${line(resident({ full_name: name }))}\r\n`;

  it('recognises TCVN3 (ABC) bytes and says so', async () => {
    const bytes = encodeTcvn3(withName('Nguyễn Văn Đức') + line(resident({ resident_id: 'R2', full_name: 'Lê Thị Hà' })));
    expect(guessLegacyEncoding(bytes)).toBe('tcvn3');
    const errors = errorsOf(await parseResidents({ name: 'residents.csv', bytes }, opts));
    expect(brief(errors)).toEqual([{ row: null, column: null, code: 'import.encoding_tcvn3' }]);
    expect(errors[0]!.message).toContain('TCVN3');
    expect(errors[0]!.message).toContain('CSV UTF-8');
  });

  it('recognises Windows-1258 bytes (tone marks as combining bytes) and says so', async () => {
    const bytes = encodeCp1258(withName('Nguyễn Văn Đức') + line(resident({ resident_id: 'R2', full_name: 'Lê Thị Hà' })));
    expect(guessLegacyEncoding(bytes)).toBe('windows-1258');
    const errors = errorsOf(await parseResidents({ name: 'residents.csv', bytes }, opts));
    expect(brief(errors)).toEqual([{ row: null, column: null, code: 'import.encoding_windows1258' }]);
    expect(errors[0]!.message).toContain('Windows-1258');
  });

  it('rejects UTF-16 "Unicode Text" exports', async () => {
    const bytes = new Uint8Array([0xff, 0xfe, ...[...'resident_id'].flatMap((c) => [c.charCodeAt(0), 0])]);
    expect(errorsOf(await parseResidents({ name: 'residents.csv', bytes }, opts)).map((e) => e.code)).toEqual(['import.encoding_utf16']);
  });

  it('recognises TCVN3 text inside an XLSX (typed with .VnTime fonts) once for the file', async () => {
    // TCVN3 bytes shown as Latin-1 characters: "NguyÔn V¨n §øc"-style text
    const mojibake = (s: string) => String.fromCharCode(...encodeTcvn3(s));
    const file = await xlsxFile({ residents: [RESIDENT_COLUMNS, residentCells(resident({ full_name: mojibake('Nguyễn Văn Đức') })), residentCells(resident({ resident_id: 'R2', full_name: mojibake('Lê Thị Hà') }))] });
    const errors = errorsOf(await parseResidents(file, opts));
    expect(brief(errors)).toEqual([{ row: 2, column: 'full_name', code: 'import.encoding_tcvn3_text' }]);
    expect(errors[0]!.message).toContain('2 ô');
  });

  it('recognises letters that "CSV (Comma delimited)" replaced with "?"', async () => {
    const errors = errorsOf(await parseResidents(residentsCsv([resident({ full_name: 'Nguy?n V?n An' })]), opts));
    expect(brief(errors)).toEqual([{ row: 2, column: 'full_name', code: 'import.encoding_lost_characters' }]);
  });
});

describe('value faults, one kind at a time', () => {
  const only = async (over: Resident) => brief(errorsOf(await parseResidents(residentsCsv([resident(), resident({ resident_id: 'R2', ...over })]), opts)));

  it('empty required field', async () => {
    expect(await only({ full_name: '  ' })).toEqual([{ row: 3, column: 'full_name', code: 'import.required' }]);
  });

  it('enum value outside the list, naming the allowed values', async () => {
    const errors = errorsOf(await parseResidents(residentsCsv([resident({ status: 'đang ở' })]), opts));
    expect(brief(errors)).toEqual([{ row: 2, column: 'status', code: 'import.invalid_value' }]);
    expect(errors[0]!.value).toBe('đang ở');
    expect(errors[0]!.message).toContain('present (đang cư trú), moved_out (đã chuyển đi), deceased (đã mất)');
  });

  it('enum values are case-insensitive', async () => {
    const r = await parseResidents(residentsCsv([resident({ sex: 'f', enrolled: 'Lower_Secondary' })]), opts);
    expect(r.ok && [r.rows[0]!.sex, r.rows[0]!.enrolled]).toEqual(['F', 'lower_secondary']);
  });

  it('0/1 field', async () => {
    expect(await only({ lower_secondary_diploma: 'có' })).toEqual([{ row: 3, column: 'lower_secondary_diploma', code: 'import.invalid_flag' }]);
  });

  it('integer field', async () => {
    expect(await only({ highest_grade: 'lớp 5' })).toEqual([{ row: 3, column: 'highest_grade', code: 'import.not_integer' }]);
  });

  it('"9/12" in highest_grade suggests 9', async () => {
    const errors = errorsOf(await parseResidents(residentsCsv([resident({ highest_grade: '9/12' })]), opts));
    expect(errors[0]!.message).toContain('hãy ghi 9 thay vì 9/12');
  });

  it('highest_grade outside 0–12', async () => {
    expect(await only({ highest_grade: 13 })).toEqual([{ row: 3, column: 'highest_grade', code: 'import.out_of_range' }]);
  });

  it('literacy_stage outside 0–2', async () => {
    expect(await only({ literacy_stage: 3 })).toEqual([{ row: 3, column: 'literacy_stage', code: 'import.invalid_value' }]);
  });

  it('birth year in the future', async () => {
    expect(await only({ birth_year: YEAR + 1 })).toEqual([{ row: 3, column: 'birth_year', code: 'import.impossible_age' }]);
  });

  it('age over 120; exactly 120 and exactly 0 are possible', async () => {
    expect(await only({ birth_year: YEAR - 121 })).toEqual([{ row: 3, column: 'birth_year', code: 'import.impossible_age' }]);
    expect((await parseResidents(residentsCsv([resident({ birth_year: YEAR - 120 }), resident({ resident_id: 'R2', birth_year: YEAR })]), opts)).ok).toBe(true);
  });

  it('two-digit year', async () => {
    expect(await only({ birth_year: 85 })).toEqual([{ row: 3, column: 'birth_year', code: 'import.birth_year_format' }]);
  });

  it('a date string in birth_year', async () => {
    const errors = errorsOf(await parseResidents(residentsCsv([resident({ birth_year: '01/01/2000' })]), opts));
    expect(brief(errors)).toEqual([{ row: 2, column: 'birth_year', code: 'import.birth_year_date' }]);
    expect(errors[0]!.message).toContain('ghi năm sinh (4 chữ số), không ghi ngày');
  });

  it('an Excel date serial number in birth_year, with the date it stands for', async () => {
    const errors = errorsOf(await parseResidents(residentsCsv([resident({ birth_year: 36526 })]), opts));
    expect(brief(errors)).toEqual([{ row: 2, column: 'birth_year', code: 'import.birth_year_date' }]);
    expect(errors[0]!.message).toContain('01/01/2000');
  });

  it('an Excel date cell in birth_year', async () => {
    const file = await xlsxFile({ residents: [RESIDENT_COLUMNS, residentCells(resident({ birth_year: 2000 })), residentCells(resident({ resident_id: 'R2' })).map((v, i) => (i === 6 ? new Date(Date.UTC(1985, 4, 17)) : v))] });
    const errors = errorsOf(await parseResidents(file, opts));
    expect(brief(errors)).toEqual([{ row: 3, column: 'birth_year', code: 'import.birth_year_date' }]);
    expect(errors[0]!.value).toBe('17/05/1985');
    expect(errors[0]!.message).toContain('không ghi ngày');
  });

  it('a year typed into a Date-formatted XLSX cell (shown as a day of 1905) says to change the cell format', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('residents');
    ws.addRow(RESIDENT_COLUMNS);
    const row = ws.addRow(residentCells(resident()));
    row.getCell(7).numFmt = 'dd/mm/yyyy'; // 1985 typed here is day 1985 after 1900-01-00
    const errors = errorsOf(await parseResidents({ name: 'residents.xlsx', bytes: new Uint8Array(await wb.xlsx.writeBuffer()) }, opts));
    expect(brief(errors)).toEqual([{ row: 2, column: 'birth_year', code: 'import.birth_year_date' }]);
    expect(errors[0]!.message).toContain('Số (Number)');
  });

  it('duplicate resident_id, naming both rows', async () => {
    const errors = errorsOf(await parseResidents(residentsCsv([resident(), resident({ resident_id: 'R2' }), resident()]), opts));
    expect(brief(errors)).toEqual([{ row: 4, column: 'resident_id', code: 'import.duplicate_id' }]);
    expect(errors[0]!.message).toMatch(/^Dòng 4, cột resident_id: .*trùng với dòng 2/);
  });

  it('duplicate commune_code', async () => {
    const errors = errorsOf(await parseCommunes(csvFile([COMMUNE_HEADER, '25747,Xã A,,,79,HCM,0', '25747,Xã B,,,79,HCM,0'], 'communes.csv')));
    expect(brief(errors)).toEqual([{ row: 3, column: 'commune_code', code: 'import.duplicate_id' }]);
    expect(errors[0]!.message).toContain('dòng 2');
  });

  it('resident of an unknown commune', async () => {
    expect(await only({ commune_code: '99999' })).toEqual([{ row: 3, column: 'commune_code', code: 'import.unknown_commune' }]);
  });

  it('a commune code that lost its leading zeros in Excel gets a hint', async () => {
    const errors = errorsOf(await parseResidents(residentsCsv([resident({ commune_code: '4' })]), opts));
    expect(errors[0]!.message).toContain('mã đúng là 00004');
  });

  it('example rows of the template ("VD-") are rejected, whatever else they hold', async () => {
    const errors = errorsOf(await parseResidents(residentsCsv([resident({ resident_id: 'VD-0001', commune_code: 'VD-00001' }), resident()]), opts));
    expect(brief(errors)).toEqual([{ row: 2, column: 'resident_id', code: 'import.example_row' }]);
    expect(errors[0]!.message).toContain('dòng ví dụ');
    const communes = errorsOf(await parseCommunes(csvFile([COMMUNE_HEADER, 'vd-00001,Xã Ví Dụ,,,VD-74,Tỉnh Ví Dụ,0'], 'communes.csv')));
    expect(brief(communes)).toEqual([{ row: 2, column: 'commune_code', code: 'import.example_row' }]);
  });
});

describe('every fault at once', () => {
  it('lists all faults of all rows, in file order, and imports nothing', async () => {
    const r = await parseResidents(residentsCsv([
      resident({ sex: 'Nam', birth_year: '01/01/2000' }),
      resident({ resident_id: 'R2', commune_code: '11111', highest_grade: 15, literacy_stage: '' }),
      resident({ resident_id: 'R2', household_id: '', preschool_completed: 2 }),
      resident({ resident_id: 'R4' }),
    ]), opts);
    expect(brief(errorsOf(r))).toEqual([
      { row: 2, column: 'sex', code: 'import.invalid_value' },
      { row: 2, column: 'birth_year', code: 'import.birth_year_date' },
      { row: 3, column: 'commune_code', code: 'import.unknown_commune' },
      { row: 3, column: 'highest_grade', code: 'import.out_of_range' },
      { row: 3, column: 'literacy_stage', code: 'import.required' },
      { row: 4, column: 'resident_id', code: 'import.duplicate_id' },
      { row: 4, column: 'household_id', code: 'import.required' },
      { row: 4, column: 'preschool_completed', code: 'import.invalid_flag' },
    ]);
    for (const e of errorsOf(r)) expect(e.file).toBe('residents');
  });

  it('caps the list and counts the rest', async () => {
    const rows = Array.from({ length: 1500 }, (_, i) => resident({ resident_id: `R${i}`, sex: 'X' }));
    const errors = errorsOf(await parseResidents(residentsCsv(rows), opts));
    expect(errors).toHaveLength(MAX_LISTED_ERRORS + 1);
    expect(errors.at(-1)).toMatchObject({ code: 'import.too_many_errors', row: null });
    expect(errors.at(-1)!.message).toContain('500');
  });
});

describe('template', () => {
  it('has both sheets, notes, drop-down lists and example rows that the parser refuses', async () => {
    const bytes = await templateXlsx();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer, { ignoreNodes: ['dataValidations'] });
    const ws = wb.getWorksheet('residents')!;
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual(RESIDENT_COLUMNS);
    expect(String(ws.getCell('F1').note ? JSON.stringify(ws.getCell('F1').note) : '')).toContain('nữ');
    expect(wb.getWorksheet('communes')).toBeDefined();

    const xml = await sheetXml(bytes, 2);
    expect(xml).toContain('<dataValidation type="list"');
    expect(xml).toContain('&quot;M,F&quot;');

    const errors = errorsOf(await parseResidents({ name: 'template.xlsx', bytes }, opts));
    expect(brief(errors)).toEqual([
      { row: 2, column: 'resident_id', code: 'import.example_row' },
      { row: 3, column: 'resident_id', code: 'import.example_row' },
    ]);
    expect(brief(errorsOf(await parseCommunes({ name: 'template.xlsx', bytes })))).toEqual([
      { row: 2, column: 'commune_code', code: 'import.example_row' },
      { row: 3, column: 'commune_code', code: 'import.example_row' },
    ]);
  });

  it('round-trips: delete the examples, fill one real row, parse OK', async () => {
    const wb = new ExcelJS.Workbook();
    // Like our reader, skip the drop-down lists: exceljs would expand their 100,000-row ranges cell by cell.
    await wb.xlsx.load(Buffer.from(await templateXlsx()) as unknown as ExcelJS.Buffer, { ignoreNodes: ['dataValidations'] });
    const communes = wb.getWorksheet('communes')!;
    // Fill below the examples, then delete them one at a time (exceljs's spliceRows(2, 2) leaves a row behind).
    communes.addRow(['00004', 'Phường Ba Đình', '001', 'Quận Ba Đình', '01', 'Hà Nội', 0]);
    communes.spliceRows(2, 1);
    communes.spliceRows(2, 1);
    const residents = wb.getWorksheet('residents')!;
    residents.addRow(residentCells(resident({ commune_code: '00004' })));
    residents.spliceRows(2, 1);
    residents.spliceRows(2, 1);
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());

    const c = await parseCommunes({ name: 'so-pcgd.xlsx', bytes });
    expect(c).toMatchObject({ ok: true, rows: [{ communeCode: '00004', districtCode: '001' }] });
    const r = await parseResidents({ name: 'so-pcgd.xlsx', bytes }, opts);
    expect(r).toMatchObject({ ok: true, rows: [{ residentId: 'R1', communeCode: '00004', fullName: 'Nguyễn Văn An', birthYear: 2015 }] });
  });
});

describe('size', () => {
  it('parses a 100,000-row residents CSV', async () => {
    const enrolled = ['none', 'preschool', 'primary', 'lower_secondary', 'upper_secondary', 'continuing_upper', 'vocational', 'higher'];
    const lines = [RESIDENT_HEADER];
    for (let i = 0; i < 100_000; i++) {
      lines.push(`R${i},H${i >> 2},${i % 2 ? '25747' : '00004'},Ấp ${i % 7},Nguyễn Văn Số ${i},${i % 2 ? 'M' : 'F'},${1930 + (i % 94)},present,none,${enrolled[i % 8]},${i % 13},${i % 2},1,${i % 3}`);
    }
    const r = await parseResidents(csvFile(lines), opts);
    expect(r.ok && r.rows.length).toBe(100_000);
  });
});

/** The raw XML of worksheet n, to check what we do not read back with exceljs (validations over 100,000 rows). */
async function sheetXml(bytes: Uint8Array, n: number): Promise<string> {
  const { inflateRawSync } = await import('node:zlib');
  const buf = Buffer.from(bytes);
  const target = `xl/worksheets/sheet${n}.xml`;
  const end = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  let p = buf.readUInt32LE(end + 16); // central directory: it has the sizes even when local headers use data descriptors
  for (let k = buf.readUInt16LE(end + 10); k > 0; k--) {
    const method = buf.readUInt16LE(p + 10), size = buf.readUInt32LE(p + 20), nameLength = buf.readUInt16LE(p + 28);
    const name = buf.toString('utf8', p + 46, p + 46 + nameLength);
    if (name === target) {
      const local = buf.readUInt32LE(p + 42);
      const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
      const data = buf.subarray(start, start + size);
      return method === 8 ? inflateRawSync(data).toString('utf8') : data.toString('utf8');
    }
    p += 46 + nameLength + buf.readUInt16LE(p + 30) + buf.readUInt16LE(p + 32);
  }
  throw new Error(`${target} not found`);
}
