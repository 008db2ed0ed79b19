import ExcelJS from 'exceljs';
import type { FastifyReply } from 'fastify';
import { attachment } from './download.ts';

export interface XlsxColumn<T> {
  header: string;
  width?: number;
  value: (row: T) => string | number | Date | null;
  /** Excel number format, e.g. 'dd/mm/yyyy' or '#,##0'. */
  format?: string;
}

export interface XlsxSheet<T> { name: string; title: string; columns: XlsxColumn<T>[]; rows: T[] }

/** Sheets with a title row and a bold, frozen, filterable header row: what staff expect from "Xuất Excel". */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function xlsxWorkbook(sheets: XlsxSheet<any>[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'xhht';
  for (const { name, title, columns, rows } of sheets) {
    const ws = wb.addWorksheet(name.slice(0, 31));
    ws.addRow([title]).font = { bold: true, size: 13 };
    const header = ws.addRow(columns.map((c) => c.header));
    header.font = { bold: true };
    header.alignment = { vertical: 'middle', wrapText: true };
    columns.forEach((c, i) => {
      const col = ws.getColumn(i + 1);
      col.width = c.width ?? 18;
      if (c.format) col.numFmt = c.format;
    });
    for (const r of rows) ws.addRow(columns.map((c) => c.value(r))).alignment = { vertical: 'top', wrapText: true };
    ws.views = [{ state: 'frozen', ySplit: 2 }];
    ws.autoFilter = { from: { row: 2, column: 1 }, to: { row: 2, column: columns.length } };
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A one-sheet workbook. */
export function xlsxBuffer<T>(sheetName: string, title: string, columns: XlsxColumn<T>[], rows: T[]): Promise<Buffer> {
  return xlsxWorkbook([{ name: sheetName, title, columns, rows }]);
}

export function sendXlsx(reply: FastifyReply, fileName: string, body: Buffer) {
  return reply
    .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    .header('content-disposition', attachment(fileName))
    .send(body);
}

/** An ISO calendar date as an Excel date (midnight UTC, so no time-zone shift). */
export const excelDate = (iso: string | null) => (iso ? new Date(`${iso}T00:00:00Z`) : null);
