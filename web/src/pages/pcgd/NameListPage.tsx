import { PrinterOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Select, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useMemo, type HTMLAttributes } from 'react';
import { ApiError } from '../../api/client';
import { useLineage, usePcgdNameList } from '../../api/queries';
import { PCGD_NAME_LISTS, type PcgdNameListKind, type PcgdNameListRow } from '../../api/types';
import { useMe } from '../../auth/session';
import { ExportButton } from '../../components/ExportButton';
import { EmptyState, ErrorAlert, Loading } from '../../components/feedback';
import { formatDate, formatNumber, todayIso } from '../../format';
import { ENROLLED_LABELS, LITERACY_STAGE_LABELS, NAME_LIST_LABELS, SEX_LABELS } from './labels';
import { AccessLoggedNote, canExportNames, referenceDate, UnitPicker, usePcgdParams, YearSelect } from './shared';
import './print.css';

interface Group { key: string; commune: string; hamlet: string; rows: (PcgdNameListRow & { n: number })[] }

/** People in order of commune, hamlet, household, as the server sends them; one group per commune and hamlet. */
function groupRows(rows: PcgdNameListRow[]): Group[] {
  const groups = new Map<string, Group>();
  for (const r of rows) {
    const key = `${r.commune}\u0000${r.hamlet ?? ''}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { key, commune: r.commune, hamlet: r.hamlet ?? '', rows: [] }));
    g.rows.push({ ...r, n: g.rows.length + 1 });
  }
  return [...groups.values()];
}

export function NameListPage() {
  const me = useMe().data;
  const { unit, year, params, set, resolving } = usePcgdParams();
  const listParam = params.get('list') as PcgdNameListKind | null;
  const list: PcgdNameListKind = listParam && (PCGD_NAME_LISTS as readonly string[]).includes(listParam) ? listParam : 'not-literate-2';
  const names = usePcgdNameList(list, unit, year);
  const groups = useMemo(() => groupRows(names.data?.rows ?? []), [names.data]);
  const manyCommunes = new Set(groups.map((g) => g.commune)).size > 1;
  const unitName = useLineage(unit, referenceDate(year)).data?.unit.name;

  const columns: TableColumnsType<PcgdNameListRow & { n: number }> = [
    { title: 'STT', dataIndex: 'n', key: 'n', width: 56, align: 'right' },
    { title: 'Hộ', dataIndex: 'household', key: 'household', width: 90 },
    { title: 'Họ và tên', dataIndex: 'fullName', key: 'fullName', render: (v: string, r) => <><strong>{v}</strong> <Typography.Text type="secondary" style={{ fontSize: 12 }}>({r.personKey})</Typography.Text></> },
    { title: 'Giới tính', key: 'sex', width: 80, render: (_, r) => SEX_LABELS[r.sex] ?? r.sex },
    { title: 'Năm sinh', dataIndex: 'birthYear', key: 'birthYear', width: 85, align: 'right' },
    { title: 'Tuổi', dataIndex: 'age', key: 'age', width: 60, align: 'right' },
    { title: 'Lớp đã xong', dataIndex: 'highestGrade', key: 'grade', width: 90, align: 'right' },
    { title: 'XMC đã học xong', key: 'literacy', width: 120, render: (_, r) => LITERACY_STAGE_LABELS[r.literacyStage] ?? r.literacyStage },
    { title: 'Đang học', key: 'enrolled', width: 150, render: (_, r) => ENROLLED_LABELS[r.enrolled] ?? r.enrolled },
    { title: 'Ghi chú', key: 'note', width: 140, render: () => '' },
  ];

  return (
    <>
      <Card size="small" style={{ marginBottom: 16 }} className="no-print">
        <Flex wrap gap={16} align="center">
          <Flex align="center" gap={6}>
            <Typography.Text>Danh sách</Typography.Text>
            <Select
              style={{ width: 430 }}
              value={list}
              onChange={(v: PcgdNameListKind) => set({ list: v })}
              options={PCGD_NAME_LISTS.map((l) => ({ value: l, label: NAME_LIST_LABELS[l] }))}
              data-testid="name-list-kind"
            />
          </Flex>
          <UnitPicker value={unit} year={year} onChange={(code) => set({ unit: code })} width={300} />
          <YearSelect value={year} onChange={(y) => set({ year: y })} />
        </Flex>
      </Card>

      {!unit && (resolving ? <Loading /> : <EmptyState>Hãy chọn một đơn vị.</EmptyState>)}
      {names.isPending && unit && <Loading />}
      {names.isError && (
        <>
          <ErrorAlert error={names.error} onRetry={() => names.refetch()} />
          {names.error instanceof ApiError && names.error.status === 403 && (
            <Typography.Paragraph type="secondary">
              Danh sách có thông tin cá nhân nên chỉ xem được cho các xã/phường trong phạm vi phụ trách của bạn, và đơn vị phải có sổ theo dõi năm {year}.
            </Typography.Paragraph>
          )}
        </>
      )}
      {names.data && (
        <>
          <Flex align="center" gap={12} wrap style={{ marginBottom: 12 }} className="no-print">
            <Typography.Title level={4} style={{ margin: 0 }}>{names.data.title}</Typography.Title>
            <Tag color="blue" data-testid="name-list-count">{formatNumber(names.data.rows.length)} người</Tag>
            <AccessLoggedNote />
            <Flex gap={8} style={{ marginLeft: 'auto' }}>
              <Button icon={<PrinterOutlined />} onClick={() => window.print()} disabled={names.data.rows.length === 0} data-testid="name-list-print">In</Button>
              {me && canExportNames(me.role) && (
                <ExportButton path={`/api/v1/pcgd/name-lists/${list}`} query={{ unit, year }} disabled={names.data.rows.length === 0} />
              )}
            </Flex>
          </Flex>
          <div className="print-only" style={{ marginBottom: 12 }}>
            <Typography.Title level={4} style={{ margin: 0, textAlign: 'center' }}>{names.data.title.toUpperCase()}</Typography.Title>
            <div style={{ textAlign: 'center' }}>
              {unitName ? `${unitName} — ` : ''}Năm điều tra {names.data.year} · Tổng số: {formatNumber(names.data.rows.length)} người · In ngày {formatDate(todayIso())}
            </div>
          </div>
          <Typography.Paragraph type="secondary" className="no-print" style={{ fontSize: 12 }}>
            Tuổi = năm điều tra − năm sinh. Chỉ gồm người đang cư trú, không tính người khuyết tật không có khả năng học tập.
          </Typography.Paragraph>
          {groups.length === 0 && (
            <Alert type="success" showIcon title="Không có ai trong danh sách này — đơn vị không còn người cần vận động theo tiêu chí đã chọn." />
          )}
          {groups.map((g) => (
            <div key={g.key} className="name-list-group" data-testid="name-list-group">
              <Card
                size="small"
                style={{ marginBottom: 16 }}
                title={
                  <Typography.Title level={5} style={{ margin: 0 }}>
                    {manyCommunes ? `${g.commune} · ` : ''}{g.hamlet ? g.hamlet : 'Không ghi thôn/ấp'}
                    <Typography.Text type="secondary" style={{ fontWeight: 'normal', fontSize: 13 }}> — {formatNumber(g.rows.length)} người</Typography.Text>
                  </Typography.Title>
                }
              >
                <Table<PcgdNameListRow & { n: number }>
                  size="small"
                  rowKey="personKey"
                  columns={columns}
                  dataSource={g.rows}
                  pagination={false}
                  onRow={() => ({ 'data-testid': 'name-list-row' }) as HTMLAttributes<HTMLElement>}
                />
              </Card>
            </div>
          ))}
          {groups.length > 0 && (
            <div className="print-only" style={{ marginTop: 24 }}>
              <Flex justify="space-between">
                <div style={{ textAlign: 'center', width: 260 }}><strong>Người lập danh sách</strong><br />(Ký, ghi rõ họ tên)</div>
                <div style={{ textAlign: 'center', width: 260 }}><strong>Xác nhận của UBND xã/phường</strong><br />(Ký tên, đóng dấu)</div>
              </Flex>
            </div>
          )}
        </>
      )}
    </>
  );
}
