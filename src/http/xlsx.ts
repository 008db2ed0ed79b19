import ExcelJS from 'exceljs';
import type { FastifyReply } from 'fastify';

export interface XlsxColumn<T> {
  header: string;
  width?: number;
  value: (row: T) => string | number | Date | null;
  /** Excel number format, e.g. 'dd/mm/yyyy' or '#,##0'. */
  format?: string;
}

/** A one-sheet workbook with a bold, frozen, filterable header row: what staff expect from "Xuất Excel". */
export async function xlsxBuffer<T>(sheetName: string, title: string, columns: XlsxColumn<T>[], rows: T[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'xhht';
  const ws = wb.addWorksheet(sheetName.slice(0, 31));
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
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export function sendXlsx(reply: FastifyReply, fileName: string, body: Buffer) {
  return reply
    .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    .header('content-disposition', `attachment; filename="${fileName.replace(/[^\w.-]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(fileName)}`)
    .send(body);
}

/** An ISO calendar date as an Excel date (midnight UTC, so no time-zone shift). */
export const excelDate = (iso: string | null) => (iso ? new Date(`${iso}T00:00:00Z`) : null);
