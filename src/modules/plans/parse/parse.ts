import type { DueRule } from '../deadlines.ts';
import { InputError } from './input.ts';
import { readDue } from './deadlines.ts';
import type { Directory, UnitScope } from './directory.ts';
import { readFooter, readHeader, type Footer, type Header } from './header.ts';
import { linesOf, measureLayout, paragraphs, type Paragraph } from './layout.ts';
import { isLabelled, outline, partKind, type Item, type PartKind } from './outline.ts';
import { coordinationOf, isPartyHeading, PartyIndex, subjectOf, type Party } from './parties.ts';
import { splitTargets, yearOf } from './targets.ts';
import { toLines, trimClause, type SourceLine } from './text.ts';

/** Everything read from a plan's text, each piece with the source lines it came from. */
export interface ParsedTask {
  code: string;
  text: string;
  lead: Party[];
  coordinating: Party[];
  /** Coordinating parties named only generically ("các đơn vị liên quan"). */
  coordinatingText: string | null;
  due: DueRule;
  sourceLines: [number, number];
}

export interface ParsedSection {
  code: string;
  title: string | null;
  text: string | null;
  sourceLines: [number, number];
  sections: ParsedSection[];
  tasks: ParsedTask[];
}

export interface ParsedTarget {
  code: string;
  year: number | null;
  group: string | null;
  text: string;
  value: number | null;
  unit: string | null;
  subject: string;
  sourceLines: [number, number];
}

export type Severity = 'error' | 'warning' | 'info';
export interface ParseWarning { code: string; severity: Severity; message: string; lines: [number, number] }

export interface ParsedPlan {
  number: string | null;
  documentType: string | null;
  issuer: string | null;
  issuerUnit: { code: string; name: string } | null;
  place: string | null;
  issuedOn: string | null;
  title: string | null;
  period: { from: number; to: number } | null;
  legalBasis: string[];
  sections: ParsedSection[];
  targets: ParsedTarget[];
  closing: string | null;
  recipients: string[];
  signer: { name: string | null; position: string | null; capacity: string | null } | null;
  headerLines: Header['lines'];
  /** What the reviewer should look at: unresolved names, numbering gaps, impossible dates … */
  warnings: ParseWarning[];
  /** Non-empty lines that no field, section, task or target took. */
  unparsed: { line: number; text: string }[];
  lineCount: number;
}

interface Context {
  lead: Party[];
  coordinating: Party[];
  coordinatingText: string | null;
}

const NO_CONTEXT: Context = { lead: [], coordinating: [], coordinatingText: null };
const ADMIN_KINDS = new Set(['province', 'district', 'commune', 'hamlet']);

export function parsePlanText(raw: string, directory: Directory): ParsedPlan {
  const lines = toLines(raw);
  const layout = measureLayout(lines);
  const paras = paragraphs(lines, 0, lines.length, layout);
  const bodyStart = findBodyStart(paras);
  const bodyEnd = findBodyEnd(paras, bodyStart);
  const header = readHeader(lines, paras, bodyStart, directory);
  const footer = readFooter(lines, bodyEnd < paras.length ? lines.findIndex((l) => l.no === paras[bodyEnd]!.lines[0]) : lines.length);
  const warnings: ParseWarning[] = [];
  const scope = header.issuerUnit && header.issuedOn ? directory.scope(header.issuerUnit.code, header.issuedOn) : null;
  headerWarnings(header, footer, warnings);

  const { roots, problems } = outline(paras.slice(bodyStart, bodyEnd));
  for (const p of problems) warnings.push({ code: 'outline.numbering', severity: 'warning', message: p.message, lines: [p.line, p.line] });
  const reader = new BodyReader(scope ? new PartyIndex(scope) : null, warnings);
  const sections = reader.top(roots);

  const used = new Set<number>([...header.used, ...footer.used]);
  for (const p of paras.slice(bodyStart, bodyEnd)) for (let n = p.lines[0]; n <= p.lines[1]; n++) used.add(n);
  const unparsed = lines.filter((l) => l.text && !used.has(l.no)).map((l) => ({ line: l.no, text: l.text }));
  for (const u of footerLeftovers(lines, footer, paras[bodyEnd])) unparsed.push(u);

  return {
    number: header.number, documentType: header.documentType, issuer: header.issuer,
    issuerUnit: header.issuerUnit ? { code: header.issuerUnit.code, name: header.issuerUnit.name } : null,
    place: header.place, issuedOn: header.issuedOn, title: header.title, period: header.period,
    legalBasis: header.legalBasis.map((b) => b.text), sections, targets: reader.targets, closing: reader.closing,
    recipients: footer.recipients.map((r) => r.text),
    signer: footer.signer ? { name: footer.signer.name, position: footer.signer.position, capacity: footer.signer.capacity } : null,
    headerLines: header.lines, warnings, unparsed: dedupe(unparsed), lineCount: lines.length,
  };
}

