import { CheckCircleOutlined, DownloadOutlined, FileExcelOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Flex, Progress, Result, Select, Steps, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useRef, useState, type HTMLAttributes } from 'react';
import { Link } from 'react-router-dom';
import { api, ApiError, withQuery } from '../../api/client';
import type { PcgdDryRun, PcgdImported, PcgdImportError } from '../../api/types';
import { CheckThenWrite } from '../../components/CheckThenWrite';
import { EmptyState, ErrorAlert } from '../../components/feedback';
import { formatBytes, formatNumber } from '../../format';
import { yearOptions } from './labels';
import { usePcgdParams } from './shared';

type FileKind = 'communes' | 'residents';
const FILE_LABELS: Record<FileKind, string> = { communes: 'Danh sách xã (communes)', residents: 'Danh sách nhân khẩu (residents)' };
const ACCEPT = '.csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The request: the two files as multipart fields `communes` and `residents`. */
function formOf(files: Record<FileKind, File>) {
  const data = new FormData();
  data.append('communes', files.communes, files.communes.name);
  data.append('residents', files.residents, files.residents.name);
  return data;
}

/** A rejected import: the server lists every fault at once (problem+json, code import.invalid). */
function importErrors(err: unknown): PcgdImportError[] | null {
  if (!(err instanceof ApiError) || err.code !== 'import.invalid') return null;
  return err.errors as unknown as PcgdImportError[];
}

