import { CheckOutlined, DeleteOutlined, FileWordOutlined, LinkOutlined, PrinterOutlined, RollbackOutlined, SaveOutlined, SendOutlined, UploadOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App as AntApp, Button, Card, Col, Collapse, Descriptions, Flex, Input, Modal, Popconfirm, Progress, Row, Select, Space, Tag, Timeline, Tooltip, Typography, Upload } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { api, ApiError, errorMessage } from '../../api/client';
import { EmptyState, ErrorAlert, Loading } from '../../components/feedback';
import { ExportButton } from '../../components/ExportButton';
import { useUrlState } from '../../components/url-state';
import { formatDate, formatDateTime, formatNumber } from '../../format';
import { MarkTag } from '../criteria/MarkTag';
import { assessmentPath, STATUS_COLORS, useAssessment, type AssessmentView, type FeatureView, type IndicatorView } from './api';
import { AreaScoresChart } from './AreaScoresChart';

type Draft = Record<string, { rating: number | null; narrative: string }>;

const GROUP_LABELS: Record<string, string> = { wider_benefits: 'Lợi ích rộng lớn', building_blocks: 'Trụ cột chính', fundamental_conditions: 'Điều kiện nền tảng' };

/** One learning city's yearly self-assessment: area by area, features with ratings, narrative, evidence and the platform's figures. */
export function LearningCityPage() {
  const { id = '' } = useParams();
  const [params, set] = useUrlState();
  const thisYear = new Date().getFullYear();
  const year = Number(params.get('year') ?? thisYear - 1);
  const q = useAssessment(id, year);
  const v = q.data;
  const qc = useQueryClient();
  const { message } = AntApp.useApp();
  const [draft, setDraft] = useState<Draft>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [review, setReview] = useState<'accept' | 'return' | null>(null);

  // The draft starts from what is stored, every time the stored version changes.
  useEffect(() => {
    if (!v) return;
    setDraft(Object.fromEntries(v.areas.flatMap((a) => a.features.map((f) => [f.code, { rating: f.rating, narrative: f.narrative ?? '' }]))));
    setErrors({});
  }, [v?.assessment?.version, v?.year, v?.city.id]); // eslint-disable-line react-hooks/exhaustive-deps

  const changed = useMemo(() => (v ? v.areas.flatMap((a) => a.features).filter((f) => {
    const d = draft[f.code];
    return d && (d.rating !== f.rating || d.narrative !== (f.narrative ?? ''));
  }) : []), [v, draft]);

  const refresh = (next: AssessmentView) => {
    qc.setQueryData(['learning-city', id, year], next);
    void qc.invalidateQueries({ queryKey: ['learning-cities'] });
  };
  const onError = (e: unknown) => {
    if (e instanceof ApiError && e.errors.length && v) {
      // body.features.3.rating → the 4th feature sent; body.features.2.1.1 → feature 2.1.1 (submitting incomplete).
      const byCode: Record<string, string> = {};
      for (const err of e.errors) {
        const idx = /^body\.features\.(\d+)\.(rating|code|narrative)$/.exec(err.field);
        const code = idx ? changed[Number(idx[1])]?.code : /^body\.features\.(\d+\.\d+\.\d+)$/.exec(err.field)?.[1];
        if (code) byCode[code] = err.message;
      }
      setErrors(byCode);
    }
    void message.error(errorMessage(e));
  };
  const save = useMutation({
    mutationFn: () => api<AssessmentView>(assessmentPath(id, year), { method: 'PUT', body: { version: v?.assessment?.version ?? null, features: changed.map((f) => ({ code: f.code, rating: draft[f.code]!.rating, narrative: draft[f.code]!.narrative || null })) } }),
    onSuccess: (next) => { refresh(next); void message.success(`Đã lưu bản tự đánh giá năm ${year}`); },
    onError,
  });
  const submit = useMutation({
    mutationFn: () => api<AssessmentView>(`${assessmentPath(id, year)}/submit`, { method: 'POST', body: { version: v!.assessment!.version } }),
    onSuccess: (next) => { refresh(next); void message.success('Đã gửi Sở GDĐT'); },
    onError,
  });

  if (q.isPending) return <Loading />;
  if (q.isError || !v) return <ErrorAlert error={q.error} onRetry={() => q.refetch()} />;
  const max = Math.max(...v.framework.ratingScale.levels.map((l) => l.value));
  const years = [...new Set([...v.years, ...Array.from({ length: thisYear - 2019 }, (_, i) => thisYear - i)])].sort((a, b) => b - a);
  const anchorUntil = v.city.anchor?.validTo;
  const status = v.assessment?.status;

  return (
    <Flex vertical gap={16}>
      <Flex align="center" gap={8} wrap>
        <Flex vertical style={{ marginRight: 'auto' }}>
          <Typography.Text type="secondary"><Link to="/thanh-pho-hoc-tap">Thành phố học tập</Link></Typography.Text>
          <Typography.Title level={3} style={{ margin: 0 }} data-testid="city-name">{v.city.name}</Typography.Title>
        </Flex>
        <Select aria-label="Năm tự đánh giá" style={{ width: 150 }} value={year} onChange={(y) => set({ year: y })} data-testid="year-select"
          options={years.map((y) => ({ value: y, label: `Năm ${y}${v.years.includes(y) ? ' ●' : ''}` }))} />
        <Button icon={<FileWordOutlined />} href={`${assessmentPath(id, year)}?format=docx`} download disabled={!v.assessment} data-testid="download-docx">Tải báo cáo (DOCX)</Button>
        <ExportButton path={assessmentPath(id, year)} disabled={!v.assessment} />
        <Link to={`/thanh-pho-hoc-tap/${id}/in?year=${year}`}><Button icon={<PrinterOutlined />} disabled={!v.assessment}>Bản in</Button></Link>
      </Flex>

      <Descriptions size="small" column={{ xs: 1, md: 2, xl: 3 }} bordered items={[
        { key: 'p', label: `Tỉnh, thành phố năm ${year}`, children: year < 2025 || !v.city.province.ended ? `${v.city.province.name}${v.city.provinceNow && v.city.provinceNow !== v.city.province.name ? ` (nay: ${v.city.provinceNow})` : ''}` : v.city.provinceNow ?? v.city.province.name },
        { key: 'u', label: `Địa bàn năm ${year}`, children: v.city.units.length === 1 ? v.city.units[0]!.name
          : <Tooltip title={v.city.units.map((u) => u.name).join(', ')}><span>{v.city.units.filter((u) => u.anchor).map((u) => `${u.name} (đến ${formatDate(u.validTo)}); `)}{formatNumber(v.city.units.filter((u) => !u.anchor).length)} phường, xã kế thừa{anchorUntil ? ` từ ${formatDate(v.city.units.find((u) => !u.anchor)?.validFrom)}` : ''}</span></Tooltip> },
        { key: 'g', label: 'Thành viên GNLC (UNESCO)', children: v.city.gnlcYear ? `Từ năm ${v.city.gnlcYear}` : <Typography.Text type="secondary">Chưa có thông tin kết nạp</Typography.Text> },
      ]} />

      <Alert type="info" showIcon title={<span>Khung: {v.framework.name} — {v.framework.source.document} ({v.framework.source.issuer}, {v.framework.source.adopted}), phiên bản {v.framework.version} <MarkTag mark={v.framework.verification} long /></span>}
        description={<>12 lĩnh vực đã xác minh; lời văn các đặc trưng và thang {v.framework.ratingScale.levels.length} mức ({v.framework.ratingScale.levels.map((l) => `${l.value} – ${l.label}`).join('; ')}) là thiết lập chưa đối chiếu văn bản gốc. {v.framework.scoring.note}</>} />

      {!v.assessment && (
        <Alert type="warning" showIcon data-testid="no-assessment" title={`Chưa có bản tự đánh giá năm ${year}`}
          description={v.can.edit ? 'Chấm mức cho từng đặc trưng, viết thuyết minh rồi bấm “Lưu”. Khi đã chấm đủ mọi đặc trưng, bấm “Gửi Sở GDĐT”.' : 'Thành phố chưa bắt đầu tự đánh giá năm này. Chọn năm khác ở ô “Năm”.'} />
      )}

      <Row gutter={[16, 16]}>
        <Col xs={24} lg={9}>
          <Card size="small" title="Tình trạng" data-testid="status-card">
            <Flex vertical gap={8}>
              <Space wrap>
                {v.assessment ? <Tag color={STATUS_COLORS[v.assessment.status]} data-testid="status">{v.assessment.statusLabel}</Tag> : <Tag>Chưa bắt đầu</Tag>}
                {v.assessment?.demo && <Tag>Dữ liệu mẫu</Tag>}
              </Space>
              {v.assessment?.submittedAt && <Typography.Text type="secondary">Gửi Sở: {formatDateTime(v.assessment.submittedAt)}{v.assessment.submitter ? ` — ${v.assessment.submitter}` : ''}</Typography.Text>}
              {v.assessment?.reviewedAt && <Typography.Text type="secondary">Sở xem xét: {formatDateTime(v.assessment.reviewedAt)}{v.assessment.reviewer ? ` — ${v.assessment.reviewer}` : ''}</Typography.Text>}
              <Flex align="baseline" gap={8}>
                <Typography.Text strong style={{ fontSize: 28 }} data-testid="overall-score">{v.overall.score === null ? '—' : formatNumber(v.overall.score, 1)}</Typography.Text>
                <Typography.Text type="secondary">/ {max} điểm chung (trung bình các lĩnh vực)</Typography.Text>
              </Flex>
              <Typography.Text>Đã chấm {v.overall.rated}/{v.overall.features} đặc trưng; hồ sơ hoàn thành</Typography.Text>
              <Progress percent={v.overall.percent} data-testid="completeness" />
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>Một đặc trưng hoàn thành khi có mức, thuyết minh và minh chứng (hoặc số liệu chỉ số của hệ thống).</Typography.Text>
              <Flex gap={8} wrap>
                {v.can.edit && <Button type="primary" icon={<SaveOutlined />} disabled={!changed.length} loading={save.isPending} onClick={() => save.mutate()} data-testid="save">Lưu{changed.length ? ` (${changed.length})` : ''}</Button>}
                {v.can.submit && <Button icon={<SendOutlined />} disabled={changed.length > 0} loading={submit.isPending} onClick={() => submit.mutate()} data-testid="submit">Gửi Sở GDĐT</Button>}
                {v.can.review && <Button type="primary" icon={<CheckOutlined />} onClick={() => setReview('accept')} data-testid="accept">Chấp nhận</Button>}
                {v.can.review && <Button danger icon={<RollbackOutlined />} onClick={() => setReview('return')} data-testid="return">Trả lại</Button>}
              </Flex>
            </Flex>
          </Card>
        </Col>
        <Col xs={24} lg={15}>
          <Card size="small" title={`Điểm từng lĩnh vực (thang ${max})`}>
            {v.overall.rated ? <AreaScoresChart areas={v.areas} max={max} /> : <EmptyState>Chưa có đặc trưng nào được chấm năm {year}.</EmptyState>}
          </Card>
        </Col>
      </Row>

      {v.assessment?.reviewComment && <Alert type={status === 'returned' ? 'warning' : 'success'} showIcon title="Ý kiến của Sở GDĐT" description={v.assessment.reviewComment} />}
      {!v.figuresShown && v.figuresNote && <Alert type="info" showIcon title={v.figuresNote} />}

      <Collapse defaultActiveKey={v.areas.slice(0, 1).map((a) => a.code)} items={v.areas.map((a) => ({
        key: a.code,
        label: (
          <Flex justify="space-between" align="center" gap={8} wrap data-testid={`area-${a.code}`}>
            <span><Typography.Text type="secondary">{GROUP_LABELS[a.group]} · </Typography.Text><b>{a.code}. {a.name}</b> <MarkTag mark={a.mark} /></span>
            <Space>
              <Typography.Text type="secondary">{a.rated}/{a.featureCount} đã chấm</Typography.Text>
              <Tag>{a.score === null ? 'Chưa có điểm' : `Điểm ${formatNumber(a.score, 1)}/${max}`}</Tag>
              <Progress percent={a.percent} size="small" style={{ width: 120 }} />
            </Space>
          </Flex>
        ),
        children: (
          <Flex vertical gap={12}>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>{a.nameEn}</Typography.Text>
            {a.features.map((f) => (
              <FeatureCard key={f.code} f={f} v={v} cityId={id} year={year} value={draft[f.code] ?? { rating: null, narrative: '' }} error={errors[f.code]}
                onChange={(next) => setDraft((d) => ({ ...d, [f.code]: next }))} onEvidence={refresh} />
            ))}
          </Flex>
        ),
      }))} />

      {v.events.length > 0 && (
        <Card size="small" title="Lịch sử">
          <Timeline items={v.events.map((e) => ({ children: <span>{formatDateTime(e.at)} — {EVENT_LABELS[e.action] ?? e.action}{e.actor ? ` — ${e.actor}` : ''}{e.comment ? `: ${e.comment}` : ''}</span> }))} />
        </Card>
      )}
      {review && <ReviewModal kind={review} v={v} cityId={id} year={year} onClose={() => setReview(null)} onDone={(next) => { refresh(next); setReview(null); }} />}
    </Flex>
  );
}

