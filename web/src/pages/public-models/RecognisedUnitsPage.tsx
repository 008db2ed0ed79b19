import { SafetyCertificateOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Breadcrumb, Card, Flex, Select, Tag, Typography } from 'antd';
import { Link, useParams } from 'react-router-dom';
import { api } from '../../api/client';
import { EmptyState, ErrorAlert, Loading } from '../../components/feedback';
import { useUrlState } from '../../components/url-state';
import { formatDate, formatNumber } from '../../format';
import { usePublicProvinces } from '../dashboard/api';
import type { PublicRecognisedUnit } from '../../../../src/modules/learning-models/statistics';

const FIRST_YEAR = 2020;

/**
 * /cong-khai/:id/mo-hinh-hoc-tap — the learning units and communities a province recognised in a year, for anyone.
 * Organisations and communities only: learning citizens, families and clans are never listed publicly.
 */
export function RecognisedUnitsPage() {
  const { id = '' } = useParams();
  const [params, set] = useUrlState();
  const thisYear = new Date().getFullYear();
  const asked = Number(params.get('year'));
  const year = Number.isInteger(asked) && asked >= FIRST_YEAR && asked <= thisYear ? asked : thisYear;
  const provinces = usePublicProvinces();
  const province = provinces.data?.find((p) => p.id === id);
  const list = useQuery({
    queryKey: ['public', 'recognised-units', id, year],
    queryFn: () => api<PublicRecognisedUnit[]>('/api/public/v1/learning-models/recognised-units', { query: { province: id, year }, skipUnauthorizedRedirect: true }),
    enabled: !!id,
  });
  const years = Array.from({ length: thisYear - FIRST_YEAR + 1 }, (_, i) => thisYear - i);
  const groups = new Map<string, PublicRecognisedUnit[]>();
  for (const u of list.data ?? []) groups.set(u.modelLabel, [...(groups.get(u.modelLabel) ?? []), u]);

  return (
    <>
      <Breadcrumb
        style={{ marginBottom: 8 }}
        items={[
          { title: <Link to="/cong-khai">Tỉnh, thành phố</Link> },
          { title: <Link to={`/cong-khai/${id}`}>{province?.name ?? 'Tỉnh, thành phố'}</Link> },
          { title: 'Mô hình học tập' },
        ]}
      />
      <Typography.Title level={3} style={{ margin: '0 0 4px' }} data-testid="public-recognised-title">
        Đơn vị, cộng đồng học tập được công nhận{province ? ` — ${province.name}` : ''}
      </Typography.Title>
      <Flex align="center" gap={8} wrap style={{ marginBottom: 12 }}>
        <Typography.Text>Năm</Typography.Text>
        <Select style={{ width: 100 }} value={year} options={years.map((y) => ({ value: y, label: String(y) }))} onChange={(y: number) => set({ year: y })} data-testid="public-recognised-year" />
        {list.data && <Typography.Text type="secondary">{formatNumber(list.data.length)} được công nhận</Typography.Text>}
      </Flex>
      <Alert
        type="info" showIcon icon={<SafetyCertificateOutlined />} style={{ marginBottom: 12 }}
        title="Theo quyết định công nhận của cơ quan có thẩm quyền"
        description="Chỉ công bố đơn vị học tập và cộng đồng học tập. Công dân, gia đình và dòng họ học tập không được công bố tên để bảo vệ thông tin cá nhân."
      />
      {list.isPending && <Loading />}
      {list.isError && <ErrorAlert error={list.error} onRetry={() => list.refetch()} />}
      {list.data?.length === 0 && <EmptyState>Chưa có đơn vị, cộng đồng học tập nào được công nhận trong năm {year}. Hãy chọn năm khác.</EmptyState>}
      <Flex vertical gap={12}>
        {[...groups].map(([label, rows]) => (
          <Card key={label} size="small" title={`${label} (${formatNumber(rows.length)})`} data-testid="public-recognised-group">
            {rows.map((r, i) => (
              <div key={`${r.name}|${r.decision.number}|${i}`} style={{ padding: '6px 0', borderBottom: i < rows.length - 1 ? '1px solid #f0f0f0' : undefined }} data-testid="public-recognised-unit">
                <Flex justify="space-between" gap={8} wrap>
                  <Typography.Text strong>{r.name}</Typography.Text>
                  {r.level && <Tag style={{ marginInlineEnd: 0 }}>{r.level}</Tag>}
                </Flex>
                <Typography.Text type="secondary" style={{ fontSize: 13, display: 'block' }}>
                  {r.unitName} · Quyết định {r.decision.number} ngày {formatDate(r.decision.decidedOn)} của {r.decision.issuer}
                </Typography.Text>
              </div>
            ))}
          </Card>
        ))}
      </Flex>
    </>
  );
}
