import {
  AlignmentType, BorderStyle, Document, Header, Packer, PageNumber, Paragraph, Table, TableBorders, TableCell, TableRow,
  TextRun, VerticalAlign, WidthType, type ParagraphChild,
} from 'docx';
import { vnDateLine } from './format.ts';

/**
 * One builder for every administrative document the platform issues, in the layout of Nghị định 30/2020/NĐ-CP,
 * Phụ lục I (see docs/decisions/0010-reports-and-documents.md for each rule and its source): A4 portrait; margins top
 * and bottom 20 mm, left 30 mm, right 15 mm; Times New Roman; the two-column header without borders (issuing body
 * left, quốc hiệu and tiêu ngữ right, each with its short line); số/ký hiệu and the italic place-and-date line; the
 * document type and summary; the body; "Nơi nhận" bottom left beside the signature block; page numbers from page 2.
 */
export interface OfficialDocument {
  /** The superior body, upper case, not bold ("UBND TỈNH TÂY NINH"; a newline splits a long one); none for a people's committee. */
  superiorBody: string | null;
  issuingBody: string;
  /** After the number: "BC-SGDĐT". The number itself is given at registration (văn thư), so it is left blank. */
  symbol: string;
  place: string;
  date: string;
  type: string;
  summary: string;
  /** "Kính gửi" addressees, when the document is sent to named bodies. */
  addressees: string[];
  body: Block[];
  signature: { authority: string | null; position: string; name: string | null };
  recipients: string[];
}

export type Block =
  | { kind: 'heading'; text: string }
  | { kind: 'subheading'; text: string }
  | { kind: 'text'; text: string }
  | { kind: 'note'; text: string }
  | { kind: 'table'; columns: { header: string; width: number; align?: 'left' | 'center' | 'right' }[]; rows: string[][] };

const FONT = 'Times New Roman';
const pt = (n: number) => n * 2; // docx sizes are half-points
/** Millimetres to twentieths of a point, rounded (A4 is 11906 × 16838). */
const mm = (x: number) => Math.round((x * 1440) / 25.4);
const A4 = { width: mm(210), height: mm(297) };
const MARGINS_MM = { top: 20, bottom: 20, left: 30, right: 15 };
const TEXT_WIDTH = mm(210 - MARGINS_MM.left - MARGINS_MM.right);
const LEFT_COL = mm(60);
const RIGHT_COL = TEXT_WIDTH - LEFT_COL;
const NO_BORDERS = TableBorders.NONE;
const LINE = { style: BorderStyle.SINGLE, size: 6, color: '000000', space: 1 };

const run = (text: string, o: { size?: number; bold?: boolean; italics?: boolean } = {}) => new TextRun({ text, font: FONT, size: pt(o.size ?? 14), bold: o.bold ?? false, italics: o.italics ?? false });

function centred(children: ParagraphChild[], after = 0) {
  return new Paragraph({ alignment: AlignmentType.CENTER, spacing: { before: 0, after, line: 264 }, children });
}

/** A short solid line of `lengthMm`, centred in a column: a bordered empty paragraph narrowed by indents. */
function rule(lengthMm: number, columnTwip: number) {
  const indent = Math.max(0, Math.round((columnTwip - mm(lengthMm)) / 2));
  return new Paragraph({ indent: { left: indent, right: indent }, spacing: { before: 50, after: 0, line: 240 }, border: { top: LINE }, run: { size: 2 }, children: [new TextRun({ text: '', size: 2 })] });
}

const cell = (children: (Paragraph | Table)[], width: number, o: { borders?: boolean; valign?: boolean; shade?: boolean; tight?: boolean } = {}) => new TableCell({
  children, width: { size: width, type: WidthType.DXA }, verticalAlign: o.valign ? VerticalAlign.CENTER : VerticalAlign.TOP,
  margins: o.tight ? { top: 0, bottom: 0, left: 0, right: 0 } : { top: 30, bottom: 30, left: 60, right: 60 },
  ...(o.borders ? {} : { borders: { top: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' }, bottom: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' }, left: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' }, right: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' } } }),
  ...(o.shade ? { shading: { fill: 'F2F2F2', color: 'auto', type: 'clear' as const } } : {}),
});

function header(d: OfficialDocument): Table {
  const dateLine = `${d.place}, ${vnDateLine(d.date)}`;
  const left = [
    ...(d.superiorBody ?? '').split('\n').filter(Boolean).map((line) => centred([run(line.toLocaleUpperCase('vi'), { size: 12 })])),
    centred([run(d.issuingBody.toLocaleUpperCase('vi'), { size: 12, bold: true })]),
    rule(22, LEFT_COL),
  ];
  const right = [
    centred([run('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', { size: 13, bold: true })]),
    centred([run('Độc lập - Tự do - Hạnh phúc', { size: 14, bold: true })]),
    rule(62, RIGHT_COL),
  ];
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA }, columnWidths: [LEFT_COL, RIGHT_COL], borders: NO_BORDERS,
    rows: [
      new TableRow({ children: [cell(left, LEFT_COL, { tight: true }), cell(right, RIGHT_COL, { tight: true })] }),
      new TableRow({ children: [
        cell([centred([run(`Số:        /${d.symbol}`, { size: 13 })], 0)], LEFT_COL, { tight: true }),
        cell([centred([run(dateLine, { size: dateLine.length > 44 ? 13 : 14, italics: true })], 0)], RIGHT_COL, { tight: true }),
      ] }),
    ],
  });
}

