import { FileOutlined, LinkOutlined } from '@ant-design/icons';
import { List, Space, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { EmptyState } from '../../components/feedback';
import { formatBytes, formatDate, trimText } from '../../format';
import type { Resource } from './api';

/** Search results (best match first) or the catalogue in alphabetical order; shared by the staff and public pages. */
export function ResourceList({ rows, loading, query, filePath, actions }: {
  rows: Resource[] | undefined; loading: boolean; query: string; filePath: (r: Resource) => string; actions?: (r: Resource) => ReactNode[];
}) {
  return (
    <List<Resource> loading={loading} dataSource={rows} itemLayout="vertical" data-testid="resource-results"
      locale={{ emptyText: <EmptyState>{query ? `Không tìm thấy học liệu cho “${query}”. Hãy thử từ khóa ngắn hơn; có dấu hay không dấu đều được.` : 'Chưa có học liệu nào. Hãy thêm học liệu đầu tiên.'}</EmptyState> }}
      renderItem={(r) => (
        <List.Item key={r.id} actions={actions?.(r)}>
          <List.Item.Meta
            title={<Space wrap>{r.url ? <a href={r.url} target="_blank" rel="noopener noreferrer">{r.title}</a> : r.title}<Tag color="blue">{r.formatLabel}</Tag>{r.status === 'draft' && <Tag>Bản nháp</Tag>}</Space>}
            description={<>{r.subject} · {r.audience} · {r.publisher.name} · Giấy phép {r.licence}{r.publishedAt ? ` · công bố ${formatDate(r.publishedAt.slice(0, 10))}` : ''}</>} />
          {r.description && <Typography.Paragraph style={{ marginBottom: 4 }}>{trimText(r.description, 300)}</Typography.Paragraph>}
          <Space>
            {r.url && <a href={r.url} target="_blank" rel="noopener noreferrer"><LinkOutlined /> Mở liên kết</a>}
            {r.file && <a href={filePath(r)} download><FileOutlined /> {r.file.name} ({formatBytes(r.file.sizeBytes)})</a>}
          </Space>
        </List.Item>
      )} />
  );
}
