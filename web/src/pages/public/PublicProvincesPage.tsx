import { RightOutlined } from '@ant-design/icons';
import { Card, Flex, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { api } from '../../api/client';
import { EmptyState, ErrorAlert, Loading } from '../../components/feedback';
import { usePublicProvinces } from '../dashboard/api';

/** /cong-khai: the provinces whose targets and approved figures are public. */
export function PublicProvincesPage() {
  const provinces = usePublicProvinces();
  const exemplary = useQuery({ queryKey: ['public-exemplary-provinces'], queryFn: () => api<{ id: string; name: string; entries: number }[]>('/api/public/v1/exemplary/provinces') });
  return (
    <>
      <Typography.Title level={3} style={{ marginTop: 0 }}>Chỉ tiêu xây dựng xã hội học tập</Typography.Title>
      <Typography.Paragraph type="secondary">
        Chọn tỉnh, thành phố để xem các chỉ tiêu của kế hoạch, số liệu đã được duyệt và tiến độ so với mục tiêu.
      </Typography.Paragraph>
      {provinces.isPending && <Loading />}
      {provinces.isError && <ErrorAlert error={provinces.error} onRetry={() => provinces.refetch()} />}
      {provinces.data?.length === 0 && <EmptyState>Chưa có tỉnh, thành phố nào công bố chỉ tiêu.</EmptyState>}
      <Flex vertical gap={8} style={{ maxWidth: 640 }}>
        {provinces.data?.map((p) => (
          <Link key={p.id} to={`/cong-khai/${p.id}`} data-testid="public-province">
            <Card size="small" hoverable>
              <Flex justify="space-between" align="center">
                <Typography.Text strong style={{ fontSize: 16 }}>{p.name}</Typography.Text>
                <RightOutlined />
              </Flex>
            </Card>
          </Link>
        ))}
      </Flex>
      <Typography.Title level={4} style={{ marginTop: 24 }}>Học tập suốt đời cho mọi người</Typography.Title>
      {exemplary.data?.map((p) => (
        <Link key={p.id} to={`/cong-khai/${p.id}/guong-hoc-tap`} data-testid="public-exemplary-province" style={{ display: 'block', maxWidth: 640, marginBottom: 8 }}>
          <Card size="small" hoverable>
            <Flex justify="space-between" align="center">
              <span><Typography.Text strong style={{ fontSize: 16 }}>Người học, mô hình tiêu biểu</Typography.Text><br /><Typography.Text type="secondary">{p.name}</Typography.Text></span>
              <RightOutlined />
            </Flex>
          </Card>
        </Link>
      ))}
      <Link to="/cong-khai/hoc-lieu" data-testid="public-resources-link" style={{ display: 'block', maxWidth: 640 }}>
        <Card size="small" hoverable>
          <Flex justify="space-between" align="center">
            <span><Typography.Text strong style={{ fontSize: 16 }}>Học liệu mở</Typography.Text><br /><Typography.Text type="secondary">Tài liệu, video, khóa học miễn phí; tìm có dấu hoặc không dấu</Typography.Text></span>
            <RightOutlined />
          </Flex>
        </Card>
      </Link>
    </>
  );
}
