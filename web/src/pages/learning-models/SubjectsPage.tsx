import { Flex, Input, Select, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { api } from '../../api/client';
import { ErrorAlert } from '../../components/feedback';
import { ExportButton } from '../../components/ExportButton';
import { useUrlState } from '../../components/url-state';
import { formatNumber } from '../../format';
import { SUBJECT_KIND_LABELS, SUBJECT_KINDS } from '../../../../src/modules/learning-models/workflow';
import { EXPORT_LIMIT, type Paged, type Subject } from './api';

/**
 * "Đối tượng": citizens, families, clans, communities and units in the actor's scope, searched by name regardless of
 * accents, page by page with the total; the export holds the whole filtered list (the server logs the read).
 */
export function SubjectsPage() {
  const [params, set] = useUrlState();
  const query = { kind: params.get('kind') ?? undefined, q: params.get('q') ?? undefined };
  const page = Number(params.get('page') ?? 1), pageSize = Number(params.get('pageSize') ?? 50);
  const list = useQuery({
    queryKey: ['learning-subjects', 'list', query, page, pageSize], placeholderData: (prev) => prev,
    queryFn: () => api<Paged<Subject>>('/api/v1/learning-subjects', { query: { ...query, page: String(page), pageSize: String(pageSize) } }),
  });
  const total = list.data?.total ?? 0;
  const columns: TableColumnsType<Subject> = [
    { title: 'Tên', dataIndex: 'name' },
    { title: 'Loại', key: 'kind', render: (_, s) => SUBJECT_KIND_LABELS[s.kind as keyof typeof SUBJECT_KIND_LABELS] ?? s.kind },
    { title: 'Năm sinh', dataIndex: 'birthYear', width: 90, responsive: ['md'] },
    { title: 'Đơn vị', key: 'unit', render: (_, s) => s.unit.name, responsive: ['md'] },
    { title: 'Thuộc', key: 'memberOf', render: (_, s) => s.memberOf?.name ?? '', responsive: ['lg'] },
    { title: 'Thành viên', key: 'members', align: 'right', render: (_, s) => (s.members === null || s.members === undefined ? '' : formatNumber(s.members)) },
  ];
  return (
    <Flex vertical gap={16}>
      <Flex align="center" gap={8} wrap>
        <Typography.Title level={3} style={{ margin: 0, marginRight: 'auto' }}>Đối tượng mô hình học tập</Typography.Title>
        <Link to="/mo-hinh-hoc-tap">Hồ sơ đăng ký</Link>
      </Flex>
      <Flex gap={8} wrap>
        <Select allowClear placeholder="Loại đối tượng" style={{ width: 220 }} value={query.kind} onChange={(v) => set({ kind: v, page: undefined })}
          options={SUBJECT_KINDS.map((k) => ({ value: k, label: SUBJECT_KIND_LABELS[k] }))} data-testid="subject-kind" />
        <Input.Search allowClear placeholder="Tìm theo tên (không cần dấu)" style={{ width: 280 }} defaultValue={query.q} onSearch={(v) => set({ q: v.trim(), page: undefined })} />
        <ExportButton path="/api/v1/learning-subjects" query={query} disabled={total === 0} />
        {total > EXPORT_LIMIT && <Typography.Text type="warning">Tệp Excel chỉ chứa {formatNumber(EXPORT_LIMIT)}/{formatNumber(total)} dòng đầu; hãy lọc thêm.</Typography.Text>}
      </Flex>
      {list.isError && <ErrorAlert error={list.error} onRetry={() => list.refetch()} />}
      <Table rowKey="id" size="middle" loading={list.isPending || list.isPlaceholderData} columns={columns} dataSource={list.data?.items ?? []} data-testid="subjects-table"
        locale={{ emptyText: query.kind || query.q ? 'Không có đối tượng nào khớp bộ lọc' : 'Chưa có đối tượng nào. Đối tượng được thêm khi đăng ký mô hình học tập.' }}
        pagination={{
          current: page, pageSize, total, showSizeChanger: true, pageSizeOptions: [20, 50, 100, 200], hideOnSinglePage: total <= 20,
          showTotal: (n) => `${formatNumber(n)} đối tượng`, onChange: (p, ps) => set({ page: p === 1 ? undefined : p, pageSize: ps === 50 ? undefined : ps }),
        }} />
    </Flex>
  );
}