/** The body starts at the first "I." (or, in a plan without parts, at the first numbered paragraph after the preamble). */
function findBodyStart(paras: Paragraph[]): number {
  const roman = paras.findIndex((p) => p.marker?.kind === 'roman');
  if (roman >= 0) return roman;
  const preambleEnd = paras.findIndex((p) => /như sau:?$/iu.test(p.text));
  const first = paras.findIndex((p, i) => i > preambleEnd && p.marker && p.marker.kind !== 'dash' && p.marker.kind !== 'plus');
  return first >= 0 ? first : paras.length;
}

function findBodyEnd(paras: Paragraph[], from: number): number {
  const end = paras.findIndex((p, i) => i >= from && (/^Nơi nhận/iu.test(p.text) || /^(TM|KT)\.\s/u.test(p.text)));
  return end >= 0 ? end : paras.length;
}

function headerWarnings(h: Header, f: Footer, out: ParseWarning[]) {
  const at = (l?: [number, number]): [number, number] => l ?? [1, 1];
  if (!h.number) out.push({ code: 'header.number_missing', severity: 'error', message: 'Không thấy số, ký hiệu văn bản (dòng “Số: …/KH-…”).', lines: [1, 1] });
  if (!h.issuedOn) out.push({ code: 'header.date_missing', severity: 'error', message: 'Không thấy ngày ban hành (“…, ngày … tháng … năm …”) hoặc ngày không tồn tại.', lines: at(h.lines.issuedOn) });
  if (!h.title) out.push({ code: 'header.title_missing', severity: 'error', message: 'Không thấy tên (trích yếu) của kế hoạch sau chữ “KẾ HOẠCH”.', lines: at(h.lines.documentType) });
  if (!h.issuerUnit) {
    out.push({ code: 'header.issuer_unresolved', severity: 'error', message: `Không xác định được cơ quan ban hành${h.issuer ? ` “${h.issuer}”` : ''} trong danh mục đơn vị tại ngày ban hành.`, lines: at(h.lines.issuer ?? h.lines.issuedOn) });
  }
  if (!f.signer?.name) out.push({ code: 'footer.signer_missing', severity: 'info', message: 'Không thấy họ tên người ký.', lines: at(f.signer?.lines) });
  else if (!f.signer.position) out.push({ code: 'footer.position_missing', severity: 'info', message: 'Không thấy chức vụ người ký.', lines: f.signer.lines });
}

/** Text on the "Nơi nhận:" line after the label (a stray mark of the copy) is shown as unread. */
function footerLeftovers(lines: SourceLine[], footer: Footer, first: Paragraph | undefined): { line: number; text: string }[] {
  if (!first) return [];
  const line = lines.find((l) => l.no === first.lines[0]);
  const rest = line && /^Nơi nhận\s*:?\s*(.*)$/iu.exec(line.text)?.[1];
  return rest ? [{ line: line.no, text: rest }] : [];
}

function dedupe(u: { line: number; text: string }[]) {
  const seen = new Set<string>();
  return u.filter((x) => !seen.has(`${x.line}|${x.text}`) && seen.add(`${x.line}|${x.text}`)).sort((a, b) => a.line - b.line);
}

/** Builds sections, tasks and targets from the outline, carrying lead and coordinating parties down from headings. */
class BodyReader {
  readonly targets: ParsedTarget[] = [];
  closing: string | null = null;

  constructor(private readonly parties: PartyIndex | null, private readonly warnings: ParseWarning[]) {}

