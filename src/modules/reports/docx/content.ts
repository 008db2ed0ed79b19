import { formatVnDate } from '../../plans/deadlines.ts';
import { NARRATIVE_SECTIONS, SECTION_TITLES, type Narrative, type NarrativeSection } from '../narrative.ts';
import type { PrefillIndicator, PrefillTask } from '../prefill.ts';
import { bodyAbbreviation, formatVnNumber, placeName } from './format.ts';
import type { Block, OfficialDocument } from './official.ts';

/** The texts of the two documents the platform issues from reports, as data for the official-layout builder (pure). */

export interface IssuingUnit { kind: string; name: string; shortName: string | null; province: string }
export interface PlanRef { number: string; issuedOn: string; issuerName: string; title: string }

const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X'];
const ADMIN_KINDS = ['province', 'district', 'commune'];

/** The header names of a body: a people's committee stands alone; an agency sits under its province's committee. */
export function headerOf(u: IssuingUnit): Pick<OfficialDocument, 'superiorBody' | 'issuingBody' | 'symbol' | 'place' | 'signature'> {
  const admin = ADMIN_KINDS.includes(u.kind);
  const isAssociation = u.kind === 'association' || /^Hội\s/.test(u.name);
  // A long superior name goes on two lines, as Hồ Chí Minh City's departments write it.
  const superior = `UBND ${u.province}`.length <= 22 ? `UBND ${u.province}` : `Ủy ban nhân dân\n${u.province}`;
  return {
    superiorBody: admin ? null : superior,
    issuingBody: admin ? `Ủy ban nhân dân ${u.name}` : u.name.replace(/\s+(tỉnh|thành phố)\s+.+$/i, ''),
    symbol: `BC-${bodyAbbreviation(u)}`,
    place: placeName(u.province),
    signature: admin ? { authority: 'TM. ỦY BAN NHÂN DÂN', position: 'CHỦ TỊCH', name: null }
      : isAssociation ? { authority: 'TM. BAN THƯỜNG VỤ', position: 'CHỦ TỊCH', name: null }
      : { authority: null, position: /^Sở\s/.test(u.name) ? 'GIÁM ĐỐC' : 'THỦ TRƯỞNG CƠ QUAN', name: null },
  };
}

/** First citation of a plan in full (type, number, date, issuer, subject), as ND 30/2020 asks. */
export const citePlan = (p: PlanRef) => `Kế hoạch số ${p.number} ngày ${formatVnDate(p.issuedOn)} của ${p.issuerName} về ${lowerFirst(p.title)}`;
const lowerFirst = (s: string) => s.charAt(0).toLocaleLowerCase('vi') + s.slice(1);
const upperFirst = (s: string) => s.charAt(0).toLocaleUpperCase('vi') + s.slice(1);
/** What a report is about, without the document type its title starts with ("Báo cáo sơ kết …" → "sơ kết …"). */
const subjectOf = (title: string) => lowerFirst(title.replace(/^Báo cáo\s+/i, ''));

export function taskTable(tasks: PrefillTask[]): Block {
  return {
    kind: 'table',
    columns: [{ header: 'Mục', width: 9, align: 'center' }, { header: 'Nhiệm vụ', width: 52 }, { header: 'Thời hạn', width: 15 }, { header: 'Tình trạng', width: 13 }, { header: 'Tiến độ (%)', width: 11, align: 'right' }],
    rows: tasks.map((t) => [t.code, t.text, t.dueRuleText, t.statusLabel, formatVnNumber(t.percent)]),
  };
}

const valueText = (v: number | null, i: PrefillIndicator) => (v === null ? 'Chưa có số liệu' : `${formatVnNumber(v, i.decimals)}${i.unitLabel === '%' ? '%' : ''}`);

