import { UnitOption, useUrlState } from '../../components/url-state';
import { Flex, Select, Switch, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import { keys, useLineage, usePlans } from '../../api/queries';
import type { OrgUnit } from '../../api/types';
import { useMe } from '../../auth/session';
import { unitWithDates } from './labels';
import type { UnitAt } from './types';

/**
 * The dashboard's choices live in the address (?unitId=…&plan=…&approved=1), shared by the overview and a target's
 * details, so a link or the back button lands on the same view. Default unit: the user's first scope unit that is a
 * province, else the first scope unit.
 */
export function useDashboardParams() {
  const me = useMe().data;
  const [params, set] = useUrlState();
  const fallback = me?.scope.find((s) => s.kind === 'province') ?? me?.scope[0];
  const unitId = params.get('unitId') ?? fallback?.id;
  const plan = params.get('plan') ?? '';
  const approvedOnly = params.get('approved') === '1';
  /** A path with the shared part of the address, to carry to the details page and back. */
  const linkTo = (path: string) => {
    const keep = new URLSearchParams();
    for (const k of ['unitId', 'plan', 'approved']) if (params.get(k)) keep.set(k, params.get(k)!);
    const qs = keep.toString();
    return qs ? `${path}?${qs}` : path;
  };
  return { unitId, plan, approvedOnly, params, set, linkTo };
}

interface Option { id: string; code: string; name: string; kind: string; validFrom?: string | null; validTo?: string | null }

/**
 * Picks the unit of the dashboard: the scope units and the provinces they were formed from in 2025 (whose targets and
 * history they carry), or any unit in force today found by name.
 */
export function DashboardUnitSelect({ value, current, onChange }: { value: string | undefined; current?: UnitAt; onChange: (id: string) => void }) {
  const me = useMe().data;
  const [search, setSearch] = useState('');
  const q = search.trim();
  const found = useQuery({
    queryKey: keys.orgUnits({ q }),
    queryFn: () => api<OrgUnit[]>('/api/v1/org-units', { query: { q } }),
    enabled: q.length >= 2,
    placeholderData: (prev) => prev,
  });
  const first = useLineage(me?.scope[0]?.code);
  const second = useLineage(me?.scope[1]?.code);

  const options = useMemo(() => {
    const m = new Map<string, Option>();
    const add = (u: Option) => { if (!m.has(u.id)) m.set(u.id, u); };
    if (current) add(current);
    if (!search.trim()) {
      for (const s of me?.scope ?? []) add(s);
      for (const l of [first.data, second.data]) for (const p of l?.predecessors ?? []) if (p.kind === 'province') add(p);
    } else {
      for (const u of found.data ?? []) if (['province', 'district', 'commune'].includes(u.kind)) add(u);
    }
    return [...m.values()].map((u) => ({ value: u.id, label: `${unitWithDates(u)} (${u.code})`, kind: u.kind }));
  }, [current, search, me, first.data, second.data, found.data]);

  return (
    <Flex align="center" gap={6}>
      <Typography.Text>Đơn vị</Typography.Text>
      <Select
        showSearch={{ filterOption: false, onSearch: setSearch }}
        style={{ width: 360, maxWidth: '70vw' }}
        popupMatchSelectWidth={440}
        value={value}
        onChange={(v: string) => { setSearch(''); onChange(v); }}
        placeholder="Gõ tên tỉnh, xã để tìm"
        loading={found.isFetching && !!search}
        notFoundContent={search ? 'Không tìm thấy đơn vị nào' : null}
        options={options}
        optionRender={(o) => <UnitOption label={String(o.data.label)} kind={o.data.kind} />}
        data-testid="dashboard-unit"
      />
    </Flex>
  );
}

export function PlanSelect({ value, onChange }: { value: string; onChange: (plan: string) => void }) {
  const plans = usePlans();
  const options = [
    { value: '', label: 'Tất cả kế hoạch, văn bản' },
    ...(plans.data ?? []).map((p) => ({ value: p.number, label: `Kế hoạch ${p.number}` })),
  ];
  return (
    <Flex align="center" gap={6}>
      <Typography.Text>Kế hoạch</Typography.Text>
      <Select style={{ width: 240 }} value={value} onChange={onChange} options={options} loading={plans.isPending} data-testid="dashboard-plan" />
    </Flex>
  );
}

export function ApprovedOnlySwitch({ value, onChange }: { value: boolean; onChange: (v: boolean) => void }) {
  return (
    <Flex align="center" gap={6}>
      <Switch checked={value} onChange={onChange} size="small" data-testid="dashboard-approved-only" />
      <Typography.Text>Chỉ số liệu đã duyệt</Typography.Text>
    </Flex>
  );
}