const EVENT_LABELS: Record<string, string> = { create: 'Tạo bản tự đánh giá', submit: 'Gửi Sở GDĐT', return: 'Sở trả lại', accept: 'Sở chấp nhận' };

function figureText(i: IndicatorView): string {
  if (i.missing) return 'chỉ số chưa có trong danh mục';
  const f = i.figure;
  if (!f || f.value === null) return 'chưa có số liệu';
  return `${formatNumber(f.value, Math.max(i.decimals, 1))}${i.unitLabel === '%' ? '%' : ` ${i.unitLabel}`}`;
}

function IndicatorLine({ i, shown }: { i: IndicatorView; shown: boolean }) {
  const f = i.missing ? null : i.figure;
  return (
    <Flex gap={6} wrap align="center" data-testid={`indicator-${i.code}`}>
      <MarkTag mark={i.mark} />
      <Typography.Text>{i.name ?? i.code}:</Typography.Text>
      {shown ? <Typography.Text strong>{figureText(i)}</Typography.Text> : <Typography.Text type="secondary">—</Typography.Text>}
      {f?.approval && <Tag color={f.approval.approved === f.approval.units ? 'green' : 'gold'}>Đã duyệt {f.approval.approved}/{f.approval.units} đơn vị</Tag>}
      {f && f.lineage !== 'hierarchy' && <Tooltip title={f.lineageLabel}><Tag color="purple">{f.lineage === 'successors' ? 'Qua đơn vị kế thừa' : 'Qua đơn vị tiền thân'}{f.approximate ? ' (gần đúng)' : ''}</Tag></Tooltip>}
      {f?.demo && <Tag>mẫu</Tag>}
      {f?.note && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{f.note}</Typography.Text>}
    </Flex>
  );
}