  top(roots: Item[]): ParsedSection[] {
    const sections: ParsedSection[] = [];
    const loose: Item[] = [];
    for (const root of roots) {
      if (isLabelled(root)) sections.push(this.section(root, root.marker!.label, 'tasks', NO_CONTEXT).section);
      else loose.push(root);
    }
    // Paragraphs before the first numbered part have nowhere else to go: a section of their own.
    if (loose.length) {
      const section: ParsedSection = { code: '0', title: null, text: null, sourceLines: [loose[0]!.para.lines[0], lastLine(loose[loose.length - 1]!)], sections: [], tasks: [] };
      this.children(loose, '0', 'tasks', NO_CONTEXT, { sections: section.sections, tasks: section.tasks, escalated: [] }, section);
      sections.unshift(section);
    }
    return sections;
  }

  private section(item: Item, code: string, inherited: PartKind, ctx: Context): { section: ParsedSection; escalated: ParsedTask[] } {
    const own = item.para.text;
    const kind = (isSentence(own) ? null : partKind(own)) ?? inherited;
    const section: ParsedSection = { code, title: null, text: null, sourceLines: item.para.lines, sections: [], tasks: [] };
    const out = { sections: section.sections, tasks: section.tasks, escalated: [] as ParsedTask[] };
    if (kind === 'tasks' || !item.marker || item.marker.kind === 'roman') {
      section.title = trimClause(own, { keepPeriod: false });
    } else if (item.children.length && !isSentence(own)) {
      section.title = trimClause(own, { keepPeriod: false });
    } else {
      section.text = trimClause(own, { keepPeriod: true });
    }
    const inner = kind === 'tasks' ? this.heading(own, item.para, ctx) : ctx;
    this.children(item.children, code, kind, inner, out, section, yearOf(own));
    section.sourceLines = [item.para.lines[0], lastLine(item)];
    return { section, escalated: out.escalated };
  }

  private children(items: Item[], code: string, kind: PartKind, ctx: Context,
    out: { sections: ParsedSection[]; tasks: ParsedTask[]; escalated: ParsedTask[] }, section?: ParsedSection, year: number | null = null) {
    const labelled = items.some(isLabelled);
    let seq = 0, p = 0, targetSeq = 0;
    const next = () => `${code}.${labelled ? `p${++p}` : ++seq}`;
    const sub = (label: string) => (code ? `${code}.${label}` : label);
    const escalatedHere: ParsedTask[] = [];
    for (const child of items) {
      const text = child.para.text;
      if (!child.marker && /^Trên đây là\s/iu.test(text)) { this.closing = trimClause(text, { keepPeriod: false }); continue; }

      // "Đến hết năm 2025:" before a list of targets: the year of the bullets below it.
      if (kind === 'goals' && !child.marker && /:$/.test(text) && yearOf(text) !== null) year = yearOf(text);
      if (kind === 'goals' && child.marker && (year ?? yearOf(text)) !== null && (!isLabelled(child) || !child.children.length)) {
        targetSeq = this.goal(child, code, year ?? yearOf(text)!, targetSeq);
        continue;
      }
      if (kind !== 'tasks') {
        const subject = this.parties && !isLabelled(child) && kind === 'mixed' ? subjectOf(this.parties, text) : null;
        if (subject) {
          for (const t of this.tasksOf([child.para], ctx, subject.flatMap((m) => m.parties))) out.tasks.push({ ...t, code: next() });
        } else if (!child.marker && section) {
          section.text = [section.text, trimClause(text, { keepPeriod: true })].filter(Boolean).join('\n');
        } else {
          const r = this.section(child, isLabelled(child) ? sub(child.marker!.label) : next(), kind, ctx);
          out.sections.push(r.section);
        }
        continue;
      }

      if (this.isHeading(child)) {
        const r = this.section(child, isLabelled(child) ? sub(child.marker!.label) : next(), kind, ctx);
        out.sections.push(r.section);
        escalatedHere.push(...r.escalated);
        continue;
      }
      // A paragraph that names its own, different subject after a heading's assignments (the closing "Trong quá
      // trình thực hiện, … các sở, ban, ngành … chủ động báo cáo …") belongs to the part above (a part keeps it).
      const subject = this.parties ? subjectOf(this.parties, text) : null;
      if (!child.marker && code.includes('.') && subject && ctx.lead.length && !sameParties(subject.flatMap((m) => m.parties), ctx.lead)) {
        out.escalated.push(...this.tasksOf([child.para], ctx));
        continue;
      }
      const tasks = this.tasksOf([child.para, ...child.children.map((c) => c.para)], ctx);
      if (isLabelled(child)) {
        const base = sub(child.marker!.label);
        tasks.forEach((t, i) => out.tasks.push({ ...t, code: tasks.length === 1 ? base : `${base}.${i + 1}` }));
      } else {
        for (const t of tasks) out.tasks.push({ ...t, code: next() });
      }
    }
    for (const t of escalatedHere) out.tasks.push({ ...t, code: `${code}.p${++p}` });
  }

