import { Button, Table, Tag, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router-dom';
import { api, errorMessage } from '../../api/client';
import { EmptyState, ErrorAlert, Loading } from '../../components/feedback';
import { formatDate } from '../../format';
import { rkeys, STATUS_COLORS, useMyReports, type MyReport, type Report } from './api';

/** The reports the user's units owe (this year and last), with a button to open or continue each. */
export function MyReportsPage() {
  const rows = useMyReports();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const open = useMutation({
    mutationFn: (r: MyReport) => api<Report>('/api/v1/reports/submissions', { method: 'POST', body: { obligationId: r.obligation.id, unitId: r.unit.id, period: r.period } }),
    onSuccess: (report) => { void qc.invalidateQueries({ queryKey: rkeys.my }); navigate(`/bao-cao/${report.id}`); },
  });
  if (rows.isLoading) return <Loading />;
  if (rows.error) return <ErrorAlert error={rows.error} onRetry={() => void rows.refetch()} />;
  return (
    <>
      <Typography.Title level={3}>Báo cáo định kỳ của đơn vị</Typography.Title>
      <Typography.Paragraph type="secondary">Các báo cáo đơn vị phải gửi theo kế hoạch và văn bản chỉ đạo; số liệu nhiệm vụ và chỉ tiêu được điền sẵn.</Typography.Paragraph>
      {open.error && <ErrorAlert error={open.error} />}
      {rows.data!.length === 0 ? <EmptyState>Đơn vị của bạn chưa có báo cáo nào phải gửi.</EmptyState> : (
        <Table<MyReport> rowKey={(r) => `${r.obligation.id}-${r.unit.id}-${r.period}`} dataSource={rows.data} pagination={false} size="middle"
          onRow={() => ({ 'data-testid': 'my-report-row' } as React.HTMLAttributes<HTMLElement>)}
          columns={[
            { title: 'Báo cáo', key: 'title', render: (_, r) => <><div>{r.obligation.title}</div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{r.obligation.legalSource}</Typography.Text></> },
            { title: 'Kỳ', dataIndex: 'period', width: 70 },
            { title: 'Đơn vị', key: 'unit', width: 220, render: (_, r) => r.unit.name },
            { title: 'Gửi đến', key: 'to', width: 200, render: (_, r) => r.obligation.recipientText },
            { title: 'Hạn', key: 'due', width: 110, render: (_, r) => formatDate(r.dueDate) },
            {
              title: 'Tình trạng', key: 'status', width: 160,
              render: (_, r) => <>{r.submission ? <Tag color={STATUS_COLORS[r.submission.status]}>{r.submission.statusLabel}</Tag> : <Tag>Chưa lập</Tag>}{r.submission?.late && <Tag color="red">Trễ hạn</Tag>}{r.overdue && <Tag color="red">Quá hạn</Tag>}</>,
            },
            {
              title: '', key: 'action', width: 120,
              render: (_, r) => r.submission
                ? <Button size="small" data-testid="my-report-open" onClick={() => navigate(`/bao-cao/${r.submission!.id}`)}>Mở</Button>
                : <Button size="small" type="primary" data-testid="my-report-start" loading={open.isPending} onClick={() => open.mutate(r)}>Lập báo cáo</Button>,
            },
          ]} />
      )}
    </>
  );
}
