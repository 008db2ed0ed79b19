import { combinationLabel as labelOf, combinations as combine } from '../../../../src/modules/indicators/categories';
import { UnitOption, useUrlState } from '../../components/url-state';
import { Flex, InputNumber, Select, Tag, Tooltip, Typography } from 'antd';
import type { InputNumberProps } from 'antd';
import { useMemo, useState } from 'react';
import { useOrgUnits } from '../../api/queries';
import type { Role } from '../../api/types';
import { useMe } from '../../auth/session';
import { formatNumber, todayIso } from '../../format';
import { tOr } from '../../i18n';
import type { ApprovalLevel, Categories, CategoryName, DataSet, ReportStatus, Verified } from './api';
import { isPeriodType, parsePeriodOf, periodLabel, periodOf, PICKER_DEPTH, recentPeriods, type Period } from './periods';

// ——— who may do what (server permissions data.enter, data.approve, indicator.manage; analytics.read is everyone) ———
export const canEnterData = (role: Role) => role === 'admin' || role === 'coordinator' || role === 'agency_reporter' || role === 'unit_officer';
export const canApproveData = (role: Role) => role === 'admin' || role === 'coordinator';
export const canSeeReview = (role: Role) => role === 'admin' || role === 'coordinator' || role === 'assessor' || role === 'viewer';
export const canManageCatalog = (role: Role) => role === 'admin';

export const LEVEL_LABELS: Record<ApprovalLevel, string> = { district: 'cấp huyện', province: 'cấp tỉnh' };

/** The status a report is shown with: the approval level matters, and an open report without values is "not entered". */
export type StatusKey = 'empty' | 'open' | 'submitted' | 'returned' | 'approved:district' | 'approved:province';
export const STATUS_KEYS: StatusKey[] = ['empty', 'open', 'returned', 'submitted', 'approved:district', 'approved:province'];
export const STATUS_TEXT: Record<StatusKey, string> = {
  empty: 'Chưa nhập',
  open: 'Đang nhập',
  submitted: 'Đã gửi, chờ duyệt',
  returned: 'Bị trả lại',
  'approved:district': 'Đã duyệt cấp huyện',
  'approved:province': 'Đã duyệt cấp tỉnh',
};
const STATUS_COLOR: Record<StatusKey, string> = {
  empty: 'default', open: 'blue', submitted: 'gold', returned: 'red', 'approved:district': 'cyan', 'approved:province': 'green',
};

export function statusKey(status: ReportStatus, approvedLevel: ApprovalLevel | null, values?: number): StatusKey {
  if (status === 'approved') return approvedLevel === 'district' ? 'approved:district' : 'approved:province';
  if (status === 'open' && values === 0) return 'empty';
  return status;
}

export function ReportStatusTag({ status, approvedLevel, values, big }: { status: ReportStatus; approvedLevel: ApprovalLevel | null; values?: number; big?: boolean }) {
  const key = statusKey(status, approvedLevel, values);
  return (
    <Tag color={STATUS_COLOR[key]} data-testid={`report-status-${key}`} style={{ marginInlineEnd: 0, ...(big ? { fontSize: 14, padding: '2px 10px' } : {}) }}>
      {STATUS_TEXT[key]}
    </Tag>
  );
}

export function DemoTag() {
  return (
    <Tooltip title="Số liệu mẫu để trình diễn, không phải số liệu thật do đơn vị báo cáo">
      <Tag color="purple" style={{ marginInlineEnd: 0 }} data-testid="demo-tag">Dữ liệu mẫu</Tag>
    </Tooltip>
  );
}

/** [P] and [I] items are shown as such: never present an unchecked figure as verified. */
export function VerifiedTag({ v }: { v: Verified | string | null | undefined }) {
  if (v === 'P') {
    return (
      <Tooltip title="[P] Mới đối chiếu một phần với văn bản gốc (thiếu số hiệu, điều khoản hoặc con số cần kiểm tra lại)">
        <Tag color="orange" style={{ marginInlineEnd: 0 }} data-testid="verified-P">Chưa xác minh đầy đủ</Tag>
      </Tooltip>
    );
  }
  if (v === 'I') {
    return (
      <Tooltip title="[I] Suy luận hoặc quy ước của hệ thống, chưa đối chiếu với văn bản gốc">
        <Tag color="gold" style={{ marginInlineEnd: 0 }} data-testid="verified-I">Suy luận</Tag>
      </Tooltip>
    );
  }
  return null;
}

/** Option combinations and their labels, by the server's own rule, with the labels the API sent. */
export const combinations = (categories: readonly CategoryName[], labels: Categories | undefined) => combine(categories, labels ?? {});
export const combinationLabel = (key: string, labels: Categories | undefined) => labelOf(key, labels ?? {});

export const VALUE_TYPE_LABELS: Record<string, string> = { count: 'Số đếm', number: 'Số (có thể lẻ)', boolean: 'Có/Không' };

const groupThousands = (s: string) => s.replace(/\B(?=(\d{3})+(?!\d))/g, '.');

/**
 * A number box in the Vietnamese way: 1.234,5 — dots group thousands, the comma is the decimal mark. While the user
 * types, what they typed is left alone.
 */
export function VnNumberInput({ decimals, ...props }: InputNumberProps<number> & { decimals: boolean }) {
  return (
    <InputNumber<number>
      {...props}
      precision={decimals ? undefined : 0}
      decimalSeparator=","
      formatter={(value, info) => {
        if (info.userTyping) return info.input;
        if (value === undefined || value === null) return '';
        const [int, frac] = String(value).split('.');
        return groupThousands(int ?? '') + (frac ? `,${frac}` : '');
      }}
      parser={(text) => {
        const s = (text ?? '').replace(/\s/g, '').replace(/\./g, '').replace(',', '.');
        return s === '' ? (undefined as unknown as number) : Number(s);
      }}
    />
  );
}

