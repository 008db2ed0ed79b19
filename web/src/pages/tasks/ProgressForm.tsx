import { DeleteOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, DatePicker, Flex, Form, Input, InputNumber, Modal, Radio, Select, Slider, Typography, Upload } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useState } from 'react';
import { api, ApiError, errorMessage } from '../../api/client';
import { keys } from '../../api/queries';
import type { Assignment, Evidence, ProgressInput, TaskDetail } from '../../api/types';
import { StatusTag } from '../../components/status';
import { DATE_FORMAT, formatBytes, formatDate } from '../../format';
import { t } from '../../i18n';

const MAX_BYTES = 10 * 1024 * 1024;
const ACCEPT = '.pdf,.png,.jpg,.jpeg,.docx,.xlsx,.doc,.xls,.txt';

interface Values {
  status: 'in_progress' | 'done';
  percent: number;
  narrative: string;
  completedOn?: Dayjs;
  period?: number;
}

interface Attached { uid: string; name: string; size: number; state: 'uploading' | 'done' | 'error'; evidence?: Evidence; error?: string }

export function ProgressForm({ task, assignment, onClose }: { task: TaskDetail; assignment: Assignment; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [files, setFiles] = useState<Attached[]>([]);
  const [stale, setStale] = useState(false);
  const status = Form.useWatch('status', form);
  const yearly = task.dueRule.kind === 'yearly';
  const thisYear = dayjs().year();
  const years = [...new Set([...(assignment.period ? [assignment.period] : []), ...Array.from({ length: 8 }, (_, i) => thisYear + 1 - i)])].sort((a, b) => b - a);

  const submit = useMutation({
    mutationFn: (body: ProgressInput) => api(`/api/v1/assignments/${assignment.id}/progress`, { method: 'POST', body }),
    onSuccess: () => {
      message.success(t('tasks.saved'));
      void qc.invalidateQueries({ queryKey: keys.task(task.id) });
      void qc.invalidateQueries({ queryKey: keys.myTasks });
      void qc.invalidateQueries({ queryKey: keys.plans });
      void qc.invalidateQueries({ queryKey: ['overdue'] });
      onClose();
    },
    onError: (err) => {
      if (err instanceof ApiError && err.code === 'task_progress.stale_version') {
        // Someone reported meanwhile: reload the task (new version), keep what the user typed.
        setStale(true);
        void qc.invalidateQueries({ queryKey: keys.task(task.id) });
        return;
      }
      if (err instanceof ApiError && err.errors.length) {
        const known = new Set(['status', 'percent', 'narrative', 'completedOn', 'period']);
        form.setFields(err.errors.filter((e) => known.has(e.field)).map((e) => ({ name: e.field as keyof Values, errors: [e.message] })));
      }
    },
  });

  const upload = async (file: File) => {
    const uid = `${Date.now()}-${file.name}`;
    if (file.size > MAX_BYTES) {
      setFiles((fs) => [...fs, { uid, name: file.name, size: file.size, state: 'error', error: 'Tệp quá lớn (tối đa 10 MB)' }]);
      return;
    }
    setFiles((fs) => [...fs, { uid, name: file.name, size: file.size, state: 'uploading' }]);
    const data = new FormData();
    data.append('file', file, file.name);
    try {
      const evidence = await api<Evidence>(`/api/v1/assignments/${assignment.id}/evidence`, { method: 'POST', body: data });
      setFiles((fs) => fs.map((f) => (f.uid === uid ? { ...f, state: 'done', evidence } : f)));
    } catch (e) {
      setFiles((fs) => fs.map((f) => (f.uid === uid ? { ...f, state: 'error', error: errorMessage(e) } : f)));
    }
  };

  const onFinish = (v: Values) => {
    setStale(false);
    submit.mutate({
      status: v.status,
      percent: v.status === 'done' ? 100 : v.percent,
      narrative: v.narrative.trim(),
      completedOn: v.status === 'done' && v.completedOn ? v.completedOn.format('YYYY-MM-DD') : undefined,
      period: yearly ? v.period : undefined,
      version: assignment.version,
      evidenceIds: files.flatMap((f) => (f.evidence ? [f.evidence.id] : [])),
    });
  };

  const uploading = files.some((f) => f.state === 'uploading');
  const problem = submit.isError && !(submit.error instanceof ApiError && submit.error.code === 'task_progress.stale_version') ? submit.error : null;

  return (
    <Modal
      open
      width={680}
      title={`${t('tasks.report')} — ${t('common.task')} ${task.code}`}
      onCancel={onClose}
      destroyOnHidden
      footer={[
        <Button key="cancel" onClick={onClose}>{t('common.cancel')}</Button>,
        <Button key="ok" type="primary" loading={submit.isPending} disabled={uploading} onClick={() => form.submit()} data-testid="progress-submit">
          Gửi báo cáo
        </Button>,
      ]}
    >
      <Flex wrap gap={8} align="center" style={{ marginBottom: 12 }}>
        <Typography.Text strong>{assignment.unit.name}</Typography.Text>
        <StatusTag status={assignment.status} label={assignment.statusLabel} />
        <Typography.Text type="secondary">
          {t('common.dueDate')}: {formatDate(assignment.dueDate)} · {task.dueRuleText}
        </Typography.Text>
      </Flex>
      {stale && <Alert type="warning" showIcon title={t('tasks.stale')} style={{ marginBottom: 12 }} data-testid="progress-stale" />}
      {problem && <Alert type="error" showIcon title={errorMessage(problem)} style={{ marginBottom: 12 }} />}
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={onFinish}
        initialValues={{ status: 'in_progress', percent: assignment.percent === 100 ? 100 : assignment.percent, period: assignment.period ?? undefined }}
        onValuesChange={(changed: Partial<Values>) => {
          if (changed.status === 'done') form.setFieldValue('percent', 100);
        }}
      >
        <Flex gap={24} wrap>
          <Form.Item name="status" label={t('common.status')} rules={[{ required: true }]}>
            <Radio.Group>
              <Radio value="in_progress" data-testid="progress-status-in_progress">{t('status.in_progress')}</Radio>
              <Radio value="done" data-testid="progress-status-done">{t('status.done')}</Radio>
            </Radio.Group>
          </Form.Item>
          {yearly && (
            <Form.Item name="period" label={`${t('common.period')} (năm)`} rules={[{ required: true, message: 'Hãy chọn năm báo cáo' }]}>
              <Select style={{ width: 120 }} options={years.map((y) => ({ value: y, label: String(y) }))} data-testid="progress-period" />
            </Form.Item>
          )}
          {status === 'done' && (
            <Form.Item name="completedOn" label={t('tasks.completedOn')}>
              <DatePicker
                format={DATE_FORMAT}
                placeholder="dd/mm/yyyy"
                disabledDate={(d) => d.isAfter(dayjs(), 'day')}
                data-testid="progress-completed-on"
              />
            </Form.Item>
          )}
        </Flex>
        <Form.Item label={`${t('common.percent')} (%)`} required>
          <Flex gap={16} align="center">
            <Form.Item name="percent" noStyle>
              <Slider min={0} max={100} step={5} disabled={status === 'done'} style={{ flex: 1 }} />
            </Form.Item>
            <Form.Item name="percent" noStyle rules={[{ required: true, message: 'Hãy nhập tỷ lệ' }]}>
              <InputNumber min={0} max={100} precision={0} suffix="%" disabled={status === 'done'} style={{ width: 100 }} data-testid="progress-percent" />
            </Form.Item>
          </Flex>
        </Form.Item>
        <Form.Item
          name="narrative"
          label={t('tasks.narrative')}
          rules={[{ required: true, whitespace: true, message: 'Hãy mô tả kết quả thực hiện' }]}
        >
          <Input.TextArea rows={5} maxLength={10000} showCount placeholder="Kết quả đã đạt được, khó khăn, kiến nghị…" data-testid="progress-narrative" />
        </Form.Item>
        <Form.Item label={t('tasks.evidence')} extra="PDF, ảnh PNG/JPEG, Word, Excel hoặc văn bản; mỗi tệp tối đa 10 MB.">
          <Upload
            accept={ACCEPT}
            multiple
            showUploadList={false}
            beforeUpload={(file) => {
              void upload(file);
              return false;
            }}
          >
            <Button icon={<UploadOutlined />} data-testid="progress-upload">Chọn tệp minh chứng</Button>
          </Upload>
          {files.length > 0 && (
            <Flex vertical gap={4} style={{ marginTop: 8 }}>
              {files.map((f) => (
                <Flex key={f.uid} gap={8} align="center" data-testid="progress-file">
                  <PaperClipOutlined />
                  <Typography.Text type={f.state === 'error' ? 'danger' : undefined}>{f.name}</Typography.Text>
                  <Typography.Text type="secondary">({formatBytes(f.size)})</Typography.Text>
                  {f.state === 'uploading' && <Typography.Text type="secondary">đang tải lên…</Typography.Text>}
                  {f.state === 'error' && <Typography.Text type="danger">{f.error}</Typography.Text>}
                  <Button size="small" type="text" icon={<DeleteOutlined />} aria-label="Bỏ tệp" onClick={() => setFiles((fs) => fs.filter((x) => x.uid !== f.uid))} />
                </Flex>
              ))}
            </Flex>
          )}
        </Form.Item>
      </Form>
    </Modal>
  );
}
