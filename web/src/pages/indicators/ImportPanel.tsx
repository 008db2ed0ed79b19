import { CheckCircleOutlined, DownloadOutlined, FileExcelOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Flex, Progress, Result, Steps, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useRef, useState, type HTMLAttributes } from 'react';
import { Link } from 'react-router-dom';
import { withQuery } from '../../api/client';
import { CheckThenWrite } from '../../components/CheckThenWrite';
import { EmptyState, ErrorAlert } from '../../components/feedback';
import { formatBytes, formatNumber } from '../../format';
import { postFile, ProblemError, type DataSet, type ImportSummary, type Issue } from './api';
import { periodLabel, type Period } from './periods';
import { UnitFilterSelect } from './shared';

const ACCEPT = '.xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

interface ImportError { field: string; message: string; code?: string }

/** "Số liệu!E7" → sheet and cell. */
function cellOf(field: string): { sheet: string | null; cell: string } {
  const i = field.lastIndexOf('!');
  return i < 0 ? { sheet: null, cell: field } : { sheet: field.slice(0, i), cell: field.slice(i + 1) };
}

/**
 * "Nhập từ Excel": download the template of the data set and period (units in scope, values already entered), fill
 * it in, check it (a dry run lists every problem by cell, nothing written), then write it.
 */
export function ImportPanel({ dataSet, period }: { dataSet: DataSet; period: Period }) {
  const qc = useQueryClient();
  const input = useRef<HTMLInputElement>(null);
  const [under, setUnder] = useState<string>();
  const [file, setFile] = useState<File>();
  const [progress, setProgress] = useState<number | null>(0);
  const [checked, setChecked] = useState<{ key: string; summary: ImportSummary } | null>(null);
  const keyOf = (f: File | undefined) => `${dataSet.code}|${period.id}|${f?.name}|${f?.size}|${f?.lastModified}`;
  const url = (dryRun: boolean) => withQuery(`/api/v1/data-sets/${encodeURIComponent(dataSet.code)}/imports`, { period: period.id, dryRun: String(dryRun) });
  const send = (f: File, dryRun: boolean) => {
    const data = new FormData();
    data.append('file', f, f.name);
    setProgress(0);
    return postFile<ImportSummary>(url(dryRun), data, setProgress);
  };

  const dryRun = useMutation({
    mutationFn: (f: File) => send(f, true),
    onSuccess: (summary, f) => setChecked({ key: keyOf(f), summary }),
    onError: () => setChecked(null),
  });
  const write = useMutation({
    mutationFn: (f: File) => send(f, false),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['indicators'] }),
  });

  const reset = () => { setChecked(null); dryRun.reset(); write.reset(); };
  const checkedOk = !!checked && checked.key === keyOf(file);
  const failure = (write.error ?? dryRun.error) as Error | null;
  const listed = failure instanceof ProblemError && failure.errors.length > 0 ? failure : null;
  const busy = dryRun.isPending || write.isPending;
  const step = write.isSuccess ? 3 : checkedOk ? 2 : file ? 1 : 0;

  if (write.isSuccess) {
    const r = write.data;
    return (
      <Card>
        <Result
          status="success"
          title={`Đã ghi ${formatNumber(r.written)} giá trị của ${formatNumber(r.units)} đơn vị`}
          subTitle={`${dataSet.name} — ${periodLabel(period)}. Các báo cáo đang ở trạng thái “Đang nhập”: mỗi đơn vị cần gửi báo cáo để cấp trên duyệt.`}
          extra={[
            <Link key="form" to={`/chi-so/nhap?ds=${dataSet.code}&period=${period.id}`}><Button type="primary">Xem và gửi báo cáo</Button></Link>,
            <Link key="board" to={`/chi-so/duyet?ds=${dataSet.code}&period=${period.id}`}><Button>Tiến độ báo cáo</Button></Link>,
            <Button key="again" onClick={() => { setFile(undefined); reset(); }}>Nhập tệp khác</Button>,
          ]}
          data-testid="import-done"
        />
        <Warnings warnings={r.warnings} />
      </Card>
    );
  }

  return (
    <>
      <Steps
        size="small"
        current={step}
        status={failure ? 'error' : undefined}
        style={{ marginBottom: 16, maxWidth: 900 }}
        items={[{ title: 'Tải mẫu, điền số liệu' }, { title: 'Chọn tệp và kiểm tra' }, { title: 'Ghi số liệu' }]}
      />
      <Card size="small" style={{ marginBottom: 16 }} title="1. Tải mẫu Excel của kỳ này">
        <Flex wrap gap={16} align="center">
          <UnitFilterSelect at={period.end} value={under} onChange={setUnder} label="Chỉ các đơn vị thuộc" />
          <Button
            icon={<DownloadOutlined />}
            href={withQuery(`/api/v1/data-sets/${encodeURIComponent(dataSet.code)}/template.xlsx`, { period: period.id, under })}
            download
            data-testid="import-template"
          >
            Tải mẫu Excel — {periodLabel(period)}
          </Button>
        </Flex>
        <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0', fontSize: 12 }}>
          Mẫu có sẵn danh sách đơn vị trong phạm vi của bạn (theo địa giới cuối kỳ) và số liệu đã nhập. Mỗi cột là một chỉ tiêu hoặc một phân tổ
          (ví dụ Nam, Nữ); để trống ô nếu chưa có số liệu. Không sửa dòng mã (#ma), không gộp ô, không đổi trang thông tin của mẫu.
        </Typography.Paragraph>
      </Card>
      <Card size="small" style={{ marginBottom: 16 }} title="2. Chọn tệp đã điền, kiểm tra rồi ghi">
        <Flex vertical gap={12}>
          <Flex gap={12} align="center" wrap>
            <FileExcelOutlined style={{ fontSize: 28, color: file ? '#217346' : '#bfbfbf' }} />
            <Flex vertical style={{ minWidth: 200, flex: 1 }}>
              {file
                ? <Typography.Text ellipsis>{file.name} <Typography.Text type="secondary">({formatBytes(file.size)})</Typography.Text></Typography.Text>
                : <Typography.Text type="secondary">Chưa chọn tệp (.xlsx, tối đa 5 MB)</Typography.Text>}
            </Flex>
            <input
              ref={input}
              type="file"
              accept={ACCEPT}
              style={{ display: 'none' }}
              data-testid="import-file"
              onChange={(e) => { setFile(e.target.files?.[0]); reset(); e.target.value = ''; }}
            />
            <Button onClick={() => input.current?.click()} disabled={busy}>{file ? 'Đổi tệp' : 'Chọn tệp'}</Button>
          </Flex>
          <CheckThenWrite
            canCheck={!!file} checking={dryRun.isPending} checked={checkedOk} onCheck={() => file && dryRun.mutate(file)}
            writeLabel="Ghi số liệu" writing={write.isPending} onWrite={() => file && write.mutate(file)}
            hint={file && !checkedOk && !failure && !busy ? 'Hãy kiểm tra tệp trước khi ghi; kiểm tra không ghi gì.' : null}
            testIds={{ check: 'import-check', write: 'import-write' }}
          />
        </Flex>
      </Card>

      {busy && (
        <Card size="small" style={{ marginBottom: 16 }} data-testid="import-progress">
          <Typography.Text>
            {progress !== null ? `Đang tải tệp lên… ${formatNumber(progress)}%` : dryRun.isPending ? 'Đang kiểm tra từng ô của tệp…' : 'Đang ghi số liệu…'}
            {' '}Xin đừng đóng trang này.
          </Typography.Text>
          <Progress percent={progress ?? 100} status="active" showInfo={progress !== null} />
        </Card>
      )}
      {failure && !listed && <ErrorAlert error={failure} />}
      {checkedOk && !busy && (
        <Alert
          type="success"
          showIcon
          icon={<CheckCircleOutlined />}
          style={{ marginBottom: 16 }}
          data-testid="import-ok"
          title={`Tệp hợp lệ — sẵn sàng ghi số liệu ${periodLabel(period).toLowerCase()}`}
          description={
            <>
              <Descriptions size="small" column={{ xs: 1, md: 3 }} items={[
                { key: 'v', label: 'Số giá trị', children: formatNumber(checked.summary.values) },
                { key: 'u', label: 'Số đơn vị', children: formatNumber(checked.summary.units) },
                { key: 'w', label: 'Cảnh báo', children: formatNumber(checked.summary.warnings.length) },
              ]} />
              <Warnings warnings={checked.summary.warnings} />
            </>
          }
        />
      )}
      {listed && <ErrorList problem={listed} />}
    </>
  );
}

