import { Flex, Progress, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { Link } from 'react-router-dom';
import { useMe } from '../../auth/session';
import { EmptyState, ErrorAlert } from '../../components/feedback';
import { formatDate, formatNumber } from '../../format';
import { canManageCities, STATUS_COLORS, useCities, type CitySummary } from './api';
import { AddCityButton } from './CityForm';

/** "Thành phố học tập": the cities in the user's scope, each with its latest self-assessment against UNESCO's Key Features. */
export function LearningCitiesPage() {
  const list = useCities();
  const role = useMe().data?.role;
  const manage = role !== undefined && canManageCities(role);
  const columns: TableColumnsType<CitySummary> = [
    {
      title: 'Thành phố', key: 'name', render: (_, c) => (
        <Flex vertical>
          <Link to={`/thanh-pho-hoc-tap/${c.id}${c.latest ? `?year=${c.latest.year}` : ''}`} data-testid={`city-${c.anchor?.code ?? c.id}`}>{c.name}</Link>
          {c.demo && <Typography.Text type="secondary" style={{ fontSize: 12 }}>Dữ liệu mẫu</Typography.Text>}
        </Flex>
      ),
    },
    {
      title: 'Tỉnh, thành phố', key: 'province', render: (_, c) => (
        <Flex vertical>
          <span>{c.provinceNow ?? c.province.name}</span>
          {c.province.ended && c.provinceNow !== c.province.name && <Typography.Text type="secondary" style={{ fontSize: 12 }}>trước 01/07/2025: {c.province.name}</Typography.Text>}
        </Flex>
      ),
    },
    {
      title: 'Địa bàn', key: 'units', responsive: ['md'], render: (_, c) => (
        <Flex vertical>
          <span>{c.anchor?.name}{c.anchor?.validTo ? ` (đến ${formatDate(c.anchor.validTo)})` : ''}</span>
          {c.anchor?.validTo && <Typography.Text type="secondary" style={{ fontSize: 12 }}>nay gồm {formatNumber(c.unitsNow)} phường, xã kế thừa</Typography.Text>}
        </Flex>
      ),
    },
    { title: 'Thành viên GNLC', key: 'gnlc', responsive: ['lg'], render: (_, c) => (c.gnlcYear ? `Từ năm ${c.gnlcYear}` : <Typography.Text type="secondary">Chưa có thông tin</Typography.Text>) },
    {
      title: 'Tự đánh giá gần nhất', key: 'latest', render: (_, c) => (c.latest ? (
        <Flex gap={8} align="center" wrap>
          <span>Năm {c.latest.year}</span>
          <Tag color={STATUS_COLORS[c.latest.status]}>{c.latest.statusLabel}</Tag>
        </Flex>
      ) : <Typography.Text type="secondary">Chưa có</Typography.Text>),
    },
    { title: 'Điểm chung', key: 'score', align: 'right', render: (_, c) => (c.latest?.score != null ? `${formatNumber(c.latest.score, 1)}/${c.latest.scoreMax}` : '—') },
    { title: 'Hoàn thành hồ sơ', key: 'percent', width: 160, responsive: ['md'], render: (_, c) => (c.latest ? <Progress percent={c.latest.percent} size="small" /> : '—') },
  ];
  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="center" gap={12} wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>Thành phố học tập</Typography.Title>
        {manage && <AddCityButton />}
      </Flex>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        Tự đánh giá hằng năm theo “Các đặc trưng chính của thành phố học tập” của UNESCO (mạng lưới Thành phố học tập toàn cầu – GNLC).
        Thành phố giữ nguyên danh tính sau sắp xếp đơn vị hành chính ngày 01/07/2025 và bao gồm các phường, xã kế thừa.
      </Typography.Paragraph>
      {list.isError && <ErrorAlert error={list.error} onRetry={() => list.refetch()} />}
      <Table rowKey="id" size="middle" loading={list.isPending} columns={columns} dataSource={list.data ?? []} pagination={false}
        locale={{ emptyText: <EmptyState>Chưa có thành phố học tập nào trong phạm vi của bạn. {manage ? 'Bấm “Thêm thành phố học tập” để thêm thành phố (Thủ Dầu Một, Thuận An, Dĩ An, Tây Ninh…).' : 'Sở GDĐT thêm thành phố (Thủ Dầu Một, Thuận An, Dĩ An, Tây Ninh…).'}</EmptyState> }} />
    </Flex>
  );
}
