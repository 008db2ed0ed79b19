import { CheckCircleFilled, ClockCircleOutlined, ExperimentOutlined } from '@ant-design/icons';
import { Progress, Tag, Tooltip, Typography } from 'antd';
import type { TrendTarget } from '../../components/charts/TrendChart';
import { formatDate, formatNumber } from '../../format';
import type { Approval, DashboardItem, Figure, Outlook, Verified } from './types';
import { LINEAGE_LABELS } from '../../../../src/modules/indicators/lineage';

export const OUTLOOK_LABELS: Record<Outlook, string> = {
  achieved: 'Đã đạt', on_track: 'Đúng hướng', at_risk: 'Có nguy cơ không đạt', off_track: 'Chệch hướng', missed: 'Không đạt',
  no_trend: 'Chưa đủ dữ liệu để dự báo', no_data: 'Chưa có số liệu',
};
/** Tag colours: green when reached or on course, orange at risk, red off course or missed, grey otherwise. */
export const OUTLOOK_TAG: Record<Outlook, string> = {
  achieved: 'green', on_track: 'green', at_risk: 'orange', off_track: 'red', missed: 'red', no_trend: 'default', no_data: 'default',
};
export const OUTLOOK_COLOR: Record<Outlook, string> = {
  achieved: '#389e0d', on_track: '#52c41a', at_risk: '#fa8c16', off_track: '#f5222d', missed: '#cf1322', no_trend: '#8c8c8c', no_data: '#a6a6a6',
};

export function OutlookTag({ outlook, label }: { outlook: Outlook; label?: string }) {
  return (
    <Tag color={OUTLOOK_TAG[outlook]} data-testid={`outlook-${outlook}`} style={{ marginInlineEnd: 0 }}>
      {label ?? OUTLOOK_LABELS[outlook]}
    </Tag>
  );
}

/** A value with the indicator's unit and decimals: "52,3%", "1.234 người". */
export function formatValue(value: number | null | undefined, unitLabel: string, decimals = 1): string {
  if (value === null || value === undefined) return '—';
  const n = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: decimals }).format(value);
  return unitLabel === '%' ? `${n}%` : `${n} ${unitLabel}`;
}

const COMPARATOR: Record<string, string> = { '>=': '≥', '<=': '≤', '=': '=' };
export const comparatorText = (c: string) => COMPARATOR[c] ?? c;

const VERIFIED_TEXT: Record<Verified, string> = { V: 'Đã đối chiếu văn bản', P: 'Mới đối chiếu một phần', I: 'Suy luận, chưa đối chiếu văn bản' };
/** "[I] chỉ số suy luận": shown only when not verified against its document. */
export function VerifiedMark({ verified, what }: { verified: Verified; what: 'chỉ số' | 'chỉ tiêu' }) {
  if (verified === 'V') return null;
  return (
    <Tooltip title={`${what === 'chỉ số' ? 'Định nghĩa chỉ số' : 'Giá trị chỉ tiêu'}: ${VERIFIED_TEXT[verified]}`}>
      <Tag color="orange" style={{ marginInlineEnd: 0 }} data-testid="unverified">[{verified}] {what} {verified === 'I' ? 'suy luận' : 'chưa đủ đối chiếu'}</Tag>
    </Tooltip>
  );
}

export function ApprovalText({ approval }: { approval: Approval | null | undefined }) {
  if (!approval) return null;
  const all = approval.units > 0 && approval.approved >= approval.units;
  return (
    <Tooltip title="Số đơn vị có số liệu trong kỳ và số đơn vị đã được duyệt ở cấp cuối cùng">
      <Typography.Text type={all ? 'success' : 'warning'} style={{ fontSize: 12, whiteSpace: 'nowrap' }} data-testid="approval">
        {all ? <CheckCircleFilled /> : <ClockCircleOutlined />} {formatNumber(approval.approved)}/{formatNumber(approval.units)} đơn vị đã duyệt
      </Typography.Text>
    </Tooltip>
  );
}

