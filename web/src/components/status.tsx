import { Flex, Tag, Tooltip } from 'antd';
import type { TaskStatus } from '../api/types';
import { TASK_STATUSES } from '../api/types';
import { formatNumber } from '../format';
import { tOr } from '../i18n';

/** One colour per status, everywhere (tags, bars, charts). */
export const STATUS_COLORS: Record<TaskStatus | 'done', string> = {
  done_on_time: '#52c41a',
  done: '#52c41a',
  done_late: '#fa8c16',
  in_progress: '#1677ff',
  overdue: '#f5222d',
  not_started: '#8c8c8c',
};

const TAG_COLORS: Record<string, string> = {
  done_on_time: 'green',
  done: 'green',
  done_late: 'orange',
  in_progress: 'blue',
  overdue: 'red',
  not_started: 'default',
};

export function StatusTag({ status, label }: { status: string; label?: string }) {
  return (
    <Tag color={TAG_COLORS[status] ?? 'default'} data-testid={`status-${status}`} style={{ marginInlineEnd: 0 }}>
      {label ?? tOr(`status.${status}`, status)}
    </Tag>
  );
}

export const statusLabel = (s: string) => tOr(`status.${s}`, s);

/** A thin stacked bar of status counts with a legend of tags below. */
export function StatusBar({ counts, showLegend = true }: { counts: Partial<Record<TaskStatus, number>>; showLegend?: boolean }) {
  const total = TASK_STATUSES.reduce((sum, s) => sum + (counts[s] ?? 0), 0);
  if (total === 0) return null;
  return (
    <div>
      <div style={{ display: 'flex', height: 10, borderRadius: 5, overflow: 'hidden', background: '#f0f0f0' }}>
        {TASK_STATUSES.filter((s) => counts[s]).map((s) => (
          <Tooltip key={s} title={`${statusLabel(s)}: ${formatNumber(counts[s])}`}>
            <div style={{ width: `${((counts[s] ?? 0) / total) * 100}%`, background: STATUS_COLORS[s] }} />
          </Tooltip>
        ))}
      </div>
      {showLegend && (
        <Flex wrap gap={4} style={{ marginTop: 8 }}>
          {TASK_STATUSES.filter((s) => counts[s]).map((s) => (
            <StatusTag key={s} status={s} label={`${statusLabel(s)}: ${formatNumber(counts[s])}`} />
          ))}
        </Flex>
      )}
    </div>
  );
}
