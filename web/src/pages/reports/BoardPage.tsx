import { BellOutlined, DownloadOutlined, FileWordOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Flex, Input, InputNumber, Modal, Select, Space, Statistic, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { api, errorMessage, withQuery } from '../../api/client';
import { ExportButton } from '../../components/ExportButton';
import { ErrorAlert, Loading } from '../../components/feedback';
import { useUrlState } from '../../components/url-state';
import { formatDate } from '../../format';
import { STATUS_COLORS, useBoard, useObligations, type BoardRow } from './api';

/** The coordinator's completeness board: per obligation and year, who owes the report, who sent it, on time or late, and the review. */
export function BoardPage() {
  const [params, setParams] = useUrlState();
  const obligations = useObligations();
  const navigate = useNavigate();
  const qc = useQueryClient();
  // By default the report due next, for the period it is due for.
  const upcoming = obligations.data?.filter((o) => o.active && o.nextDue).sort((a, b) => a.nextDue!.dueDate.localeCompare(b.nextDue!.dueDate))[0];
  const obligationId = params.get('nghiaVu') ?? upcoming?.id;
  const chosen = obligations.data?.find((o) => o.id === obligationId);
  const year = Number(params.get('nam') ?? chosen?.nextDue?.period ?? new Date().getFullYear());
  const board = useBoard(obligationId, year);
  const [returning, setReturning] = useState<BoardRow | null>(null);
  const [comment, setComment] = useState('');
  const review = useMutation({
    mutationFn: ({ r, action, comment }: { r: BoardRow; action: 'accept' | 'return'; comment?: string }) =>
      api(`/api/v1/reports/submissions/${r.submissionId}/${action}`, { method: 'POST', body: { version: r.version, comment } }),
    onSuccess: () => { void qc.invalidateQueries({ queryKey: ['reports'] }); setReturning(null); setComment(''); },
  });
  const { message } = App.useApp();
  const remind = useMutation({
    mutationFn: () => api<{ units: number; notified: number }>('/api/v1/reports/board/remind', { method: 'POST', body: { obligation: obligationId, year } }),
    onSuccess: (r) => void message.success(r.notified ? `Đã nhắc ${r.units} đơn vị (${r.notified} người nhận)` : 'Không có ai cần nhắc thêm hôm nay: các đơn vị chưa gửi đã được nhắc, hoặc chưa có tài khoản'),
    onError: (e) => void message.error(errorMessage(e)),
  });
  if (obligations.isLoading) return <Loading />;
  if (obligations.error) return <ErrorAlert error={obligations.error} />;
  const o = obligations.data!.find((x) => x.id === obligationId);
  const s = board.data?.summary;
  return (
    <>
      <Typography.Title level={3}>Tình hình gửi báo cáo</Typography.Title>
      <Flex gap={12} wrap align="center" style={{ marginBottom: 16 }}>
        <Select data-testid="board-obligation" style={{ minWidth: 420 }} value={obligationId} onChange={(v) => setParams({ nghiaVu: v })}
          options={obligations.data!.map((x) => ({ value: x.id, label: `${x.plan ? `${x.plan.number} — ` : ''}${x.title} (${x.reporterText})` }))} />
        <InputNumber data-testid="board-year" min={2000} max={2100} value={year} onChange={(v) => v && setParams({ nam: v })} addonBefore="Năm" />
        {board.data && <ExportButton path="/api/v1/reports/board" query={{ obligation: obligationId, year }} />}
        {board.data && <Button icon={<DownloadOutlined />} href={withQuery('/api/v1/reports/board/archive', { obligation: obligationId, year })}>Tải tất cả (ZIP)</Button>}
        {board.data && board.data.summary.missing + board.data.summary.returned > 0 && (
          <Button icon={<BellOutlined />} data-testid="board-remind" loading={remind.isPending} onClick={() => remind.mutate()}>Nhắc đơn vị chưa gửi</Button>
        )}
        {o?.plan && o.periodType === 'year' && (
          <Space>
            <Button icon={<FileWordOutlined />} data-testid="board-consolidated" href={withQuery('/api/v1/reports/consolidated', { plan: o.plan.number, year })}>Báo cáo tổng hợp (DOCX)</Button>
            <Button icon={<DownloadOutlined />} href={withQuery('/api/v1/reports/consolidated', { plan: o.plan.number, year, format: 'xlsx' })}>Phụ lục số liệu (XLSX)</Button>
          </Space>
        )}
      </Flex>
      {board.error && <ErrorAlert error={board.error} />}
      {board.data && s && (
        <>
          <Typography.Paragraph type="secondary">{o?.reporterText} gửi {o?.recipientText}; hạn {formatDate(board.data.dueDate)} ({o?.dueRuleText}). Căn cứ: {o?.legalSource}{o?.clause ? `, ${o.clause}` : ''}.</Typography.Paragraph>
          <Card size="small" style={{ marginBottom: 16 }}>
            <Flex gap={32} wrap>
              <Statistic title="Phải báo cáo" value={s.expected} />
              <Statistic title="Đã gửi" value={s.submitted} />
              <Statistic title="Đúng hạn" value={s.onTime} />
              <Statistic title="Trễ / quá hạn" value={s.late} valueStyle={{ color: s.late ? '#cf1322' : undefined }} />
              <Statistic title="Đã chấp nhận" value={s.accepted} />
              <Statistic title="Đang bị trả lại" value={s.returned} />
              <Statistic title="Chưa gửi" value={s.missing} />
            </Flex>
          </Card>
          <Table<BoardRow> rowKey={(r) => r.unit.id} dataSource={board.data.rows} size="middle" pagination={{ pageSize: 50, hideOnSinglePage: true }}
            onRow={() => ({ 'data-testid': 'board-row' } as React.HTMLAttributes<HTMLElement>)}
            columns={[
              { title: 'Cơ quan, đơn vị', key: 'unit', render: (_, r) => r.unit.name },
              { title: 'Tình trạng', key: 'status', width: 170, render: (_, r) => <Tag color={STATUS_COLORS[r.status]}>{r.statusLabel}</Tag> },
              { title: 'Gửi lần đầu', key: 'sent', width: 120, render: (_, r) => formatDate(r.firstSubmittedOn) },
              { title: 'Hạn', key: 'late', width: 110, render: (_, r) => (r.late ? <Tag color="red">{r.firstSubmittedOn ? 'Trễ hạn' : 'Quá hạn'}</Tag> : r.firstSubmittedOn ? <Tag color="green">Đúng hạn</Tag> : '—') },
              { title: 'Trả lại', dataIndex: 'returns', width: 80 },
              {
                title: '', key: 'action', width: 190,
                render: (_, r) => r.submissionId && (
                  <Space>
                    <Button size="small" onClick={() => navigate(`/bao-cao/${r.submissionId}`)}>Xem</Button>
                    {r.status === 'submitted' && <Button size="small" type="primary" data-testid="board-accept" loading={review.isPending} onClick={() => review.mutate({ r, action: 'accept' })}>Chấp nhận</Button>}
                    {r.status === 'submitted' && <Button size="small" danger onClick={() => setReturning(r)}>Trả lại</Button>}
                  </Space>
                ),
              },
            ]} />
          {review.error && <ErrorAlert error={review.error} />}
          <Modal open={returning !== null} title={`Trả lại báo cáo: ${returning?.unit.name ?? ''}`} okText="Trả lại" cancelText="Thôi" okButtonProps={{ danger: true, disabled: !comment.trim() }}
            confirmLoading={review.isPending} onCancel={() => setReturning(null)} onOk={() => returning && review.mutate({ r: returning, action: 'return', comment })}>
            <Input.TextArea placeholder="Ý kiến: nội dung cần bổ sung, sửa đổi" value={comment} onChange={(e) => setComment(e.target.value)} autoSize={{ minRows: 3 }} />
          </Modal>
          {/* Reminders to late units (by e-mail, on a schedule) come in a later part: this board is where they will start. */}
        </>
      )}
    </>
  );
}
