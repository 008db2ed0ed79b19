import { useQuery } from '@tanstack/react-query';
import { Input, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client';
import { ErrorAlert } from '../../components/feedback';
import type { Resource } from './api';
import { ResourceList } from './ResourceList';

/** Published open learning resources for everyone, no login. */
export function PublicResourcesPage() {
  const [q, setQ] = useState('');
  const list = useQuery({ queryKey: ['public-resources', q], queryFn: () => api<Resource[]>('/api/public/v1/resources', { query: { q } }), placeholderData: (p) => p });
  return (
    <>
      <Typography.Title level={3}>Học liệu mở</Typography.Title>
      <Input.Search placeholder="Tìm học liệu (có dấu hoặc không dấu)" allowClear enterButton="Tìm" size="large" onSearch={setQ} style={{ maxWidth: 640, marginBottom: 16 }} />
      {list.error && <ErrorAlert error={list.error} />}
      <ResourceList rows={list.data} loading={list.isFetching} query={q} filePath={(r) => `/api/public/v1/resources/${r.id}/file`} />
    </>
  );
}
