import { useInfiniteQuery } from '@tanstack/react-query';
import { Button, Card, Col, DatePicker, Flex, Input, Row, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { api } from '../../api/client';
import type { AuditEntry } from '../../api/types';
import { EmptyState, ErrorAlert } from '../../components/feedback';
import { DATE_FORMAT, formatDateTime, formatNumber } from '../../format';
import { t } from '../../i18n';
import { ExportButton } from '../../components/ExportButton';

const PAGE = 50;

interface Filters { entity?: string; actor?: string; action?: string; range: [Dayjs | null, Dayjs | null] | null }

const Json = ({ value }: { value: unknown }) =>
  value === null || value === undefined
    ? <div><Typography.Text type="secondary">(không có)</Typography.Text></div>
    : <pre className="json">{JSON.stringify(value, null, 2)}</pre>;

export function AuditPage() {
  const [draft, setDraft] = useState<Filters>({ range: null });
  const [filters, setFilters] = useState<Filters>({ range: null });
  const query = {
    entity: filters.entity?.trim() || undefined,
    actor: filters.actor?.trim() || undefined,
    action: filters.action?.trim() || undefined,
    from: filters.range?.[0]?.format('YYYY-MM-DD'),
    to: filters.range?.[1]?.format('YYYY-MM-DD'),
  };
  const audit = useInfiniteQuery({
    queryKey: ['audit', query],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) => api<AuditEntry[]>('/api/v1/audit', { query: { ...query, before: pageParam, limit: PAGE } }),
    getNextPageParam: (last) => (last.length < PAGE ? undefined : last[last.length - 1]?.id),
  });
  const rows = audit.data?.pages.flat() ?? [];

  const columns: TableColumnsType<AuditEntry> = [
    { title: t('audit.at'), key: 'at', width: 160, render: (_, r) => formatDateTime(r.at) },
    { title: t('audit.actor'), key: 'actor', width: 150, render: (_, r) => r.actor || <Typography.Text type="secondary">hệ thống</Typography.Text> },
    { title: t('audit.action'), key: 'action', width: 240, render: (_, r) => <Tag>{r.action}</Tag> },
    { title: t('audit.entity'), dataIndex: 'entity', width: 180 },
    { title: t('audit.entityId'), dataIndex: 'entityId', width: 120 },
    {
      title: 'Tóm tắt', key: 'summary',
      render: (_, r) => (
        <Typography.Text type="secondary" ellipsis style={{ maxWidth: 420 }}>
          {JSON.stringify(r.after ?? r.before ?? null)}
        </Typography.Text>
      ),
    },
  ];

  const apply = () => setFilters(draft);

  return (
    <>
      <Typography.Title level={3} style={{ marginTop: 0 }}>{t('audit.title')}</Typography.Title>
      <Card size="small" style={{ marginBottom: 16 }}>
        <Flex wrap gap={12} align="center">
          <Input placeholder={`${t('audit.entity')} (vd. task_progress)`} style={{ width: 185 }} value={draft.entity} onChange={(e) => setDraft({ ...draft, entity: e.target.value })} onPressEnter={apply} allowClear />
          <Input placeholder={`${t('audit.actor')} (tên đăng nhập)`} style={{ width: 185 }} value={draft.actor} onChange={(e) => setDraft({ ...draft, actor: e.target.value })} onPressEnter={apply} allowClear />
          <Input placeholder={`${t('audit.action')} (vd. auth.login)`} style={{ width: 185 }} value={draft.action} onChange={(e) => setDraft({ ...draft, action: e.target.value })} onPressEnter={apply} allowClear />
          <DatePicker.RangePicker format={DATE_FORMAT} placeholder={['Từ ngày', 'Đến ngày']} value={draft.range} onChange={(range) => setDraft({ ...draft, range })} />
          <Button type="primary" onClick={apply}>{t('common.search')}</Button>
          <Button onClick={() => { setDraft({ range: null }); setFilters({ range: null }); }}>{t('common.reset')}</Button>
          <ExportButton path="/api/v1/audit" query={{ ...query, limit: 5000 }} />
        </Flex>
      </Card>
      {audit.isError && <ErrorAlert error={audit.error} onRetry={() => audit.refetch()} />}
      <Card size="small">
        <Table<AuditEntry>
          size="small"
          rowKey="id"
          columns={columns}
          dataSource={rows}
          loading={audit.isPending}
          pagination={false}
          expandable={{
            expandedRowRender: (r) => (
              <Row gutter={16}>
                <Col span={12}><Typography.Text strong>{t('audit.before')}</Typography.Text><Json value={r.before} /></Col>
                <Col span={12}><Typography.Text strong>{t('audit.after')}</Typography.Text><Json value={r.after} /></Col>
              </Row>
            ),
          }}
          locale={{ emptyText: <EmptyState>{t('audit.empty')}</EmptyState> }}
          scroll={{ x: 1100 }}
        />
        <Flex justify="center" align="center" gap={12} style={{ marginTop: 12 }}>
          <Typography.Text type="secondary">Đang hiển thị {formatNumber(rows.length)} bản ghi</Typography.Text>
          {audit.hasNextPage
            ? <Button onClick={() => audit.fetchNextPage()} loading={audit.isFetchingNextPage} data-testid="audit-more">{t('common.loadMore')}</Button>
            : rows.length > 0 && <Typography.Text type="secondary">{t('audit.noMore')}</Typography.Text>}
        </Flex>
      </Card>
    </>
  );
}
