import { UnitOption, useUrlState } from '../../components/url-state';
import { LockOutlined } from '@ant-design/icons';
import { Flex, Select, Tabs, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Outlet, useLocation, useNavigate } from 'react-router-dom';
import { useLineage, useOrgUnits } from '../../api/queries';
import type { PcgdStandard, Role } from '../../api/types';
import { useMe } from '../../auth/session';
import { levelColor, levelLabel, STANDARD_SHORT, yearOptions } from './labels';

/** Who may read and write the register (server permissions register.read / register.write / register.export). */
export const canUseRegister = (role: Role) => role === 'admin' || role === 'coordinator' || role === 'unit_officer';
export const canExportNames = (role: Role) => role === 'admin' || role === 'coordinator';

/** The reporting date of a survey year (30/09): the map of units is read as it stood then. */
export const referenceDate = (year: number) => `${year}-09-30`;

/**
 * Unit and year live in the address (?unit=…&year=…), shared by the tabs, so a drill-down or a link from the
 * import page lands on the same choice. Default: the user's first scope unit, the current year.
 */
export function usePcgdParams() {
  const me = useMe().data;
  const [params, set] = useUrlState();
  const yearParam = Number(params.get('year'));
  const year = Number.isInteger(yearParam) && yearParam >= 1990 && yearParam <= 2100 ? yearParam : new Date().getFullYear();
  const fallback = useDefaultUnit(year, !params.get('unit'));
  const unit = params.get('unit') ?? fallback;
  /** true while the default unit is being worked out */
  const resolving = !params.get('unit') && unit === undefined && !!me?.scope.length;
  return { unit, year, params, set, resolving };
}

/**
 * The user's first scope unit as it stood on the year's reference date. Codes were reused in the 2025 reform (the new
 * Tỉnh Tây Ninh carries code 80, Long An's before): when the scope unit did not exist yet, take the unit it was formed
 * from that has the same name, else the first one, instead of whatever carried the code then.
 */
function useDefaultUnit(year: number, enabled: boolean): string | undefined {
  const me = useMe().data;
  const scope = me?.scope[0];
  const at = referenceDate(year);
  const then = useLineage(enabled ? scope?.code : undefined, at);
  const now = useLineage(enabled ? scope?.code : undefined);
  if (!enabled || !scope) return undefined;
  if (then.data?.unit.id === scope.id) return scope.code;
  if (then.isPending || now.isPending) return undefined;
  const valid = (now.data?.predecessors ?? []).filter((p) => (!p.validFrom || p.validFrom <= at) && (!p.validTo || p.validTo >= at));
  return (valid.find((p) => p.name === scope.name) ?? valid[0])?.code ?? scope.code;
}

const TABS = [
  { key: '/pcgd', label: 'Kết quả phổ cập', register: false },
  { key: '/pcgd/nhap', label: 'Nhập sổ theo dõi', register: true },
  { key: '/pcgd/so', label: 'Sổ theo dõi PCGD–XMC', register: true },
  { key: '/pcgd/danh-sach', label: 'Danh sách cần vận động', register: true },
];

/** The frame of the PCGD–XMC pages: a title and one tab per sub-page; the unit and year travel with the tabs. */
export function PcgdShell() {
  const me = useMe().data;
  const location = useLocation();
  const navigate = useNavigate();
  if (!me) return null;
  const tabs = TABS.filter((tab) => !tab.register || canUseRegister(me.role));
  const active = [...tabs].reverse().find((tab) => location.pathname.startsWith(tab.key))?.key ?? '/pcgd';
  return (
    <>
      <div className="no-print">
        <Typography.Title level={3} style={{ margin: 0 }}>Phổ cập giáo dục – Xóa mù chữ</Typography.Title>
        <Typography.Text type="secondary">Theo Nghị định 20/2014/NĐ-CP về phổ cập giáo dục, xóa mù chữ</Typography.Text>
        <Tabs
          activeKey={active}
          onChange={(key) => {
            // Carry only the shared choice (unit, year) to the next tab.
            const p = new URLSearchParams(location.search);
            const keep = new URLSearchParams();
            for (const k of ['unit', 'year']) if (p.get(k)) keep.set(k, p.get(k)!);
            navigate({ pathname: key, search: keep.toString() });
          }}
          items={tabs.map((tab) => ({ key: tab.key, label: tab.label }))}
          style={{ marginTop: 8 }}
        />
      </div>
      <Outlet />
    </>
  );
}

