import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Flex, Input, Popconfirm, Progress, Space, Table, Tag, Timeline, Typography, Upload } from 'antd';
import { useEffect, useState } from 'react';
import { useParams } from 'react-router-dom';
import { api } from '../../api/client';
import { ErrorAlert, Loading } from '../../components/feedback';
import { formatDate, formatDateTime, formatNumber } from '../../format';
import { MAX_SECTION_CHARS, NARRATIVE_SECTIONS, rkeys, SECTION_TITLES, STATUS_COLORS, useReport, type Narrative, type Prefill, type Report } from './api';

/**
 * One unit's report: the pre-filled tasks and indicators (read-only; live while it is written, as submitted after),
 * the five narrative sections, save / submit for the unit, return / accept for the reviewer, the history.
 */
export function ReportFormPage() {
  const { id = '' } = useParams();
  const report = useReport(id);
  const qc = useQueryClient();
  const [narrative, setNarrative] = useState<Narrative>({});
  const [comment, setComment] = useState('');
  const [uploadError, setUploadError] = useState<string | null>(null);
  useEffect(() => { if (report.data) setNarrative(report.data.narrative); }, [report.data]);

  const step = useMutation({
    mutationFn: ({ path, method, body }: { path: string; method: string; body: unknown }) => api<Report>(`/api/v1/reports/submissions/${id}${path}`, { method, body }),
    onSuccess: (r) => { qc.setQueryData(rkeys.one(id), r); void qc.invalidateQueries({ queryKey: ['reports'] }); setComment(''); },
  });
  if (report.isLoading) return <Loading />;
  if (report.error) return <ErrorAlert error={report.error} onRetry={() => void report.refetch()} />;
  const r = report.data!;
  const version = r.version;
  const save = (path: string, method = 'POST') => step.mutate({ path, method, body: { narrative, version } });
  const review = (path: string) => step.mutate({ path, method: 'POST', body: { comment, version } });

  return (
    <>
      <Flex justify="space-between" align="start" wrap gap={12}>
        <div>
          <Typography.Title level={3} style={{ marginBottom: 4 }}>{r.obligation.title} năm {r.period}</Typography.Title>
          <Space wrap>
            <Tag color={STATUS_COLORS[r.status]} data-testid="report-status">{r.statusLabel}</Tag>
            {r.late && <Tag color="red">Trễ hạn</Tag>}
            <Typography.Text type="secondary">{r.unit.name} · hạn {formatDate(r.dueDate)}</Typography.Text>
          </Space>
        </div>
        <Button icon={<DownloadOutlined />} href={`/api/v1/reports/submissions/${id}/docx`} data-testid="report-docx">Tải báo cáo (DOCX)</Button>
      </Flex>
      <Descriptions size="small" column={2} style={{ marginTop: 16 }} items={[
        { key: 'to', label: 'Gửi đến', children: r.obligation.recipientText },
        { key: 'rule', label: 'Thời hạn', children: r.obligation.dueRuleText },
        { key: 'src', label: 'Căn cứ', children: <>{r.obligation.legalSource}{r.obligation.clause ? `, ${r.obligation.clause}` : ''} {r.obligation.verified !== 'V' && <Tag color="orange">chưa kiểm chứng đầy đủ</Tag>}</> },
        { key: 'sent', label: 'Gửi lần đầu', children: r.firstSubmittedOn ? formatDate(r.firstSubmittedOn) : '—' },
      ]} />
      {step.error && <ErrorAlert error={step.error} />}
      <Figures prefill={r.prefill} live={r.figuresLive} year={r.period} />
      <Card title="Nội dung báo cáo" size="small" style={{ marginTop: 16 }}>
        {NARRATIVE_SECTIONS.map((key, i) => (
          <div key={key} style={{ marginBottom: 16 }}>
            <Typography.Text strong>{['I', 'II', 'III', 'IV', 'V'][i]}. {key === 'nextYear' ? `Phương hướng, nhiệm vụ năm ${r.period + 1}` : SECTION_TITLES[key]}{key === 'results' ? ' *' : ''}</Typography.Text>
            {r.canEdit
              ? <Input.TextArea data-testid={`report-${key}`} value={narrative[key] ?? ''} maxLength={MAX_SECTION_CHARS} showCount autoSize={{ minRows: 3, maxRows: 14 }}
                  onChange={(e) => setNarrative({ ...narrative, [key]: e.target.value })} />
              : <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginTop: 4 }}>{r.narrative[key] ?? <Typography.Text type="secondary">Không có.</Typography.Text>}</Typography.Paragraph>}
          </div>
        ))}
        {r.canEdit && (
          <Space>
            <Button data-testid="report-save" loading={step.isPending} onClick={() => save('', 'PUT')}>Lưu nháp</Button>
            <Popconfirm title="Gửi báo cáo?" description="Sau khi gửi, đơn vị chỉ sửa được khi báo cáo bị trả lại." okText="Gửi" cancelText="Thôi" onConfirm={() => save('/submit')}>
              <Button type="primary" data-testid="report-submit" loading={step.isPending}>Gửi báo cáo</Button>
            </Popconfirm>
          </Space>
        )}
      </Card>
      {r.canReview && (
        <Card title="Xem xét báo cáo" size="small" style={{ marginTop: 16 }}>
          <Input.TextArea data-testid="review-comment" placeholder="Ý kiến (bắt buộc khi trả lại)" value={comment} onChange={(e) => setComment(e.target.value)} autoSize={{ minRows: 2 }} />
          <Space style={{ marginTop: 8 }}>
            <Button danger data-testid="review-return" disabled={!comment.trim()} loading={step.isPending} onClick={() => review('/return')}>Trả lại</Button>
            <Button type="primary" data-testid="review-accept" loading={step.isPending} onClick={() => review('/accept')}>Chấp nhận</Button>
          </Space>
        </Card>
      )}
      {(r.attachments.length > 0 || r.canEdit) && (
        <Card title="Tệp đính kèm" size="small" style={{ marginTop: 16 }}>
          {uploadError && <Alert type="error" title={uploadError} style={{ marginBottom: 8 }} />}
          {r.attachments.map((a) => <div key={a.id}><a href={`/api/v1/reports/attachments/${a.id}`}>{a.fileName}</a></div>)}
          {r.canEdit && (
            <Upload action={`/api/v1/reports/submissions/${id}/attachments`} headers={{ 'X-Requested-With': 'xhht' }} showUploadList={false}
              accept=".pdf,.png,.jpg,.jpeg,.docx,.xlsx,.doc,.xls,.txt"
              onChange={(info) => {
                if (info.file.status === 'error') setUploadError((info.file.response as { title?: string } | undefined)?.title ?? 'Không tải tệp lên được');
                if (info.file.status === 'done') { setUploadError(null); void report.refetch(); }
              }}>
              <Button icon={<UploadOutlined />} style={{ marginTop: 8 }}>Đính kèm tệp (PDF, ảnh, Word, Excel)</Button>
            </Upload>
          )}
        </Card>
      )}
      <Card title="Lịch sử" size="small" style={{ marginTop: 16 }}>
        <Timeline items={r.events.map((e) => ({
          key: e.id, color: e.action === 'return' ? 'orange' : e.action === 'accept' ? 'green' : 'blue',
          content: <><Typography.Text strong>{ACTION_LABELS[e.action] ?? e.action}</Typography.Text> ({e.toStatusLabel.toLocaleLowerCase('vi')}) — {e.actor}, {formatDateTime(e.at)}{e.comment && <Alert type="warning" title={e.comment} style={{ marginTop: 4 }} />}</>,
        }))} />
      </Card>
    </>
  );
}

