import { EditOutlined, ExclamationCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Input, Table, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useMemo, useState, type HTMLAttributes } from 'react';
import { Link } from 'react-router-dom';
import { ApiError, errorMessage } from '../../api/client';
import { useLineage, usePcgdResidents } from '../../api/queries';
import type { PcgdResident } from '../../api/types';
import { EmptyState, ErrorAlert, Loading } from '../../components/feedback';
import { formatDate, formatNumber } from '../../format';
import { ageIn, DISABILITY_LABELS, ENROLLED_LABELS, LITERACY_STAGE_LABELS, SEX_LABELS, STATUS_COLORS, STATUS_LABELS } from './labels';
import { ResidentDrawer } from './ResidentDrawer';
import { AccessLoggedNote, referenceDate, UnitPicker, usePcgdParams, YearSelect } from './shared';

export function RegisterPage() {
  const { unit, year, params, set, resolving } = usePcgdParams();
  const q = params.get('q') ?? '';
  const [text, setText] = useState(q);
  // The register is a commune's: a district or province carried over from another tab is not offered here.
  const unitInfo = useLineage(unit, referenceDate(year));
  const commune = unitInfo.data?.unit.kind === 'commune' ? unit : undefined;
  const register = usePcgdResidents(commune, year, q);
  // Drawer: 'new', a resident id, or closed. The resident is looked up in the current list (fresh version after a reload).
  const [editing, setEditing] = useState<string | null>(null);
  const data = register.data;
  const hamlets = useMemo(() => [...new Set((data?.residents ?? []).map((r) => r.hamlet ?? ''))].sort((a, b) => a.localeCompare(b, 'vi')), [data]);
  const noRegister = register.error instanceof ApiError && register.error.status === 403;
  const current = editing && editing !== 'new' ? data?.residents.find((r) => r.id === editing) ?? null : null;

  const columns: TableColumnsType<PcgdResident> = [
    { title: 'Hộ', dataIndex: 'householdCode', key: 'household', width: 80, sorter: (a, b) => a.householdCode.localeCompare(b.householdCode, 'vi', { numeric: true }) },
    {
      title: 'Thôn/ấp/khu phố', key: 'hamlet', width: 130, render: (_, r) => r.hamlet ?? '—',
      filters: hamlets.map((h) => ({ text: h || '(không ghi)', value: h })), onFilter: (v, r) => (r.hamlet ?? '') === v,
    },
    {
      title: 'Họ và tên', key: 'name',
      render: (_, r) => (
        <>
          <Typography.Link onClick={() => setEditing(r.id)}>{r.fullName}</Typography.Link>
          <div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{r.personKey} · {SEX_LABELS[r.sex]}</Typography.Text></div>
        </>
      ),
      sorter: (a, b) => a.fullName.localeCompare(b.fullName, 'vi'),
    },
    { title: 'Năm sinh', dataIndex: 'birthYear', key: 'birthYear', width: 90, align: 'right', sorter: (a, b) => a.birthYear - b.birthYear },
    { title: 'Tuổi', key: 'age', width: 70, align: 'right', render: (_, r) => ageIn(year, r.birthYear) },
    {
      title: 'Tình trạng', key: 'status', width: 140,
      render: (_, r) => (
        <Flex vertical gap={2} align="flex-start">
          <Tag color={STATUS_COLORS[r.status]} style={{ marginInlineEnd: 0 }}>{STATUS_LABELS[r.status]}</Tag>
          {r.disability !== 'none' && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{DISABILITY_LABELS[r.disability]}</Typography.Text>}
        </Flex>
      ),
      filters: Object.entries(STATUS_LABELS).map(([value, text]) => ({ text, value })), onFilter: (v, r) => r.status === v,
    },
    { title: 'Lớp đã xong', dataIndex: 'highestGrade', key: 'grade', width: 90, align: 'right', sorter: (a, b) => a.highestGrade - b.highestGrade },
    {
      title: 'XMC đã học xong', key: 'literacy', width: 120, render: (_, r) => LITERACY_STAGE_LABELS[r.literacyStage] ?? r.literacyStage,
      filters: [0, 1, 2].map((v) => ({ text: LITERACY_STAGE_LABELS[v], value: v })), onFilter: (v, r) => r.literacyStage === v,
    },
    {
      title: 'Đang học', key: 'enrolled', width: 160,
      render: (_, r) => (
        <>
          {ENROLLED_LABELS[r.enrolled]}
          {!r.enrolmentConfirmed && (
            <Tooltip title="Chuyển tự động từ sổ năm trước, chưa xác nhận">
              {' '}<ExclamationCircleOutlined style={{ color: '#fa8c16' }} aria-label="chưa xác nhận" />
            </Tooltip>
          )}
        </>
      ),
      filters: Object.entries(ENROLLED_LABELS).map(([value, text]) => ({ text, value })), onFilter: (v, r) => r.enrolled === v,
    },
    { title: '', key: 'edit', width: 48, fixed: 'right', render: (_, r) => <Button size="small" type="text" icon={<EditOutlined />} aria-label="Sửa" onClick={() => setEditing(r.id)} /> },
  ];

  return (
    <>
      <Card size="small" style={{ marginBottom: 16 }}>
        <Flex wrap gap={16} align="center">
          <UnitPicker value={commune} year={year} kinds={['commune']} onChange={(code) => set({ unit: code, q: undefined })} />
          <YearSelect value={year} onChange={(y) => set({ year: y })} />
          <Input.Search
            allowClear
            placeholder="Tìm theo họ tên hoặc mã người"
            style={{ width: 300 }}
            value={text}
            onChange={(e) => { setText(e.target.value); if (!e.target.value) set({ q: undefined }); }}
            onSearch={(v) => set({ q: v.trim() || undefined })}
            data-testid="pcgd-register-search"
          />
          <Button
            type="primary"
            icon={<PlusOutlined />}
            style={{ marginLeft: 'auto' }}
            disabled={!data}
            onClick={() => setEditing('new')}
            data-testid="pcgd-resident-add"
          >
            Thêm người
          </Button>
        </Flex>
      </Card>
      {!commune && (resolving || (unit && unitInfo.isPending) ? <Loading /> : <EmptyState>Hãy chọn một xã/phường (sổ theo dõi được lập theo từng xã).</EmptyState>)}
      {noRegister && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={errorMessage(register.error)}
          description={<>Có thể xã/phường này chưa có sổ theo dõi năm {year}, hoặc không thuộc phạm vi của bạn. Sổ được lập bằng cách <Link to={`/pcgd/nhap?year=${year}`}>nhập tệp</Link>.</>}
        />
      )}
      {register.isError && !noRegister && <ErrorAlert error={register.error} onRetry={() => register.refetch()} />}
      {data && (
        <Flex align="baseline" gap={12} wrap style={{ marginBottom: 12 }}>
          <Typography.Title level={4} style={{ margin: 0 }}>Sổ theo dõi PCGD–XMC — {data.survey.communeName}</Typography.Title>
          <Typography.Text>Năm {data.survey.year} · số liệu tại ngày {formatDate(data.survey.referenceDate)}</Typography.Text>
          {data.survey.especiallyDifficult && <Tag color="volcano">Xã đặc biệt khó khăn</Tag>}
          <Tag color="blue" data-testid="pcgd-register-count">{formatNumber(data.residents.length)} người{q ? ' khớp tìm kiếm' : ''}</Tag>
          <span style={{ marginLeft: 'auto' }}><AccessLoggedNote /></span>
        </Flex>
      )}
      {data && (
        <Table<PcgdResident>
          size="small"
          rowKey="id"
          columns={columns}
          dataSource={data.residents}
          loading={register.isFetching}
          pagination={{ pageSize: 50, showSizeChanger: true, pageSizeOptions: [20, 50, 100, 200], showTotal: (n) => `${formatNumber(n)} người` }}
          onRow={() => ({ 'data-testid': 'pcgd-resident-row' }) as HTMLAttributes<HTMLElement>}
          locale={{ emptyText: <EmptyState>{q ? 'Không có ai khớp tìm kiếm.' : 'Sổ chưa có người nào.'}</EmptyState> }}
          scroll={{ x: 1100 }}
        />
      )}
      {data && editing && (editing === 'new' || current) && (
        <ResidentDrawer survey={data.survey} resident={current} onClose={() => setEditing(null)} />
      )}
    </>
  );
}