// ——— the choice of data set, period, unit: in the address so that a link or a reload lands on the same report ———

export function useIndicatorParams(dataSets: DataSet[] | undefined) {
  const [params, set] = useUrlState();
  const dsParam = params.get('ds');
  const dataSet = dataSets?.find((d) => d.code === dsParam) ?? dataSets?.[0];
  const type = dataSet && isPeriodType(dataSet.periodType) ? dataSet.periodType : undefined;
  const periodParam = params.get('period');
  const period: Period | undefined = type
    ? (periodParam ? parsePeriodOf(type, periodParam) : null) ?? periodOf(type, todayIso())
    : undefined;
  return { params, dataSet, period, set };
}

export function DataSetSelect({ dataSets, value, onChange, loading }: { dataSets: DataSet[] | undefined; value: string | undefined; onChange: (code: string) => void; loading?: boolean }) {
  return (
    <Flex align="center" gap={6}>
      <Typography.Text>Bộ dữ liệu</Typography.Text>
      <Select
        style={{ width: 340 }}
        popupMatchSelectWidth={460}
        value={value}
        onChange={onChange}
        loading={loading}
        showSearch={{ optionFilterProp: 'label' }}
        placeholder="Chọn bộ dữ liệu"
        notFoundContent="Chưa có bộ dữ liệu nào"
        options={dataSets?.map((d) => ({ value: d.code, label: `${d.name} (${d.code})` }))}
        data-testid="ind-data-set"
      />
    </Flex>
  );
}

export function PeriodSelect({ type, value, onChange }: { type: string | undefined; value: Period | undefined; onChange: (id: string) => void }) {
  const options = useMemo(() => {
    if (!type || !isPeriodType(type)) return [];
    const list = recentPeriods(type, todayIso(), PICKER_DEPTH[type]);
    if (value && !list.some((p) => p.id === value.id)) list.push(value);
    return list.sort((a, b) => b.start.localeCompare(a.start)).map((p) => ({ value: p.id, label: periodLabel(p) }));
  }, [type, value]);
  return (
    <Flex align="center" gap={6}>
      <Typography.Text>Kỳ</Typography.Text>
      <Select
        style={{ width: type?.startsWith('report') ? 380 : 190 }}
        value={value?.id}
        onChange={onChange}
        options={options}
        disabled={!type}
        data-testid="ind-period"
      />
    </Flex>
  );
}

/** "2 đơn vị" style counts with the Vietnamese number format. */
export const countOf = (n: number, what: string) => `${formatNumber(n)} ${what}`;
export const kindLabel = (k: string) => tOr(`kind.${k}`, k);

/** The field of a problem answer as a form path: `body.computed.level` → ['computed', 'level']; array indexes dropped. */
export function fieldPath(field: string): string[] {
  return field.replace(/^body\./, '').split('.').filter((p) => p !== '' && !/^\d+$/.test(p));
}

/**
 * An optional "below this unit" filter (a province or district as it stood at `at`); value is the unit id. Offers the
 * user's scope units; typing searches every unit by name (the server keeps the result within the scope).
 */
export function UnitFilterSelect({ at, value, onChange, label = 'Thuộc đơn vị', knownName }: {
  at: string | undefined; value: string | undefined; onChange: (id: string | undefined) => void; label?: string;
  /** the chosen unit's name when the caller knows it (a unit id from the address has no name here) */
  knownName?: string;
}) {
  const me = useMe().data;
  const [search, setSearch] = useState('');
  const found = useOrgUnits({ at, q: search.trim() || undefined });
  const options = useMemo(() => {
    const m = new Map<string, { value: string; label: string; kind: string }>();
    if (!search.trim()) for (const s of me?.scope ?? []) m.set(s.id, { value: s.id, label: `${s.name} (${s.code})`, kind: s.kind });
    else for (const u of found.data ?? []) if (u.kind === 'province' || u.kind === 'district') m.set(u.id, { value: u.id, label: `${u.name} (${u.code})`, kind: u.kind });
    return [...m.values()];
  }, [me, found.data, search]);
  const [remembered, setRemembered] = useState<Record<string, string>>({});
  // The provinces of the date name a province chosen by id in the address; a district is named by the caller.
  const provinces = useOrgUnits({ at, kind: 'province' });
  const province = provinces.data?.find((u) => u.id === value);
  const currentLabel = value ? remembered[value] ?? (province ? `${province.name} (${province.code})` : knownName) ?? 'Đơn vị đã chọn' : '';
  const withCurrent = value && !options.some((o) => o.value === value) ? [{ value, label: currentLabel, kind: province?.kind ?? '' }, ...options] : options;
  return (
    <Flex align="center" gap={6}>
      <Typography.Text>{label}</Typography.Text>
      <Select
        allowClear
        showSearch={{ filterOption: false, onSearch: setSearch }}
        style={{ width: 280 }}
        popupMatchSelectWidth={380}
        value={value}
        placeholder="Tất cả trong phạm vi"
        onChange={(v?: string) => {
          const o = withCurrent.find((x) => x.value === v);
          if (v && o) setRemembered((r) => ({ ...r, [v]: o.label }));
          setSearch('');
          onChange(v);
        }}
        loading={found.isFetching}
        notFoundContent={search ? 'Không tìm thấy tỉnh, huyện nào' : 'Gõ tên tỉnh, huyện để tìm'}
        options={withCurrent}
        optionRender={(o) => <UnitOption label={String(o.data.label)} kind={o.data.kind} />}
        data-testid="ind-under"
      />
    </Flex>
  );
}