const ACTION_LABELS: Record<string, string> = { create: 'Lập báo cáo', save: 'Lưu nháp', submit: 'Gửi báo cáo', return: 'Trả lại', accept: 'Chấp nhận' };

function Figures({ prefill, live, year }: { prefill: Prefill; live: boolean; year: number }) {
  return (
    <Card size="small" style={{ marginTop: 16 }} title={`Số liệu điền sẵn ${live ? `(cập nhật đến ${formatDate(prefill.asOf)})` : `(tại thời điểm gửi, ${formatDate(prefill.asOf)})`}`}>
      <Typography.Text strong>Nhiệm vụ được giao</Typography.Text>
      <Table size="small" rowKey="code" pagination={false} dataSource={prefill.tasks} data-testid="prefill-tasks" style={{ marginBottom: 16 }}
        locale={{ emptyText: 'Không có nhiệm vụ riêng của đơn vị' }}
        columns={[
          { title: 'Mục', dataIndex: 'code', width: 90 }, { title: 'Nhiệm vụ', dataIndex: 'text' }, { title: 'Thời hạn', dataIndex: 'dueRuleText', width: 170 },
          { title: 'Tình trạng', dataIndex: 'statusLabel', width: 150 },
          { title: 'Tiến độ', dataIndex: 'percent', width: 120, render: (p: number) => <Progress percent={p} size="small" /> },
        ]} />
      <Typography.Text strong>Chỉ tiêu {prefill.targetsOf ? `của ${prefill.targetsOf.name}` : ''}</Typography.Text>
      <Table size="small" rowKey={(i) => `${i.indicator}-${i.targetYear}-${i.clause}`} pagination={false} dataSource={prefill.indicators}
        locale={{ emptyText: 'Không có chỉ tiêu định lượng áp dụng' }}
        columns={[
          { title: 'Chỉ tiêu', key: 'text', render: (_, i) => i.text ?? i.name },
          { title: 'Mục tiêu', key: 't', width: 120, render: (_, i) => `${formatNumber(i.target)}${i.unitLabel === '%' ? '%' : ''} (${i.targetYear})` },
          { title: `Kết quả ${year}`, key: 'v', width: 120, render: (_, i) => (i.value === null ? 'Chưa có số liệu' : `${formatNumber(i.value)}${i.unitLabel === '%' ? '%' : ''}`) },
          { title: 'Đánh giá', dataIndex: 'outlookLabel', width: 160 },
        ]} />
    </Card>
  );
}
