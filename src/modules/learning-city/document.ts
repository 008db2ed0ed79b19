import { formatVnDate } from '../plans/deadlines.ts';
import { headerOf } from '../reports/docx/content.ts';
import { formatVnNumber } from '../reports/docx/format.ts';
import type { Block, OfficialDocument } from '../reports/docx/official.ts';
import type { AssessmentView } from './store.ts';

/** The printable summary of a city's self-assessment as data for the official-layout builder (pure). */

type IndicatorView = AssessmentView['areas'][number]['features'][number]['indicators'][number];

/** "45,2% (đã duyệt 3/3 đơn vị)", or why there is no figure. */
export function figureText(i: IndicatorView): string {
  if (i.missing) return `${i.code}: chưa có trong danh mục chỉ số`;
  const f = i.figure;
  if (!f || f.value === null) return `${i.name}: chưa có số liệu${f?.note ? ` (${f.note})` : ''}`;
  const value = `${formatVnNumber(f.value, i.decimals)}${i.unitLabel === '%' ? '%' : ` ${i.unitLabel}`}`;
  const approval = f.approval ? `; đã duyệt ${f.approval.approved}/${f.approval.units} đơn vị` : '';
  return `${i.name}: ${value}${approval}${f.lineage !== 'hierarchy' ? `; ${f.lineageLabel.toLocaleLowerCase('vi')}` : ''}${f.demo ? '; dữ liệu mẫu' : ''}`;
}

const scoreText = (score: number | null, max: number) => (score === null ? 'Chưa chấm' : `${formatVnNumber(score, 1)}/${max}`);

export function assessmentDocument(v: AssessmentView, o: { date: string; province: string; addressee: string }): OfficialDocument {
  const max = Math.max(...v.framework.ratingScale.levels.map((l) => l.value));
  const anchorAlive = v.city.anchor && (!v.city.anchor.validTo || v.city.anchor.validTo >= `${v.year}-12-31`);
  // Before 01/07/2025 the city's people's committee issues it; after, the city has no government of its own and the
  // province's department of education, which keeps the programme, issues the summary.
  const h = anchorAlive
    ? headerOf({ kind: 'district', name: v.city.anchor!.name, shortName: null, province: o.province })
    : headerOf({ kind: 'agency', name: 'Sở Giáo dục và Đào tạo', shortName: 'Sở GDĐT', province: o.province });
  // A district-level body dates its documents at its own place ("Thủ Dầu Một, ngày …").
  if (anchorAlive) h.place = v.city.anchor!.name.replace(/^(Thành phố|Thị xã|Huyện)\s+/, '');
  const fw = v.framework;
  const body: Block[] = [
    { kind: 'text', text: `Thực hiện chủ trương tham gia mạng lưới Thành phố học tập toàn cầu của UNESCO, ${v.city.name} tự đánh giá năm ${v.year} theo khung "${fw.name}" (${fw.source.document}, ${fw.source.issuer}; phiên bản ${fw.version} trên hệ thống) như sau:` },
    { kind: 'note', text: `Thang đánh giá mỗi đặc trưng: ${fw.ratingScale.levels.map((l) => `${l.value} – ${l.label}`).join('; ')}. Dấu [I]: nội dung suy luận, chưa đối chiếu văn bản gốc; [P]: xác minh một phần.` },
    { kind: 'heading', text: 'I. KẾT QUẢ CHUNG' },
    { kind: 'text', text: `Điểm chung: ${scoreText(v.overall.score, max)}; đã chấm ${v.overall.rated}/${v.overall.features} đặc trưng; mức độ hoàn thành hồ sơ ${v.overall.percent}%.${v.assessment ? ` Tình trạng: ${v.assessment.statusLabel}.` : ''}` },
    {
      kind: 'table',
      columns: [{ header: 'Mã', width: 8, align: 'center' }, { header: 'Lĩnh vực', width: 52 }, { header: 'Đã chấm', width: 13, align: 'center' }, { header: 'Điểm', width: 13, align: 'center' }, { header: 'Hoàn thành', width: 14, align: 'right' }],
      rows: v.areas.map((a) => [a.code, `${a.name} [${a.mark}]`, `${a.rated}/${a.featureCount}`, scoreText(a.score, max), `${a.percent}%`]),
    },
    { kind: 'heading', text: 'II. ĐÁNH GIÁ THEO TỪNG LĨNH VỰC' },
  ];
  for (const a of v.areas) {
    body.push({ kind: 'subheading', text: `${a.code}. ${a.name} (${a.nameEn})` });
    body.push({
      kind: 'table',
      columns: [{ header: 'Mã', width: 9, align: 'center' }, { header: 'Đặc trưng', width: 41 }, { header: 'Mức', width: 16, align: 'center' }, { header: 'Số liệu của hệ thống', width: 34 }],
      rows: a.features.map((f) => [f.code, `${f.name} [${f.mark}]`, f.ratingLabel ?? 'Chưa chấm', f.indicators.length ? f.indicators.map(figureText).join('\n') : `Minh chứng: ${f.evidence.length} (${f.evidenceHint})`]),
    });
    for (const f of a.features.filter((x) => x.narrative)) body.push({ kind: 'text', text: `${f.code}. ${f.narrative}` });
  }
  if (v.assessment?.reviewComment || v.areas.some((a) => a.features.some((f) => f.reviewComment))) {
    body.push({ kind: 'heading', text: 'III. Ý KIẾN CỦA SỞ GIÁO DỤC VÀ ĐÀO TẠO' });
    if (v.assessment?.reviewComment) body.push({ kind: 'text', text: v.assessment.reviewComment });
    for (const f of v.areas.flatMap((a) => a.features).filter((x) => x.reviewComment)) body.push({ kind: 'text', text: `${f.code}. ${f.reviewComment}` });
  }
  body.push({ kind: 'note', text: `Số liệu chỉ số tổng hợp trên hệ thống đến ngày ${formatVnDate(o.date)}, theo địa giới của năm ${v.year}${v.year >= 2025 ? ' (sau 01/7/2025: qua các phường, xã kế thừa)' : ''}.` });
  body.push({ kind: 'text', text: `Trên đây là kết quả tự đánh giá thành phố học tập năm ${v.year} của ${v.city.name}./.` });
  return {
    ...h, date: o.date, type: 'Báo cáo', summary: `Kết quả tự đánh giá thành phố học tập năm ${v.year}`,
    addressees: [o.addressee], body, recipients: ['Như trên', 'Lưu: VT'],
  };
}