export function indicatorTable(rows: PrefillIndicator[], year: number): Block {
  return {
    kind: 'table',
    columns: [{ header: 'STT', width: 7, align: 'center' }, { header: 'Chỉ tiêu', width: 45 }, { header: 'Mục tiêu (năm)', width: 15, align: 'right' }, { header: `Kết quả năm ${year}`, width: 15, align: 'right' }, { header: 'Đánh giá', width: 18 }],
    rows: rows.map((r, i) => [String(i + 1), r.text ?? r.name, `${valueText(r.target, r)} (${r.targetYear})`, valueText(r.value, r), r.outlookLabel]),
  };
}

function narrativeBlocks(n: Narrative, key: NarrativeSection): Block[] {
  return [{ kind: 'text', text: n[key] ?? 'Không có.' }];
}

export interface UnitReportData {
  unit: IssuingUnit; plan: PlanRef | null; obligationTitle: string; legalSource: string; period: number; date: string;
  addressee: string; narrative: Narrative; tasks: PrefillTask[]; indicators: PrefillIndicator[]; targetsOf: string | null; asOf: string;
}

/** A unit's own report: its tasks and indicators (as submitted), then the five narrative sections. */
export function unitReport(d: UnitReportData): OfficialDocument {
  const h = headerOf(d.unit);
  const basis = d.plan ? citePlan(d.plan) : d.legalSource;
  const body: Block[] = [{ kind: 'text', text: `Thực hiện ${basis}, ${d.unit.name} báo cáo ${subjectOf(d.obligationTitle)} năm ${d.period} như sau:` }];
  let n = 0;
  const heading = (t: string) => body.push({ kind: 'heading', text: `${ROMAN[n++]}. ${t.toLocaleUpperCase('vi')}` });
  if (d.plan) {
    heading('Tình hình thực hiện các nhiệm vụ được giao');
    body.push(d.tasks.length ? taskTable(d.tasks) : { kind: 'note', text: 'Kế hoạch không giao nhiệm vụ riêng cho đơn vị.' });
    body.push({ kind: 'note', text: `Tình trạng theo dõi trên hệ thống đến ngày ${formatVnDate(d.asOf)}.` });
  }
  heading('Kết quả thực hiện các chỉ tiêu');
  if (d.indicators.length) {
    body.push({ kind: 'note', text: `Chỉ tiêu của ${d.targetsOf}; số liệu tổng hợp trên hệ thống đến ngày ${formatVnDate(d.asOf)}.` }, indicatorTable(d.indicators, d.period));
  } else body.push({ kind: 'note', text: 'Không có chỉ tiêu định lượng áp dụng cho đơn vị.' });
  for (const key of NARRATIVE_SECTIONS) {
    heading(key === 'nextYear' ? `Phương hướng, nhiệm vụ năm ${d.period + 1}` : SECTION_TITLES[key]);
    body.push(...narrativeBlocks(d.narrative, key));
  }
  body.push({ kind: 'text', text: `Trên đây là báo cáo ${subjectOf(d.obligationTitle)} năm ${d.period} của ${d.unit.name}./.` });
  return {
    ...h, date: d.date, type: 'Báo cáo', summary: `${upperFirst(subjectOf(d.obligationTitle))} năm ${d.period}`, addressees: [d.addressee], body,
    recipients: ['Như trên', 'Lưu: VT'],
  };
}

export interface ConsolidatedData {
  issuer: IssuingUnit; plan: PlanRef; year: number; date: string; addressee: string; copiesTo: string[];
  obligations: { reporterText: string; duePhrase: string; dueDate: string; summary: { expected: number; submitted: number; onTime: number; late: number; accepted: number };
    rows: { unit: string; statusLabel: string; submittedOn: string | null; late: boolean }[] }[];
  indicators: PrefillIndicator[]; targetsOf: string | null;
  accepted: { unit: string; narrative: Narrative }[];
}