export function YearSelect({ value, onChange }: { value: number; onChange: (y: number) => void }) {
  return (
    <Flex align="center" gap={6}>
      <Typography.Text>Năm điều tra</Typography.Text>
      <Select style={{ width: 100 }} value={value} onChange={onChange} options={yearOptions(value)} data-testid="pcgd-year" />
    </Flex>
  );
}

const AREA_KINDS = ['province', 'district', 'commune'];

/**
 * Picks a unit as it stood on the reference date of the year. Offers the user's scope units (and, for a unit formed
 * in the 2025 reform, the units it was formed from that existed then); typing searches all units by name.
 */
export function UnitPicker({ value, onChange, year, kinds = AREA_KINDS, width = 340 }: {
  value: string | undefined; onChange: (code: string) => void; year: number; kinds?: string[]; width?: number;
}) {
  const me = useMe().data;
  const at = referenceDate(year);
  const [search, setSearch] = useState('');
  const found = useOrgUnits({ at, q: search.trim() || undefined });
  const scope0 = useLineage(me?.scope[0]?.code);
  const scope0At = useLineage(me?.scope[0]?.code, at);
  const current = useLineage(value, at);

  const options = useMemo(() => {
    const m = new Map<string, { code: string; name: string; kind: string }>();
    const add = (u: { code: string; name: string; kind: string; validFrom?: string | null; validTo?: string | null }) => {
      if (!kinds.includes(u.kind)) return;
      if ((u.validFrom && u.validFrom > at) || (u.validTo && u.validTo < at)) return;
      if (!m.has(u.code)) m.set(u.code, u);
    };
    if (current.data) add(current.data.unit);
    if (!search.trim()) {
      if (scope0At.data) add(scope0At.data.unit);
      for (const p of scope0.data?.predecessors ?? []) add(p);
      for (const s of me?.scope ?? []) if (!m.has(s.code) && kinds.includes(s.kind) && s.code !== me?.scope[0]?.code) m.set(s.code, s);
    } else {
      for (const u of found.data ?? []) add(u);
    }
    return [...m.values()].map((u) => ({
      value: u.code,
      label: `${u.name} (${u.code})`,
      title: u.name,
      kind: u.kind,
    }));
  }, [current.data, scope0.data, scope0At.data, found.data, search, kinds, at, me]);

  return (
    <Flex align="center" gap={6}>
      <Typography.Text>Đơn vị</Typography.Text>
      <Select
        showSearch={{ filterOption: false, onSearch: setSearch }}
        style={{ width }}
        popupMatchSelectWidth={Math.max(width, 440)}
        value={value}
        onChange={(v: string) => { setSearch(''); onChange(v); }}
        placeholder="Gõ tên xã, huyện, tỉnh để tìm"
        loading={found.isFetching}
        notFoundContent={search ? 'Không tìm thấy đơn vị nào tại ngày 30/09 của năm đã chọn' : 'Gõ tên đơn vị để tìm'}
        options={options}
        optionRender={(o) => <UnitOption label={String(o.data.label)} kind={o.data.kind} />}
        data-testid="pcgd-unit"
      />
    </Flex>
  );
}

/** "Xóa mù chữ: Mức độ 2", big, one colour per level. */
export function LevelTag({ standard, level, big = false, plain = false }: { standard: PcgdStandard; level: number | null | undefined; big?: boolean; plain?: boolean }) {
  return (
    <Tag color={levelColor(standard, level)} style={{ marginInlineEnd: 0, ...(big ? { fontSize: 16, padding: '4px 12px', lineHeight: '24px' } : {}) }}>
      {big || plain ? levelLabel(standard, level) : `${STANDARD_SHORT[standard]}: ${levelLabel(standard, level)}`}
    </Tag>
  );
}

/** Personal data: the server logs every read. */
export function AccessLoggedNote() {
  return (
    <Typography.Text type="secondary" style={{ fontSize: 12 }} className="no-print">
      <LockOutlined /> Mỗi lần xem danh sách được ghi nhật ký
    </Typography.Text>
  );
}