  /** A numbered item that heads others: it has numbered children, ends with ":", is a title, or only names parties. */
  private isHeading(item: Item): boolean {
    if (!item.children.length) return false;
    if (item.children.some((c) => c.marker)) return true;
    const text = item.para.text;
    return /:$/.test(text) || !isSentence(text) || (!!this.parties && isPartyHeading(this.parties, text));
  }

  /** What a heading passes down: its subject becomes the lead, "phối hợp với …" adds coordinating parties. */
  private heading(text: string, para: Paragraph, ctx: Context): Context {
    if (!this.parties) return ctx;
    const subject = subjectOf(this.parties, text);
    const coordination = coordinationOf(this.parties, text);
    this.flagUnresolved([...(subject?.flatMap((m) => m.parties) ?? []), ...coordination.parties], para.lines);
    if (subject) {
      const { lead, extra } = splitLead(subject.flatMap((m) => m.parties));
      return { lead, coordinating: [...extra, ...coordination.parties], coordinatingText: coordination.text };
    }
    return { lead: ctx.lead, coordinating: [...ctx.coordinating, ...coordination.parties], coordinatingText: join(ctx.coordinatingText, coordination.text) };
  }

  /**
   * Tasks of an item's paragraphs. A paragraph may carry several assignments ("…; Chủ trì, phối hợp với …"):
   * each clause opening with a capital after ";" is a task of its own. Clauses without a subject continue the
   * first clause's lead; several bodies leading together ("Đài …, Báo …") give one task each.
   */
  private tasksOf(paras: Paragraph[], ctx: Context, knownSubject?: Party[]): ParsedTask[] {
    const out: ParsedTask[] = [];
    let itemLead: Party[] | null = null;
    let itemCoordinating: Context | null = null;
    for (const para of paras) {
      for (const clause of clauses(para.text)) {
        const text = trimClause(clause.text, { keepPeriod: true });
        const lines = linesOf(para, clause.start, clause.end);
        const subject = knownSubject && out.length === 0 ? knownSubject : this.parties ? subjectOf(this.parties, text)?.flatMap((m) => m.parties) : undefined;
        const coordination = this.parties ? coordinationOf(this.parties, text) : { parties: [], text: null };
        let lead: Party[], coordinating: Party[], coordinatingText: string | null;
        if (subject?.length) {
          const split = splitLead(subject);
          lead = split.lead;
          coordinating = [...split.extra, ...coordination.parties];
          coordinatingText = coordination.text;
        } else {
          const from = itemCoordinating ?? ctx;
          lead = itemLead ?? ctx.lead;
          coordinating = [...from.coordinating, ...coordination.parties];
          coordinatingText = join(from.coordinatingText, coordination.text);
        }
        if (itemLead === null) {
          itemLead = lead;
          itemCoordinating = subject?.length ? { lead, coordinating: coordinating.filter((c) => !coordination.parties.includes(c)), coordinatingText: null } : null;
        }
        const { due, problem } = readDue(text);
        if (problem) this.warnings.push({ code: 'task.due_invalid', severity: 'warning', message: problem, lines });
        this.flagUnresolved([...(subject ?? []), ...coordination.parties], lines);
        const peers = lead.filter(isBody);
        const leads = peers.length > 1 && peers.length === lead.length ? peers.map((p) => [p]) : [lead];
        for (const l of leads) {
          out.push({ code: '', text, lead: l, coordinating: uniqueParties(coordinating, l), coordinatingText, due, sourceLines: lines });
        }
      }
    }
    for (const t of out) {
      if (!t.lead.length && this.parties) this.warnings.push({ code: 'task.no_lead', severity: 'info', message: 'Văn bản không nêu cơ quan chủ trì nhiệm vụ này.', lines: t.sourceLines });
    }
    return out;
  }

