import { Flex, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import type { HTMLAttributes } from 'react';
import { formatPoints, groupMax, type Definition, type IndicatorDef } from './api';
import { MarkTag } from './MarkTag';

/** The tree of a criteria set: criteria (tiêu chí) → indicators with their maximum points or pass/fail targets and marks. */
export function CriteriaTree({ definition: d }: { definition: Definition }) {
  const levels = new Map(d.passRule.kind === 'levels' ? d.passRule.levels.map((l) => [l.level, l.label]) : []);
  const groupNames = new Map(d.targetGroups?.map((g) => [g.code, g.name]));
  const scored = d.passRule.kind !== 'levels';
  const columns: TableColumnsType<IndicatorDef> = [
    { title: 'Mã', key: 'code', width: 130, render: (_, i) => <Typography.Text code>{i.code}</Typography.Text> },
    {
      title: scored ? 'Chỉ số' : 'Chỉ tiêu', key: 'name',
      render: (_, i) => (
        <Flex vertical gap={2}>
          <span>{i.name}</span>
          {i.target && <Typography.Text style={{ fontSize: 12 }}>Chỉ tiêu: {i.target}</Typography.Text>}
          {i.targetGroups && <Typography.Text type="secondary" style={{ fontSize: 12 }}>Chỉ áp dụng cho: {i.targetGroups.map((t) => groupNames.get(t) ?? t).join(', ')}</Typography.Text>}
          {i.note && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{i.note}</Typography.Text>}
        </Flex>
      ),
    },
    scored
      ? { title: 'Điểm tối đa', key: 'max', width: 110, align: 'right', render: (_, i) => <span data-testid={`max-${i.code}`}>{formatPoints(i.maxPoints)}</span> }
      : { title: 'Yêu cầu ở', key: 'levels', width: 170, render: (_, i) => <Flex gap={4} wrap>{(i.levels ?? []).map((l) => <Tag key={l}>{levels.get(l) ?? l}</Tag>)}</Flex> },
    { title: 'Xác minh', key: 'mark', width: 90, align: 'center', render: (_, i) => <MarkTag mark={i.mark} /> },
  ];
  return (
    <Flex vertical gap={16}>
      {d.groups.map((g, gi) => (
        <div key={g.code} data-testid={`criteria-group-${g.code}`}>
          <Flex align="center" gap={8} wrap style={{ marginBottom: 6 }}>
            <Typography.Text strong>Tiêu chí {gi + 1}. {g.name}</Typography.Text>
            {scored && <Tag color="blue" style={{ marginInlineEnd: 0 }}>tối đa {formatPoints(g.maxPoints ?? groupMax(g, d.targetGroups?.[0]?.code))} điểm</Tag>}
            <MarkTag mark={g.mark} />
            {g.note && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{g.note}</Typography.Text>}
          </Flex>
          <Table<IndicatorDef>
            size="small" rowKey="code" columns={columns} dataSource={g.indicators} pagination={false}
            onRow={(i) => ({ 'data-testid': `indicator-${i.code}` }) as HTMLAttributes<HTMLElement>}
          />
        </div>
      ))}
    </Flex>
  );
}