const bodyParagraph = (text: string, o: { bold?: boolean; italics?: boolean; indent?: boolean } = {}) => new Paragraph({
  alignment: AlignmentType.JUSTIFIED, indent: o.indent === false ? undefined : { firstLine: mm(12.7) },
  spacing: { before: 120, after: 0, line: 288 }, children: [run(text, { bold: o.bold ?? false, italics: o.italics ?? false })],
});

function dataTable(b: Extract<Block, { kind: 'table' }>): Table {
  const total = b.columns.reduce((s, c) => s + c.width, 0);
  const widths = b.columns.map((c) => Math.floor((c.width / total) * TEXT_WIDTH));
  const align = (a: 'left' | 'center' | 'right' | undefined) => (a === 'right' ? AlignmentType.RIGHT : a === 'center' ? AlignmentType.CENTER : AlignmentType.LEFT);
  const p = (text: string, a: (typeof AlignmentType)[keyof typeof AlignmentType], bold = false) =>
    new Paragraph({ alignment: a, spacing: { before: 20, after: 20, line: 240 }, children: [run(text, { size: 12, bold })] });
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA }, columnWidths: widths,
    rows: [
      new TableRow({ tableHeader: true, children: b.columns.map((c, i) => cell([p(c.header, AlignmentType.CENTER, true)], widths[i]!, { borders: true, valign: true, shade: true })) }),
      ...b.rows.map((r) => new TableRow({ cantSplit: true, children: r.map((v, i) => cell([p(v, align(b.columns[i]!.align))], widths[i]!, { borders: true })) })),
    ],
  });
}

function block(b: Block): (Paragraph | Table)[] {
  switch (b.kind) {
    case 'heading': return [bodyParagraph(b.text, { bold: true })];
    case 'subheading': return [bodyParagraph(b.text, { bold: true, italics: true })];
    case 'note': return [bodyParagraph(b.text, { italics: true })];
    case 'text': return b.text.split('\n').filter((l) => l.trim()).map((l) => bodyParagraph(l));
    case 'table': return [dataTable(b), new Paragraph({ spacing: { before: 0, after: 0 }, children: [] })];
  }
}

function closing(d: OfficialDocument): Table {
  const half = Math.floor(TEXT_WIDTH / 2);
  const left = [
    new Paragraph({ spacing: { before: 0, after: 0 }, children: [run('Nơi nhận:', { size: 12, bold: true, italics: true })] }),
    ...d.recipients.map((r, i) => new Paragraph({ spacing: { before: 0, after: 0 }, children: [run(`- ${r}${i === d.recipients.length - 1 ? '.' : ';'}`, { size: 11 })] })),
  ];
  const right = [
    ...(d.signature.authority ? [centred([run(d.signature.authority, { bold: true })])] : []),
    centred([run(d.signature.position, { bold: true })]),
    ...Array.from({ length: 4 }, () => centred([run('')])),
    centred([run(d.signature.name ?? '', { bold: true })]),
  ];
  return new Table({ width: { size: TEXT_WIDTH, type: WidthType.DXA }, columnWidths: [half, TEXT_WIDTH - half], borders: NO_BORDERS,
    rows: [new TableRow({ cantSplit: true, children: [cell(left, half), cell(right, TEXT_WIDTH - half)] })] });
}

export async function officialDocx(d: OfficialDocument): Promise<Buffer> {
  const children: (Paragraph | Table)[] = [
    header(d),
    new Paragraph({ spacing: { before: 240, after: 0 }, alignment: AlignmentType.CENTER, children: [run(d.type.toLocaleUpperCase('vi'), { bold: true })] }),
    centred([run(d.summary, { bold: true })]),
    rule(30, TEXT_WIDTH),
    ...(d.addressees.length ? [new Paragraph({ alignment: AlignmentType.CENTER, spacing: { before: 120, after: 0 }, children: [run(`Kính gửi: ${d.addressees.join('; ')}.`)] })] : []),
    ...d.body.flatMap(block),
    new Paragraph({ spacing: { before: 0, after: 120 }, children: [] }),
    closing(d),
  ];
  const doc = new Document({
    creator: 'xhht', title: `${d.type} ${d.summary}`, description: d.summary,
    styles: { default: { document: { run: { font: FONT, size: pt(14) } } } },
    sections: [{
      properties: {
        titlePage: true,
        page: {
          size: A4,
          margin: { top: mm(MARGINS_MM.top), bottom: mm(MARGINS_MM.bottom), left: mm(MARGINS_MM.left), right: mm(MARGINS_MM.right), header: mm(10), footer: mm(10) },
        },
      },
      headers: {
        // Page numbers centred in the top margin, not on page 1 (ND 30/2020, Phụ lục I).
        default: new Header({ children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: [PageNumber.CURRENT], font: FONT, size: pt(13) })] })] }),
        first: new Header({ children: [new Paragraph({ children: [] })] }),
      },
      children,
    }],
  });
  return Packer.toBuffer(doc);
}
