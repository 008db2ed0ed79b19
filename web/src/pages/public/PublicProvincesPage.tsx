import { RightOutlined } from '@ant-design/icons';
import { Card, Flex, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { EmptyState, ErrorAlert, Loading } from '../../components/feedback';
import { usePublicProvinces } from '../dashboard/api';

/** /cong-khai: the provinces whose targets and approved figures are public. */
export function PublicProvincesPage() {
  const provinces = usePublicProvinces();
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
    </>
  );
}