export function ImportPage() {
  const { year: paramYear, set } = usePcgdParams();
  const qc = useQueryClient();
  const [year, setYear] = useState(paramYear);
  const [files, setFiles] = useState<Partial<Record<FileKind, File>>>({});
  // The dry run is valid only for the exact files and year it checked.
  const [checked, setChecked] = useState<{ summary: PcgdDryRun; key: string } | null>(null);
  const keyOf = (f: Partial<Record<FileKind, File>>, y: number) =>
    `${y}|${f.communes?.name}|${f.communes?.size}|${f.communes?.lastModified}|${f.residents?.name}|${f.residents?.size}|${f.residents?.lastModified}`;

  const dryRun = useMutation({
    mutationFn: (v: { files: Record<FileKind, File>; year: number }) =>
      api<PcgdDryRun>(withQuery('/api/v1/pcgd/imports', { year: v.year, dryRun: 'true' }), { method: 'POST', body: formOf(v.files) }),
    onSuccess: (summary, v) => setChecked({ summary, key: keyOf(v.files, v.year) }),
    onError: () => setChecked(null),
  });
  const doImport = useMutation({
    mutationFn: (v: { files: Record<FileKind, File>; year: number }) =>
      api<PcgdImported>(withQuery('/api/v1/pcgd/imports', { year: v.year, dryRun: 'false' }), { method: 'POST', body: formOf(v.files) }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['pcgd'] }),
  });

  const ready = !!files.communes && !!files.residents;
  const checkedOk = !!checked && checked.key === keyOf(files, year);
  const reset = () => { setChecked(null); dryRun.reset(); doImport.reset(); };
  const pick = (kind: FileKind, file: File | undefined) => { setFiles((f) => ({ ...f, [kind]: file })); reset(); };

  const errors = importErrors(dryRun.error) ?? importErrors(doImport.error);
  const otherError = (dryRun.isError && !importErrors(dryRun.error) ? dryRun.error : null)
    ?? (doImport.isError && !importErrors(doImport.error) ? doImport.error : null);
  const step = doImport.isSuccess ? 3 : checkedOk ? 2 : ready ? 1 : 0;

  if (doImport.isSuccess) {
    const r = doImport.data;
    return (
      <Card>
        <Result
          status="success"
          title={`Đã nhập sổ theo dõi PCGD–XMC năm ${r.year}`}
          subTitle="Kết quả phổ cập – xóa mù chữ của các xã, huyện và tỉnh liên quan đã được tính lại."
          extra={[
            <Link key="results" to={`/pcgd?year=${r.year}`}><Button type="primary" data-testid="pcgd-import-results">Xem kết quả phổ cập</Button></Link>,
            <Link key="register" to={`/pcgd/so?year=${r.year}`}><Button>Xem sổ theo dõi</Button></Link>,
            <Button key="again" onClick={() => { setFiles({}); reset(); }}>Nhập tệp khác</Button>,
          ]}
        >
          <Descriptions bordered size="small" column={{ xs: 1, md: 2 }} data-testid="pcgd-import-summary" items={[
            { key: 's', label: 'Số sổ (xã) đã lập', children: formatNumber(r.surveys) },
            { key: 'h', label: 'Số hộ', children: formatNumber(r.households) },
            { key: 'r', label: 'Số nhân khẩu', children: formatNumber(r.residents) },
            { key: 'c', label: 'Số người được tính (đang cư trú, có khả năng học)', children: formatNumber(r.counted) },
          ]} />
        </Result>
      </Card>
    );
  }

  return (
    <>
      <Steps
        size="small"
        current={step}
        status={errors || otherError !== null ? 'error' : undefined}
        style={{ marginBottom: 16, maxWidth: 900 }}
        items={[{ title: 'Chọn năm và hai tệp' }, { title: 'Kiểm tra' }, { title: 'Nhập dữ liệu' }]}
      />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Flex vertical gap={16}>
          <Flex wrap gap={16} align="center">
            <Flex align="center" gap={6}>
              <Typography.Text>Năm điều tra</Typography.Text>
              <Select
                style={{ width: 100 }}
                value={year}
                onChange={(y: number) => { setYear(y); set({ year: y }); reset(); }}
                options={yearOptions(year)}
                disabled={doImport.isPending}
                data-testid="pcgd-import-year"
              />
            </Flex>
            <Typography.Text type="secondary">Số liệu chốt tại ngày 30/09/{year}</Typography.Text>
            <Button type="link" icon={<DownloadOutlined />} href="/api/v1/pcgd/template.xlsx" download style={{ marginLeft: 'auto' }}>
              Tải mẫu tệp
            </Button>
          </Flex>
          <Flex wrap gap={16}>
            {(['communes', 'residents'] as const).map((kind) => (
              <FilePick key={kind} kind={kind} file={files[kind]} onPick={(f) => pick(kind, f)} disabled={doImport.isPending} />
            ))}
          </Flex>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            Tệp CSV (UTF-8, dòng đầu là tiêu đề cột) hoặc Excel theo mẫu. Tệp có lỗi sẽ không được nhập dòng nào; hệ thống liệt kê mọi lỗi để sửa một lần.
            Nhập lại cùng năm sẽ thay sổ cũ của các xã có trong tệp.
          </Typography.Text>
          <CheckThenWrite
            canCheck={ready} checking={dryRun.isPending} checked={checkedOk} onCheck={() => ready && dryRun.mutate({ files: files as Record<FileKind, File>, year })}
            writeLabel="Nhập dữ liệu" writing={doImport.isPending} onWrite={() => checkedOk && doImport.mutate({ files: files as Record<FileKind, File>, year })}
            hint={!checkedOk && ready && !errors ? 'Hãy kiểm tra tệp trước khi nhập.' : null}
            testIds={{ check: 'pcgd-dry-run', write: 'pcgd-import' }}
          />
        </Flex>
      </Card>

      {doImport.isPending && (
        <Card size="small" style={{ marginBottom: 16 }} data-testid="pcgd-import-progress">
          <Typography.Text>Đang tải tệp lên và nhập dữ liệu, tính lại kết quả phổ cập… Xin đừng đóng trang này.</Typography.Text>
          <Progress percent={100} status="active" showInfo={false} />
        </Card>
      )}
      {otherError !== null && <ErrorAlert error={otherError} />}
      {checkedOk && !doImport.isPending && (
        <Alert
          type="success"
          showIcon
          icon={<CheckCircleOutlined />}
          style={{ marginBottom: 16 }}
          data-testid="pcgd-dry-run-ok"
          title={`Tệp hợp lệ — sẵn sàng nhập sổ năm ${checked.summary.year}`}
          description={
            <Descriptions size="small" column={{ xs: 1, md: 4 }} items={[
              { key: 'c', label: 'Số xã', children: formatNumber(checked.summary.communes) },
              { key: 'h', label: 'Số hộ', children: formatNumber(checked.summary.households) },
              { key: 'r', label: 'Số nhân khẩu', children: formatNumber(checked.summary.residents) },
              { key: 'n', label: 'Được tính vào tỷ lệ', children: formatNumber(checked.summary.counted) },
            ]} />
          }
        />
      )}
      {errors && <ErrorList title={(dryRun.error ?? doImport.error) as ApiError} errors={errors} year={year} />}
    </>
  );
}

