import { PrinterOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { ErrorAlert, Loading } from '../../components/feedback';
import { formatDate, formatNumber, todayIso } from '../../format';
import { useAssessment, type IndicatorView } from './api';

const cell: React.CSSProperties = { border: '1px solid #999', padding: '4px 6px', verticalAlign: 'top', fontSize: 13 };

function figure(i: IndicatorView, shown: boolean): string {
  if (i.missing) return `${i.code}: chưa có trong danh mục`;
  if (!shown || !i.figure || i.figure.value === null) return `${i.name}: chưa có số liệu`;
  const f = i.figure;
  return `${i.name}: ${formatNumber(f.value, Math.max(i.decimals, 1))}${i.unitLabel === '%' ? '%' : ` ${i.unitLabel}`}${f.approval ? ` (đã duyệt ${f.approval.approved}/${f.approval.units})` : ''}`;
}

/** A print-friendly summary of one year (A4, no menus): areas, ratings, the platform's figures and the narrative. */
export function LearningCityPrintPage() {
  const { id = '' } = useParams();
  const [params] = useSearchParams();
  const year = Number(params.get('year') ?? new Date().getFullYear() - 1);
  const q = useAssessment(id, year);
  if (q.isPending) return <Loading />;
  if (q.isError || !q.data) return <ErrorAlert error={q.error} />;
  const v = q.data;
  const max = Math.max(...v.framework.ratingScale.levels.map((l) => l.value));
  return (
    <div style={{ maxWidth: 900, margin: '0 auto', padding: 24, fontFamily: '"Times New Roman", serif', background: '#fff' }}>
      <style>{'@media print { .no-print { display: none !important } @page { size: A4; margin: 20mm 15mm 20mm 30mm } }'}</style>
      <div className="no-print" style={{ display: 'flex', gap: 8, marginBottom: 16 }}>
        <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()}>In</Button>
        <Link to={`/thanh-pho-hoc-tap/${id}?year=${year}`}><Button>Quay lại</Button></Link>
      </div>
      <h2 style={{ textAlign: 'center', marginBottom: 4 }}>KẾT QUẢ TỰ ĐÁNH GIÁ THÀNH PHỐ HỌC TẬP NĂM {year}</h2>
      <p style={{ textAlign: 'center', marginTop: 0 }}><b>{v.city.name}</b> — {year < 2025 || !v.city.province.ended ? v.city.province.name : v.city.provinceNow ?? v.city.province.name}</p>
      <p>Khung: {v.framework.name} ({v.framework.source.document}, phiên bản {v.framework.version}). Thang: {v.framework.ratingScale.levels.map((l) => `${l.value} – ${l.label}`).join('; ')}.
        {' '}Tình trạng: {v.assessment?.statusLabel ?? 'chưa có bản tự đánh giá'}. Điểm chung: {v.overall.score === null ? '—' : `${formatNumber(v.overall.score, 1)}/${max}`}; đã chấm {v.overall.rated}/{v.overall.features} đặc trưng; hồ sơ hoàn thành {v.overall.percent}%.</p>
      <table style={{ borderCollapse: 'collapse', width: '100%', marginBottom: 16 }}>
        <thead><tr>{['Mã', 'Lĩnh vực', 'Đã chấm', 'Điểm', 'Hoàn thành'].map((h) => <th key={h} style={{ ...cell, background: '#f2f2f2' }}>{h}</th>)}</tr></thead>
        <tbody>{v.areas.map((a) => <tr key={a.code}><td style={cell}>{a.code}</td><td style={cell}>{a.name} [{a.mark}]</td><td style={cell}>{a.rated}/{a.featureCount}</td><td style={cell}>{a.score === null ? '—' : formatNumber(a.score, 1)}</td><td style={cell}>{a.percent}%</td></tr>)}</tbody>
      </table>
      {v.areas.map((a) => (
        <section key={a.code} style={{ breakInside: 'avoid-page' }}>
          <h3 style={{ marginBottom: 4 }}>{a.code}. {a.name}</h3>
          <table style={{ borderCollapse: 'collapse', width: '100%', marginBottom: 12 }}>
            <thead><tr>{['Mã', 'Đặc trưng', 'Mức', 'Số liệu / minh chứng', 'Thuyết minh'].map((h) => <th key={h} style={{ ...cell, background: '#f2f2f2' }}>{h}</th>)}</tr></thead>
            <tbody>{a.features.map((f) => (
              <tr key={f.code}>
                <td style={cell}>{f.code}</td><td style={cell}>{f.name} [{f.mark}]</td><td style={cell}>{f.ratingLabel ?? 'Chưa chấm'}</td>
                <td style={cell}>{f.indicators.length ? f.indicators.map((i) => <div key={i.code}>{figure(i, v.figuresShown)}</div>) : `${f.evidence.length} minh chứng`}</td>
                <td style={cell}>{f.narrative ?? ''}{f.reviewComment ? <div><i>Ý kiến của Sở: {f.reviewComment}</i></div> : null}</td>
              </tr>
            ))}</tbody>
          </table>
        </section>
      ))}
      {v.assessment?.reviewComment && <p><b>Ý kiến của Sở GDĐT:</b> {v.assessment.reviewComment}</p>}
      <p style={{ fontStyle: 'italic' }}>Số liệu chỉ số tổng hợp trên hệ thống đến ngày {formatDate(todayIso())}. [I]: suy luận, chưa đối chiếu văn bản gốc.</p>
    </div>
  );
}