export function DemoTag({ show }: { show: boolean }) {
  return show ? <Tag icon={<ExperimentOutlined />} color="purple" style={{ marginInlineEnd: 0 }} data-testid="demo">Dữ liệu mẫu</Tag> : null;
}

/** A figure read through other units than the period's own hierarchy (the 2025 reform), said in words. */
export function LineageTag({ figure }: { figure: Pick<Figure, 'lineage' | 'approximate'> | null | undefined }) {
  if (!figure || (figure.lineage === 'hierarchy' && !figure.approximate)) return null;
  const text = figure.lineage === 'successors' ? 'Qua đơn vị kế thừa' : figure.lineage === 'predecessors' ? 'Qua đơn vị tiền thân' : 'Gần đúng';
  return (
    <Tooltip title={`${LINEAGE_LABELS[figure.lineage]}${figure.approximate ? ' — gần đúng (đơn vị kế thừa còn nhận địa bàn từ nơi khác)' : ''}`}>
      <Tag color="cyan" style={{ marginInlineEnd: 0 }} data-testid="lineage">{text}{figure.approximate ? ' (gần đúng)' : ''}</Tag>
    </Tooltip>
  );
}

/** The observed figures of a series (with a value). */
export const observed = (item: DashboardItem) => item.series.filter((f) => f.value !== null);

/**
 * Progress from the first observed value towards the target (server's definition), as a bar. With a single year of
 * figures there is no progress to speak of: the bar is replaced by a note.
 */
export function ProgressLine({ item, size = 'default' }: { item: DashboardItem; size?: 'small' | 'default' }) {
  const points = observed(item);
  if (item.progress === null || points.length < 2) {
    return (
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {points.length === 0 ? 'Chưa có số liệu để tính tiến độ' : item.progress === null ? 'Không tính tiến độ cho chỉ tiêu này' : 'Cần ít nhất 2 năm số liệu để tính tiến độ'}
      </Typography.Text>
    );
  }
  const first = points[0]!;
  return (
    <Tooltip title={`Tiến độ từ mức năm ${first.year} (${formatValue(first.value, item.indicator.unitLabel, item.indicator.decimals)}) đến mục tiêu năm ${item.target.year}`}>
      <div data-testid="progress">
        <Progress
          percent={Math.round(item.progress * 10) / 10}
          size={size === 'small' ? 'small' : 'default'}
          strokeColor={OUTLOOK_COLOR[item.outlook]}
          format={(p) => `${formatNumber(p ?? 0)}%`}
          style={{ marginBottom: 0 }}
        />
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>Tiến độ từ năm {first.year} đến mục tiêu</Typography.Text>
      </div>
    </Tooltip>
  );
}

/** The targets of the same indicator and unit (e.g. 2025 and 2030), for the chart; the one shown is `main`. */
export function chartTargets(item: DashboardItem, all: readonly DashboardItem[]): TrendTarget[] {
  const same = all.filter((i) => i.target.indicator === item.target.indicator && i.target.unit?.id === item.target.unit?.id);
  return (same.length ? same : [item]).map((i) => ({ year: i.target.year, value: i.target.value, label: `Mục tiêu ${i.target.year}`, main: i.target.id === item.target.id }));
}

export function chartProjection(item: DashboardItem) {
  if (item.projected === null || !item.latest || item.latest.year >= item.target.year) return null;
  return { fromYear: item.latest.year, fromValue: item.latest.value, toYear: item.target.year, toValue: item.projected };
}

/** "Tỉnh Bình Dương (đến 30/06/2025)" for a unit that no longer exists. */
export function unitWithDates(u: { name: string; validFrom?: string | null; validTo?: string | null } | null | undefined): string {
  if (!u) return 'Toàn quốc';
  if (u.validTo) return `${u.name} (đến ${formatDate(u.validTo)})`;
  if (u.validFrom) return `${u.name} (từ ${formatDate(u.validFrom)})`;
  return u.name;
}
