import { EditOutlined } from '@ant-design/icons';
import { Button, DatePicker, Flex, InputNumber, Popover, Select, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { DATE_FORMAT } from '../../../format';
import { dueLabel } from './draft';
import type { DueRule } from './types';

const KINDS: { value: DueRule['kind']; label: string }[] = [
  { value: 'none', label: 'Không quy định' }, { value: 'date', label: 'Trước một ngày' }, { value: 'quarter', label: 'Trong quý' },
  { value: 'year', label: 'Trong năm' }, { value: 'yearly', label: 'Hằng năm' },
];

/** Edits a task's due rule; the phrase read from the text is kept while the kind stays, else it says it was set by hand. */
export function DueEditor({ due, onChange, testId }: { due: DueRule; onChange: (d: DueRule) => void; testId?: string }) {
  const [open, setOpen] = useState(false);
  const [edit, setEdit] = useState<DueRule>(due);
  const phrase = (d: DueRule) => (d.kind !== 'none' && due.kind === d.kind && 'phrase' in due ? due.phrase : 'đặt khi rà soát');
  const set = (d: DueRule) => setEdit(d.kind === 'none' ? d : { ...d, phrase: phrase(d) } as DueRule);
  const year = new Date().getFullYear();
  const complete = edit.kind !== 'date' || !!edit.date;
  return (
    <Popover
      open={open}
      onOpenChange={(o) => { setOpen(o); if (o) setEdit(due); }}
      trigger="click"
      title="Thời hạn"
      content={
        <Flex vertical gap={8} style={{ width: 280 }}>
          <Select value={edit.kind} options={KINDS} onChange={(kind: DueRule['kind']) => set(
            kind === 'date' ? { kind, date: '', phrase: '' } : kind === 'quarter' ? { kind, quarter: 4, year, phrase: '' }
              : kind === 'year' ? { kind, year, phrase: '' } : kind === 'yearly' ? { kind, day: 31, month: 12, phrase: '' } : { kind: 'none' },
          )} />
          {edit.kind === 'date' && (
            <DatePicker format={DATE_FORMAT} value={edit.date ? dayjs(edit.date) : null} onChange={(d) => set({ ...edit, date: d ? d.format('YYYY-MM-DD') : '' })} placeholder="dd/mm/yyyy" />
          )}
          {edit.kind === 'quarter' && (
            <Flex gap={8}>
              <Select value={edit.quarter} style={{ width: 100 }} options={[1, 2, 3, 4].map((q) => ({ value: q, label: `Quý ${['I', 'II', 'III', 'IV'][q - 1]}` }))} onChange={(quarter: number) => set({ ...edit, quarter })} />
              <InputNumber value={edit.year} min={2000} max={2100} onChange={(y) => y && set({ ...edit, year: y })} />
            </Flex>
          )}
          {edit.kind === 'year' && <InputNumber value={edit.year} min={2000} max={2100} onChange={(y) => y && set({ ...edit, year: y })} />}
          {edit.kind === 'yearly' && (
            <Flex gap={8} align="center">
              <Typography.Text>Ngày</Typography.Text>
              <InputNumber value={edit.day} min={1} max={31} onChange={(d) => d && set({ ...edit, day: d })} />
              <Typography.Text>tháng</Typography.Text>
              <InputNumber value={edit.month} min={1} max={12} onChange={(m) => m && set({ ...edit, month: m })} />
            </Flex>
          )}
          <Button type="primary" disabled={!complete} onClick={() => { onChange(edit); setOpen(false); }}>Áp dụng</Button>
        </Flex>
      }
    >
      <Button size="small" type="link" icon={<EditOutlined />} data-testid={testId} style={{ paddingInline: 0 }}>{dueLabel(due)}</Button>
    </Popover>
  );
}