  /** Bullets under a goal heading ("Mục tiêu đến năm 2025") are targets, grouped by the bullet above them. */
  private goal(item: Item, sectionCode: string, year: number, seq: number): number {
    const group = item.children.length ? trimClause(item.para.text, { keepPeriod: false }) : null;
    for (const leaf of item.children.length ? item.children : [item]) {
      for (const piece of splitTargets(leaf.para.text)) {
        this.targets.push({
          code: `${sectionCode}.${++seq}`, year: yearOf(piece.text) ?? year, group, text: piece.text, value: piece.value, unit: piece.unit,
          subject: piece.subject, sourceLines: linesOf(leaf.para, piece.start, piece.end),
        });
      }
    }
    return seq;
  }

  private flagUnresolved(parties: Party[], lines: [number, number]) {
    for (const p of parties) {
      if (p.kind !== 'unresolved') continue;
      this.warnings.push({ code: 'party.unresolved', severity: 'warning', message: `“${p.text}” không có trong danh mục đơn vị của địa phương ban hành tại ngày ban hành: hãy chọn đơn vị tương ứng.`, lines });
    }
  }
}

/** Clauses of a paragraph: split at ";" followed by a capital ("… tỉnh; Chủ trì, phối hợp với …"). */
function clauses(text: string): { text: string; start: number; end: number }[] {
  const out: { text: string; start: number; end: number }[] = [];
  let start = 0;
  for (const m of text.matchAll(/;\s+(?=\p{Lu})/gu)) {
    out.push({ text: text.slice(start, m.index), start, end: m.index });
    start = m.index + m[0].length;
  }
  out.push({ text: text.slice(start), start, end: text.length });
  return out;
}

/** A lead list naming bodies and groups together ("UBMTTQVN tỉnh và các tổ chức thành viên"): the bodies lead, the groups help. */
function splitLead(parties: Party[]): { lead: Party[]; extra: Party[] } {
  const bodies = parties.filter(isBody);
  if (!bodies.length || bodies.length === parties.length) return { lead: parties, extra: [] };
  const groups = parties.filter((p) => p.kind === 'group');
  return { lead: parties.filter((p) => p.kind !== 'group'), extra: groups };
}

/** An agency, association or unknown body (not a district, commune or group): such leads are tracked one task each. */
const isBody = (p: Party) => p.kind === 'unresolved' || (p.kind === 'unit' && !ADMIN_KINDS.has(p.unitKind));

export const partyKey = (p: Party) => (p.kind === 'unit' ? p.code : p.kind === 'group' ? p.token : `?${p.name}`);

function uniqueParties(list: Party[], lead: Party[]): Party[] {
  const seen = new Set(lead.map(partyKey));
  return list.filter((p) => !seen.has(partyKey(p)) && seen.add(partyKey(p)));
}

function sameParties(a: Party[], b: Party[]): boolean {
  const x = new Set(a.map(partyKey)), y = new Set(b.map(partyKey));
  return x.size === y.size && [...x].every((k) => y.has(k));
}

const join = (a: string | null, b: string | null) => (a && b ? `${a}; ${b}` : a ?? b);

/** A sentence ends with "." or ";", or runs long; a title does neither. */
const isSentence = (text: string) => /[.;]["”)]*$/.test(text) || text.split(' ').length > 25;

function lastLine(item: Item): number {
  const last = item.children[item.children.length - 1];
  return last ? lastLine(last) : item.para.lines[1];
}

/** A text with neither a document number nor a type, or without any numbered part, is not a plan to import. */
export function requirePlan(plan: ParsedPlan): void {
  if ((!plan.number && !plan.documentType) || !plan.sections.length) {
    throw new InputError('plan_import.not_a_plan',
      'Văn bản không giống một kế hoạch: không thấy số, ký hiệu (“Số: …/KH-…”) hoặc chữ “KẾ HOẠCH”, hay các mục đánh số (I., 1., a)). Hãy kiểm tra đã chọn đúng tệp.');
  }
}