function FeatureCard({ f, v, cityId, year, value, error, onChange, onEvidence }: {
  f: FeatureView; v: AssessmentView; cityId: string; year: number; value: { rating: number | null; narrative: string }; error: string | undefined;
  onChange: (next: { rating: number | null; narrative: string }) => void; onEvidence: (next: AssessmentView) => void;
}) {
  const { message } = AntApp.useApp();
  const qc = useQueryClient();
  const [url, setUrl] = useState('');
  const editable = v.can.edit;
  const reload = async () => onEvidence(await api<AssessmentView>(assessmentPath(cityId, year)));
  const link = useMutation({
    mutationFn: () => api(`${assessmentPath(cityId, year)}/evidence-links`, { method: 'POST', body: { featureCode: f.code, url: url.trim() } }),
    onSuccess: async () => { setUrl(''); await reload(); void qc.invalidateQueries({ queryKey: ['learning-cities'] }); },
    onError: (e) => void message.error(e instanceof ApiError && e.errors[0] ? `${e.title}: ${e.errors[0].message}` : errorMessage(e)),
  });
  const remove = useMutation({
    mutationFn: (evidenceId: string) => api(`${assessmentPath(cityId, year)}/evidence/${evidenceId}`, { method: 'DELETE', body: { version: v.assessment!.version } }),
    onSuccess: async () => { void message.success('Đã gỡ minh chứng'); await reload(); void qc.invalidateQueries({ queryKey: ['learning-cities'] }); },
    onError: async (e) => { void message.error(errorMessage(e)); if (e instanceof ApiError && e.status === 409) await reload(); },
  });
  return (
    <Card size="small" data-testid={`feature-${f.code}`} title={<span style={{ whiteSpace: 'normal' }}>{f.code}. {f.name} <MarkTag mark={f.mark} /></span>}
      extra={f.basis === 'indicators' ? <Tag color="blue">Có chỉ số</Tag> : <Tag>Minh chứng</Tag>}>
      <Row gutter={[16, 8]}>
        <Col xs={24} md={12}>
          <Flex vertical gap={6}>
            {f.measurements.length > 0 && <Typography.Text type="secondary" style={{ fontSize: 12 }}>Phép đo gợi ý: {f.measurements.join('; ')}</Typography.Text>}
            {f.indicators.map((i) => <IndicatorLine key={i.code} i={i} shown={v.figuresShown} />)}
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>Minh chứng nên có: {f.evidenceHint}</Typography.Text>
            {f.evidence.map((e) => (
              <Flex key={e.id} gap={4} align="center" data-testid={`evidence-${e.id}`}>
                <Typography.Text style={{ fontSize: 13 }}>
                  {e.url ? <a href={e.url} target="_blank" rel="noopener noreferrer"><LinkOutlined /> {e.note ?? e.url}</a>
                    : <a href={`/api/v1/learning-city-evidence/${e.id}`}><UploadOutlined /> {e.fileName}</a>}
                </Typography.Text>
                {editable && v.assessment && (
                  <Popconfirm title="Gỡ minh chứng này?" description={`“${e.url ? (e.note ?? e.url) : e.fileName}” sẽ bị gỡ khỏi đặc trưng ${f.code}; nhật ký vẫn ghi lại.`}
                    okText="Gỡ" okButtonProps={{ danger: true }} cancelText="Không" onConfirm={() => remove.mutateAsync(e.id).catch(() => undefined)}>
                    <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={`Gỡ minh chứng ${e.url ? (e.note ?? e.url) : e.fileName}`} loading={remove.isPending && remove.variables === e.id} />
                  </Popconfirm>
                )}
              </Flex>
            ))}
            {editable && v.assessment && (
              <Flex gap={6} wrap>
                <Input size="small" style={{ width: 240 }} placeholder="https://… liên kết minh chứng" value={url} onChange={(e) => setUrl(e.target.value)} aria-label={`Liên kết minh chứng ${f.code}`} />
                <Button size="small" disabled={!url.trim()} loading={link.isPending} onClick={() => link.mutate()}>Thêm liên kết</Button>
                <Upload showUploadList={false} accept=".pdf,.jpg,.jpeg,.png,.docx,.xlsx"
                  customRequest={async ({ file, onSuccess, onError }) => {
                    const form = new FormData();
                    form.append('file', file as Blob);
                    try {
                      await api(`${assessmentPath(cityId, year)}/evidence`, { method: 'POST', body: form, query: { featureCode: f.code } });
                      onSuccess?.({});
                      await reload();
                    } catch (e) {
                      void message.error(errorMessage(e));
                      onError?.(e as Error);
                    }
                  }}>
                  <Button size="small" icon={<UploadOutlined />}>Tải tệp</Button>
                </Upload>
              </Flex>
            )}
          </Flex>
        </Col>
        <Col xs={24} md={12}>
          <Flex vertical gap={6}>
            <Select aria-label={`Mức ${f.code}`} placeholder="Chọn mức" allowClear disabled={!editable} status={error ? 'error' : undefined} data-testid={`rating-${f.code}`}
              value={value.rating ?? undefined} onChange={(r) => onChange({ ...value, rating: r ?? null })}
              options={v.framework.ratingScale.levels.map((l) => ({ value: l.value, label: `${l.value} – ${l.label}` }))} />
            <Input.TextArea aria-label={`Thuyết minh ${f.code}`} placeholder="Thuyết minh: đã làm gì, kết quả, hạn chế" autoSize={{ minRows: 2, maxRows: 8 }} maxLength={4000}
              readOnly={!editable} value={value.narrative} onChange={(e) => onChange({ ...value, narrative: e.target.value })} />
            {error && <Typography.Text type="danger">{error}</Typography.Text>}
            {f.reviewComment && <Alert type="warning" showIcon title={`Ý kiến của Sở: ${f.reviewComment}`} />}
          </Flex>
        </Col>
      </Row>
    </Card>
  );
}