function FilePick({ kind, file, onPick, disabled }: { kind: FileKind; file: File | undefined; onPick: (f: File | undefined) => void; disabled: boolean }) {
  const input = useRef<HTMLInputElement>(null);
  return (
    <Card size="small" style={{ flex: '1 1 360px' }} styles={{ body: { display: 'flex', gap: 12, alignItems: 'center' } }}>
      <FileExcelOutlined style={{ fontSize: 28, color: file ? '#217346' : '#bfbfbf' }} />
      <Flex vertical style={{ minWidth: 0, flex: 1 }}>
        <Typography.Text strong>{FILE_LABELS[kind]}</Typography.Text>
        {file
          ? <Typography.Text ellipsis>{file.name} <Typography.Text type="secondary">({formatBytes(file.size)})</Typography.Text></Typography.Text>
          : <Typography.Text type="secondary">Chưa chọn tệp</Typography.Text>}
      </Flex>
      <input
        ref={input}
        type="file"
        accept={ACCEPT}
        style={{ display: 'none' }}
        data-testid={`pcgd-import-${kind}`}
        onChange={(e) => { onPick(e.target.files?.[0]); e.target.value = ''; }}
      />
      <Button onClick={() => input.current?.click()} disabled={disabled}>{file ? 'Đổi tệp' : 'Chọn tệp'}</Button>
    </Card>
  );
}

const csvCell = (v: unknown) => {
  const s = v === null || v === undefined ? '' : String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** The server has no export of a rejected file's faults: the list is written here as CSV (UTF-8 with BOM, opens in Excel). */
function downloadErrors(errors: PcgdImportError[], year: number) {
  const head = ['Tệp', 'Dòng', 'Cột', 'Giá trị', 'Mã lỗi', 'Lỗi'];
  const lines = [head, ...errors.map((e) => [e.file, e.row ?? '', e.column ?? '', e.value ?? '', e.code, e.message])].map((r) => r.map(csvCell).join(','));
  const blob = new Blob(['\uFEFF', lines.join('\r\n')], { type: 'text/csv;charset=utf-8' });
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = `loi-nhap-so-pcgd-${year}.csv`;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}

function ErrorList({ title, errors, year }: { title: ApiError; errors: PcgdImportError[]; year: number }) {
  const columns: TableColumnsType<PcgdImportError> = [
    {
      title: 'Tệp', key: 'file', width: 200, render: (_, e) => <Tag color={e.file === 'communes' ? 'purple' : 'blue'}>{FILE_LABELS[e.file] ?? e.file}</Tag>,
      filters: (['communes', 'residents'] as const).map((f) => ({ text: FILE_LABELS[f], value: f })),
      onFilter: (v, e) => e.file === v,
    },
    { title: 'Dòng', key: 'row', width: 80, align: 'right', render: (_, e) => (e.row === null ? '—' : formatNumber(e.row)), sorter: (a, b) => (a.row ?? 0) - (b.row ?? 0) },
    { title: 'Cột', key: 'column', width: 180, render: (_, e) => (e.column ? <Typography.Text code>{e.column}</Typography.Text> : '—') },
    { title: 'Giá trị', key: 'value', width: 180, render: (_, e) => (e.value === null || e.value === '' ? <Typography.Text type="secondary">(trống)</Typography.Text> : e.value) },
    { title: 'Lỗi', dataIndex: 'message', key: 'message' },
  ];
  return (
    <Card
      size="small"
      data-testid="pcgd-import-errors"
      title={<Typography.Text type="danger">{title.title}</Typography.Text>}
      extra={<Button icon={<DownloadOutlined />} onClick={() => downloadErrors(errors, year)}>Tải danh sách lỗi (CSV)</Button>}
    >
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        Chưa có dữ liệu nào được ghi. Hãy sửa các lỗi dưới đây trong tệp rồi chọn lại tệp và bấm “Kiểm tra”. Dòng 1 là dòng tiêu đề.
      </Typography.Paragraph>
      <Table<PcgdImportError & { i: number }>
        size="small"
        rowKey="i"
        columns={columns as TableColumnsType<PcgdImportError & { i: number }>}
        dataSource={errors.map((e, i) => ({ ...e, i }))}
        pagination={{ pageSize: 20, showSizeChanger: true, pageSizeOptions: [20, 50, 100], showTotal: (n) => `${formatNumber(n)} lỗi` }}
        onRow={() => ({ 'data-testid': 'pcgd-import-error' }) as HTMLAttributes<HTMLElement>}
        locale={{ emptyText: <EmptyState>Không có lỗi chi tiết.</EmptyState> }}
        scroll={{ x: 900 }}
      />
    </Card>
  );
}
