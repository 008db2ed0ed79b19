import { useQuery } from '@tanstack/react-query';
import { Breadcrumb, Card, Flex, Tag, Typography } from 'antd';
import { Link, useParams } from 'react-router-dom';
import { api } from '../../api/client';
import { EmptyState, ErrorAlert, Loading } from '../../components/feedback';

interface PublicExemplary {
  province: { id: string; name: string };
  items: { kind: 'learner' | 'model'; kindLabel: string; name: string; year: number; story: string; unitName: string; demo: boolean }[];
}

/** /cong-khai/:id/guong-hoc-tap — exemplary learners and learning models of a province, only those who consented. */
export function PublicExemplaryPage() {
  const { id = '' } = useParams();
  const list = useQuery({ queryKey: ['public-exemplary', id], queryFn: () => api<PublicExemplary>('/api/public/v1/exemplary', { query: { province: id } }) });
  if (list.isPending) return <Loading />;
  if (list.isError) return <><ErrorAlert error={list.error} onRetry={() => list.refetch()} /><Link to="/cong-khai">Xem danh sách tỉnh, thành phố</Link></>;
  const { province, items } = list.data;
  return (
    <>
      <Breadcrumb style={{ marginBottom: 8 }} items={[{ title: <Link to="/cong-khai">Tỉnh, thành phố</Link> }, { title: <Link to={`/cong-khai/${province.id}`}>{province.name}</Link> }, { title: 'Gương học tập' }]} />
      <Typography.Title level={3} style={{ margin: '0 0 4px' }} data-testid="public-exemplary-title">Người học, mô hình học tập tiêu biểu</Typography.Title>
      <Typography.Paragraph type="secondary">{province.name} · chỉ giới thiệu những người, mô hình đã đồng ý công khai.</Typography.Paragraph>
      {items.length === 0 && <EmptyState>Chưa có người học, mô hình tiêu biểu nào được giới thiệu công khai.</EmptyState>}
      <Flex vertical gap={8} style={{ maxWidth: 760 }} data-testid="public-exemplary-list">
        {items.map((x, i) => (
          <Card key={i} size="small">
            <Flex wrap gap={6} align="center" style={{ marginBottom: 4 }}>
              <Typography.Text strong style={{ fontSize: 16 }}>{x.name}</Typography.Text>
              <Tag color={x.kind === 'learner' ? 'green' : 'blue'}>{x.kindLabel}</Tag>
              <Tag>{x.year}</Tag>
              {x.demo && <Tag color="orange">Dữ liệu mẫu</Tag>}
            </Flex>
            <Typography.Text type="secondary">{x.unitName}</Typography.Text>
            <Typography.Paragraph style={{ margin: '6px 0 0' }}>{x.story}</Typography.Paragraph>
          </Card>
        ))}
      </Flex>
    </>
  );
}