function Warnings({ warnings }: { warnings: Issue[] }) {
  if (!warnings.length) return null;
  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginTop: 8 }}
      title={`${formatNumber(warnings.length)} số liệu thay đổi lớn so với kỳ trước (chỉ cảnh báo, vẫn được ghi)`}
      description={<ul style={{ margin: 0, paddingInlineStart: 18, maxHeight: 200, overflow: 'auto' }}>{warnings.map((w, i) => <li key={i}>{w.message}</li>)}</ul>}
    />
  );
}

function ErrorList({ problem }: { problem: ProblemError }) {
  const rows = (problem.errors as ImportError[]).map((e, i) => ({ ...e, i, ...cellOf(e.field) }));
  const columns: TableColumnsType<(typeof rows)[number]> = [
    { title: 'Ô', key: 'cell', width: 120, render: (_, e) => (e.cell === 'file' ? <Tag>Cả tệp</Tag> : <Typography.Text code>{e.cell}</Typography.Text>) },
    { title: 'Trang', key: 'sheet', width: 110, render: (_, e) => e.sheet ?? '—' },
    { title: 'Lỗi', dataIndex: 'message', key: 'message' },
    { title: 'Mã lỗi', key: 'code', width: 220, render: (_, e) => (e.code ? <Typography.Text type="secondary" style={{ fontSize: 12 }}>{e.code}</Typography.Text> : null) },
  ];
  return (
    <Card size="small" data-testid="import-errors" title={<Typography.Text type="danger">{problem.title}</Typography.Text>}>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        Chưa có số liệu nào được ghi. Hãy sửa tất cả các ô dưới đây trong tệp, lưu lại rồi chọn lại tệp và bấm “Kiểm tra”.
      </Typography.Paragraph>
      <Table
        size="small"
        rowKey="i"
        columns={columns}
        dataSource={rows}
        pagination={rows.length > 50 ? { pageSize: 50, showSizeChanger: false, showTotal: (n) => `${formatNumber(n)} lỗi` } : false}
        onRow={() => ({ 'data-testid': 'import-error' }) as HTMLAttributes<HTMLElement>}
        locale={{ emptyText: <EmptyState>Không có lỗi chi tiết.</EmptyState> }}
      />
      <Warnings warnings={problem.warnings} />
    </Card>
  );
}
