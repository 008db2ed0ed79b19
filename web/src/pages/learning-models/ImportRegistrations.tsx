import { DownloadOutlined, FileExcelOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Flex, Modal, Result, Select, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useRef, useState } from 'react';
import { withQuery } from '../../api/client';
import { CheckThenWrite } from '../../components/CheckThenWrite';
import { ErrorAlert } from '../../components/feedback';
import { formatNumber } from '../../format';
import { postFile, ProblemError } from '../indicators/api';
import { MODEL_OPTIONS, type ModelType } from './api';

const ACCEPT = '.xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** The model types that have a criteria set to score against (district and province titles have none yet). */
const SCORED: ModelType[] = ['learning_citizen', 'learning_family', 'learning_clan', 'learning_community_hamlet', 'learning_unit', 'learning_community_commune'];

interface Summary { dryRun: boolean; rows: number; created: number; reused: number; passed: number }
interface CellError { field: string; code?: string; message: string }

/**
 * "Nhập từ Excel": the template of a model type and year (one column per indicator of the criteria set), then a
 * check that lists every problem by cell and writes nothing, then the write of every row at once.
 */
export function ImportRegistrations({ onClose }: { onClose: () => void }) {
  const qc = useQueryClient();
  const input = useRef<HTMLInputElement>(null);
  const [modelType, setModelType] = useState<ModelType>('learning_citizen');
  const [year, setYear] = useState(new Date().getFullYear());
  const [file, setFile] = useState<File>();
  const [checkedKey, setCheckedKey] = useState<string | null>(null);
  const keyOf = (f: File | undefined) => `${modelType}|${year}|${f?.name}|${f?.size}|${f?.lastModified}`;
  const send = (f: File, dryRun: boolean) => {
    const data = new FormData();
    data.append('file', f, f.name);
    return postFile<Summary>(withQuery('/api/v1/model-registrations/imports', { modelType, year: String(year), dryRun: String(dryRun) }), data, () => undefined);
  };
  const check = useMutation({ mutationFn: (f: File) => send(f, true), onSuccess: (_, f) => setCheckedKey(keyOf(f)), onError: () => setCheckedKey(null) });
  const write = useMutation({ mutationFn: (f: File) => send(f, false), onSuccess: () => void qc.invalidateQueries({ queryKey: ['model-registrations'] }) });
  const reset = () => { setCheckedKey(null); check.reset(); write.reset(); };
  const checked = checkedKey === keyOf(file) && check.data ? check.data : null;
  const failure = (write.error ?? check.error) as Error | null;
  const listed = failure instanceof ProblemError && failure.errors.length > 0 ? failure : null;
  const years = Array.from({ length: 4 }, (_, i) => new Date().getFullYear() - i);

  return (
    <Modal open title="Nhập hồ sơ đăng ký từ Excel" width={900} onCancel={onClose} footer={<Button onClick={onClose}>Đóng</Button>} destroyOnHidden>
      {write.isSuccess ? (
        <Result status="success" data-testid="model-import-done"
          title={`Đã tạo ${formatNumber(write.data.rows)} hồ sơ đăng ký`}
          subTitle={`${formatNumber(write.data.created)} đối tượng mới, ${formatNumber(write.data.reused)} đối tượng đã có; ${formatNumber(write.data.passed)} hồ sơ tự đánh giá đạt. Hồ sơ ở trạng thái “Đang lập hồ sơ”: hãy kiểm tra minh chứng rồi nộp.`} />
      ) : (
        <Flex vertical gap={16}>
          <Flex gap={8} wrap align="center">
            <Select style={{ width: 260 }} value={modelType} onChange={(v) => { setModelType(v); reset(); }} options={MODEL_OPTIONS.filter((o) => SCORED.includes(o.value))} data-testid="model-import-type" />
            <Select style={{ width: 110 }} value={year} onChange={(v) => { setYear(v); reset(); }} options={years.map((y) => ({ value: y, label: y }))} />
            <Button icon={<DownloadOutlined />} href={withQuery('/api/v1/model-registrations/template.xlsx', { modelType, year: String(year) })} download data-testid="model-import-template">
              Tải mẫu Excel
            </Button>
          </Flex>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            Mỗi dòng một đối tượng: tên, mã đơn vị, năm sinh (công dân), nhóm đối tượng, điểm tự đánh giá từng chỉ số. Đối tượng đã có (cùng tên, năm sinh,
            đơn vị) được dùng lại. Không sửa dòng mã (dòng 2). Hồ sơ được ghi là nhập hộ, ở trạng thái “Đang lập hồ sơ”.
          </Typography.Text>
          <Flex gap={12} align="center" wrap>
            <FileExcelOutlined style={{ fontSize: 28, color: file ? '#217346' : '#bfbfbf' }} />
            <Typography.Text type={file ? undefined : 'secondary'} style={{ flex: 1, minWidth: 200 }}>{file ? file.name : 'Chưa chọn tệp (.xlsx)'}</Typography.Text>
            <input ref={input} type="file" accept={ACCEPT} style={{ display: 'none' }} data-testid="model-import-file"
              onChange={(e) => { setFile(e.target.files?.[0]); reset(); e.target.value = ''; }} />
            <Button onClick={() => input.current?.click()}>{file ? 'Đổi tệp' : 'Chọn tệp'}</Button>
          </Flex>
          <CheckThenWrite
            canCheck={!!file} checking={check.isPending} checked={!!checked} onCheck={() => file && check.mutate(file)}
            writeLabel="Ghi các hồ sơ" writing={write.isPending} onWrite={() => file && write.mutate(file)}
            hint={file && !checked && !failure ? 'Hãy kiểm tra tệp trước khi ghi; kiểm tra không ghi gì.' : null}
            testIds={{ check: 'model-import-check', write: 'model-import-write' }}
          />
          {failure && !listed && <ErrorAlert error={failure} />}
          {checked && (
            <Alert type="success" showIcon data-testid="model-import-ok"
              title={`Tệp hợp lệ: ${formatNumber(checked.rows)} hồ sơ (${formatNumber(checked.created)} đối tượng mới, ${formatNumber(checked.reused)} đã có), ${formatNumber(checked.passed)} tự đánh giá đạt`} />
          )}
          {listed && <Errors problem={listed} />}
        </Flex>
      )}
    </Modal>
  );
}

function Errors({ problem }: { problem: ProblemError }) {
  const rows = (problem.errors as CellError[]).map((e, i) => ({ ...e, i }));
  const columns: TableColumnsType<(typeof rows)[number]> = [
    { title: 'Ô', key: 'cell', width: 130, render: (_, e) => (e.field === 'file' ? <Tag>Cả tệp</Tag> : <Typography.Text code>{e.field}</Typography.Text>) },
    { title: 'Lỗi', dataIndex: 'message', key: 'message' },
    { title: 'Mã lỗi', key: 'code', width: 200, render: (_, e) => <Typography.Text type="secondary" style={{ fontSize: 12 }}>{e.code}</Typography.Text> },
  ];
  return (
    <Flex vertical gap={8} data-testid="model-import-errors">
      <Typography.Text type="danger" strong>{problem.title}</Typography.Text>
      <Typography.Text type="secondary">Hãy sửa tất cả các ô dưới đây trong tệp, lưu lại rồi chọn lại tệp và bấm “Kiểm tra”.</Typography.Text>
      <Table size="small" rowKey="i" columns={columns} dataSource={rows} pagination={rows.length > 20 ? { pageSize: 20, showSizeChanger: false } : false} />
    </Flex>
  );
}