/** The province's consolidated report: reporting status, targets and results, then each section from the accepted unit reports. */
export function consolidatedReport(d: ConsolidatedData): OfficialDocument {
  const h = headerOf(d.issuer);
  const body: Block[] = [{ kind: 'text', text: `Thực hiện ${citePlan(d.plan)}, trên cơ sở báo cáo của các cơ quan, đơn vị, địa phương, ${d.issuer.name} báo cáo tình hình, kết quả thực hiện Kế hoạch năm ${d.year} như sau:` }];
  body.push({ kind: 'heading', text: 'I. TÌNH HÌNH BÁO CÁO CỦA CÁC CƠ QUAN, ĐƠN VỊ' });
  for (const o of d.obligations) {
    const s = o.summary;
    body.push({ kind: 'text', text: `${o.reporterText} gửi báo cáo ${o.duePhrase} (hạn ngày ${formatVnDate(o.dueDate)}). Đến ngày ${formatVnDate(d.date)}, ${s.submitted}/${s.expected} đơn vị đã gửi báo cáo (${s.onTime} đúng hạn, ${s.late} trễ hạn hoặc chưa gửi khi đã quá hạn); ${s.accepted} báo cáo đã được chấp nhận và được tổng hợp dưới đây.` });
    if (o.rows.length) {
      body.push({ kind: 'table', columns: [{ header: 'STT', width: 7, align: 'center' }, { header: 'Cơ quan, đơn vị', width: 48 }, { header: 'Tình trạng', width: 18 }, { header: 'Ngày gửi', width: 14, align: 'center' }, { header: 'Đúng hạn', width: 13, align: 'center' }],
        rows: o.rows.map((r, i) => [String(i + 1), r.unit, r.statusLabel, r.submittedOn ? formatVnDate(r.submittedOn) : '—', r.submittedOn ? (r.late ? 'Trễ hạn' : 'Đúng hạn') : (r.late ? 'Quá hạn' : '—')]) });
    }
  }
  body.push({ kind: 'heading', text: 'II. KẾT QUẢ ĐẠT ĐƯỢC' }, { kind: 'subheading', text: '1. Kết quả thực hiện các chỉ tiêu của Kế hoạch' });
  if (d.indicators.length) body.push({ kind: 'note', text: `Chỉ tiêu của ${d.targetsOf}; số liệu tổng hợp trên hệ thống đến ngày ${formatVnDate(d.date)}.` }, indicatorTable(d.indicators, d.year));
  else body.push({ kind: 'note', text: 'Kế hoạch không đặt chỉ tiêu định lượng.' });
  body.push({ kind: 'subheading', text: '2. Kết quả thực hiện nhiệm vụ của các cơ quan, đơn vị' });
  const perUnit = (key: NarrativeSection): Block[] => {
    const parts = d.accepted.filter((a) => a.narrative[key]).flatMap((a): Block[] => [{ kind: 'subheading', text: a.unit }, { kind: 'text', text: a.narrative[key]! }]);
    return parts.length ? parts : [{ kind: 'text', text: 'Chưa có báo cáo được chấp nhận nêu nội dung này.' }];
  };
  body.push(...perUnit('results'));
  const rest: [NarrativeSection, string][] = [['shortcomings', 'III. HẠN CHẾ, NGUYÊN NHÂN'], ['lessons', 'IV. BÀI HỌC KINH NGHIỆM'], ['nextYear', `V. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM ${d.year + 1}`], ['proposals', 'VI. ĐỀ XUẤT, KIẾN NGHỊ']];
  for (const [key, title] of rest) body.push({ kind: 'heading', text: title }, ...perUnit(key));
  body.push({ kind: 'text', text: `Trên đây là báo cáo tình hình, kết quả thực hiện Kế hoạch số ${d.plan.number} năm ${d.year} của ${d.issuer.name}./.` });
  return {
    ...h, date: d.date, type: 'Báo cáo', summary: `Tình hình, kết quả thực hiện Kế hoạch số ${d.plan.number} năm ${d.year}`, addressees: [d.addressee], body,
    recipients: ['Như trên', ...d.copiesTo, 'Lưu: VT'],
  };
}
