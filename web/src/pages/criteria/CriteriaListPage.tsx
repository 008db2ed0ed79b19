import { Card, Flex, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import type { HTMLAttributes } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { EmptyState, ErrorAlert } from '../../components/feedback';
import { formatDate } from '../../format';
import { useCriteriaSets, type CriteriaSetSummary } from './api';
import { MarkTag } from './MarkTag';

/** "Bộ tiêu chí": the criteria sets of the learning models, newest version of each, with how well each was verified. */
export function CriteriaListPage() {
  const sets = useCriteriaSets();
  const navigate = useNavigate();
  const columns: TableColumnsType<CriteriaSetSummary> = [
    { title: 'Mô hình', key: 'model', width: 200, render: (_, s) => <Typography.Text strong>{s.modelTypeLabel}</Typography.Text> },
    {
      title: 'Bộ tiêu chí', key: 'name',
      render: (_, s) => (
        <Flex vertical gap={2}>
          <Link to={`/bo-tieu-chi/${s.id}`} data-testid={`criteria-link-${s.code}`}>{s.name}</Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>Mã {s.code}</Typography.Text>
        </Flex>
      ),
    },
    { title: 'Văn bản', dataIndex: 'source', width: 210 },
    { title: 'Hiệu lực', key: 'effective', width: 170, render: (_, s) => `${formatDate(s.effectiveFrom)} – ${s.effectiveTo ? formatDate(s.effectiveTo) : 'nay'}` },
    {
      title: 'Phiên bản', key: 'version', width: 100, align: 'center',
      render: (_, s) => <span data-testid={`criteria-version-${s.code}`}>{s.version}{s.versions > 1 && <Typography.Text type="secondary"> / {s.versions} bản</Typography.Text>}</span>,
    },
    {
      title: 'Xác minh', key: 'mark', width: 190, render: (_, s) => <MarkTag mark={s.verification} long />,
      filters: [{ text: 'Đã xác minh', value: 'V' }, { text: 'Xác minh một phần', value: 'P' }, { text: 'Chưa xác minh', value: 'I' }],
      onFilter: (v, s) => s.verification === v,
    },
  ];
  return (
    <>
      <Flex align="baseline" gap={12} wrap style={{ marginBottom: 12 }}>
        <Typography.Title level={3} style={{ margin: 0 }}>Bộ tiêu chí</Typography.Title>
        <Typography.Text type="secondary">Tiêu chí, chỉ số, điểm và quy tắc công nhận các mô hình học tập, theo văn bản và phiên bản</Typography.Text>
      </Flex>
      <Card size="small">
        <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
          Dấu xác minh: [V] đã đọc trong văn bản, [P] đọc được một phần, [I] suy luận hoặc giữ chỗ, chưa đối chiếu văn bản gốc. Mỗi bộ ghi
          dấu yếu nhất trong các phần của nó. Sửa một bộ luôn tạo phiên bản mới; các lần đánh giá đã chấm giữ phiên bản của mình.
        </Typography.Paragraph>
        {sets.isError && <ErrorAlert error={sets.error} onRetry={() => sets.refetch()} />}
        <Table<CriteriaSetSummary>
          size="small"
          rowKey="id"
          columns={columns}
          dataSource={sets.data}
          loading={sets.isFetching}
          pagination={false}
          onRow={(s) => ({ 'data-testid': `criteria-row-${s.code}`, onDoubleClick: () => navigate(`/bo-tieu-chi/${s.id}`) }) as HTMLAttributes<HTMLElement>}
          locale={{ emptyText: <EmptyState>Chưa có bộ tiêu chí nào (chạy xhht seed).</EmptyState> }}
          scroll={{ x: 1000 }}
        />
      </Card>
    </>
  );
}
