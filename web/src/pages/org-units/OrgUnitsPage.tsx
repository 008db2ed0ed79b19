import { Card, DatePicker, Flex, Input, Select, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { useOrgUnits } from '../../api/queries';
import { ExportButton } from '../../components/ExportButton';
import type { OrgUnit } from '../../api/types';
import { EmptyState, ErrorAlert } from '../../components/feedback';
import { DATE_FORMAT, formatDate, formatNumber } from '../../format';
import { t, tOr } from '../../i18n';
import { LineageDrawer, type LineageTarget } from './LineageDrawer';

const KINDS = ['province', 'district', 'commune', 'agency', 'association'];
const KIND_COLORS: Record<string, string> = { province: 'purple', district: 'cyan', commune: 'blue', agency: 'gold', association: 'magenta' };

export function OrgUnitsPage() {
  const [at, setAt] = useState<Dayjs>(dayjs());
  const [kind, setKind] = useState<string>();
  const [q, setQ] = useState('');
  const [selected, setSelected] = useState<LineageTarget | null>(null);
  const atIso = at.format('YYYY-MM-DD');
  const units = useOrgUnits({ at: atIso, kind, q: q.trim() || undefined });
  const all = useOrgUnits({ at: atIso });
  const names = useMemo(() => new Map((all.data ?? []).map((u) => [u.code, u.name])), [all.data]);
  const counts = useMemo(() => {
    const c = new Map<string, number>();
    for (const u of units.data ?? []) c.set(u.kind, (c.get(u.kind) ?? 0) + 1);
    return c;
  }, [units.data]);

  const columns: TableColumnsType<OrgUnit> = [
    { title: t('common.code'), dataIndex: 'code', width: 120 },
    {
      title: t('common.name'), key: 'name',
      render: (_, u) => (
        <>
          <a onClick={() => setSelected({ code: u.code, at: atIso })} data-testid="org-unit-link">{u.name}</a>
          {!u.verified && <Tag color="warning" style={{ marginLeft: 8 }} title="Suy luận, chưa đối chiếu văn bản thành lập">[I] suy luận</Tag>}
        </>
      ),
      sorter: (a, b) => a.name.localeCompare(b.name, 'vi'),
    },
    { title: t('common.kind'), key: 'kind', width: 200, render: (_, u) => <Tag color={KIND_COLORS[u.kind]}>{tOr(`kind.${u.kind}`, u.kind)}</Tag> },
    { title: t('orgUnits.parent'), key: 'parent', width: 240, render: (_, u) => (u.parentCode ? names.get(u.parentCode) ?? u.parentCode : '—') },
    { title: t('orgUnits.validFrom'), key: 'from', width: 120, render: (_, u) => (u.validFrom ? formatDate(u.validFrom) : 'không rõ') },
    { title: t('orgUnits.validTo'), key: 'to', width: 120, render: (_, u) => (u.validTo ? formatDate(u.validTo) : 'nay') },
  ];

  return (
    <>
      <Typography.Title level={3} style={{ marginTop: 0 }}>{t('orgUnits.title')}</Typography.Title>
      <Card size="small" style={{ marginBottom: 16 }}>
        <Flex wrap gap={12} align="center">
          <Flex align="center" gap={6}>
            <Typography.Text>{t('orgUnits.at')}</Typography.Text>
            <DatePicker format={DATE_FORMAT} allowClear={false} value={at} onChange={(d) => d && setAt(d)} data-testid="org-units-at" />
          </Flex>
          <Select
            allowClear placeholder="Loại: tất cả" style={{ width: 240 }} value={kind} onChange={(v?: string) => setKind(v)}
            options={KINDS.map((k) => ({ value: k, label: tOr(`kind.${k}`, k) }))}
          />
          <Input.Search allowClear placeholder="Tìm theo tên (không cần dấu)" style={{ width: 300 }} onSearch={setQ} data-testid="org-units-search" />
          <ExportButton path="/api/v1/org-units" query={{ at: atIso, kind, q: q.trim() || undefined }} disabled={!units.data?.length} />
          <Typography.Text type="secondary">
            {formatNumber(units.data?.length ?? 0)} đơn vị
            {[...counts].map(([k, n]) => ` · ${tOr(`kind.${k}`, k)}: ${formatNumber(n)}`).join('')}
          </Typography.Text>
        </Flex>
      </Card>
      {units.isError && <ErrorAlert error={units.error} onRetry={() => units.refetch()} />}
      <Card size="small">
        <Table<OrgUnit>
          size="small"
          rowKey="id"
          columns={columns}
          dataSource={units.data}
          loading={units.isFetching}
          pagination={{ pageSize: 50, showSizeChanger: false, hideOnSinglePage: true }}
          locale={{ emptyText: <EmptyState>Không có đơn vị nào còn hiệu lực tại ngày {at.format(DATE_FORMAT)} khớp bộ lọc.</EmptyState> }}
          onRow={(u) => ({ onDoubleClick: () => setSelected({ code: u.code, at: atIso }) })}
        />
      </Card>
      <LineageDrawer target={selected} onNavigate={setSelected} onClose={() => setSelected(null)} />
    </>
  );
}