function ReviewModal({ kind, v, cityId, year, onClose, onDone }: { kind: 'accept' | 'return'; v: AssessmentView; cityId: string; year: number; onClose: () => void; onDone: (next: AssessmentView) => void }) {
  const { message } = AntApp.useApp();
  const [comment, setComment] = useState('');
  const [feature, setFeature] = useState<string | undefined>();
  const [featureComment, setFeatureComment] = useState('');
  const run = useMutation({
    mutationFn: () => api<AssessmentView>(`${assessmentPath(cityId, year)}/review`, { method: 'POST', body: {
      version: v.assessment!.version, decision: kind, comment: comment || undefined, featureComments: feature && featureComment ? { [feature]: featureComment } : undefined,
    } }),
    onSuccess: (next) => { void message.success(kind === 'accept' ? 'Đã chấp nhận bản tự đánh giá' : 'Đã trả lại thành phố'); onDone(next); },
    onError: (e) => void message.error(errorMessage(e)),
  });
  return (
    <Modal open title={kind === 'accept' ? 'Chấp nhận bản tự đánh giá' : 'Trả lại để thành phố bổ sung'} onCancel={onClose} onOk={() => run.mutate()} confirmLoading={run.isPending}
      okText={kind === 'accept' ? 'Chấp nhận' : 'Trả lại'} okButtonProps={{ danger: kind === 'return', disabled: kind === 'return' && !comment.trim() }}>
      <Flex vertical gap={8}>
        <Input.TextArea aria-label="Ý kiến chung" placeholder={kind === 'return' ? 'Ý kiến (bắt buộc): cần bổ sung gì' : 'Ý kiến (không bắt buộc)'} autoSize={{ minRows: 3 }} value={comment} onChange={(e) => setComment(e.target.value)} />
        <Select allowClear placeholder="Ý kiến cho một đặc trưng (không bắt buộc)" value={feature} onChange={setFeature}
          options={v.areas.flatMap((a) => a.features.map((f) => ({ value: f.code, label: `${f.code}. ${f.name}` })))} />
        {feature && <Input.TextArea aria-label="Ý kiến cho đặc trưng" autoSize={{ minRows: 2 }} value={featureComment} onChange={(e) => setFeatureComment(e.target.value)} />}
      </Flex>
    </Modal>
  );
}
