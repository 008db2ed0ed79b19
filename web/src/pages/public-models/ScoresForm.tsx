import { Flex, InputNumber, Select, Switch, Typography } from 'antd';
import type { CriteriaSetDefinition } from '../../../../src/modules/learning-models/criteria';

/**
 * The criteria of a set as a form: points per indicator (points sets) or met / not met (pass-fail sets). One column,
 * large controls, the group's maximum beside its name: it has to work on a phone held in one hand.
 */
export type Scores = Record<string, number | boolean>;
type Definition = Pick<CriteriaSetDefinition, 'groups' | 'passRule'> & { targetGroups?: CriteriaSetDefinition['targetGroups'] | null };

export const applies = (targetGroups: string[] | undefined, group: string | undefined) => !targetGroups || (group !== undefined && targetGroups.includes(group));

/** The indicators the form asks for, given the target group. */
export function askedIndicators(d: Definition, targetGroup: string | undefined) {
  return d.groups.flatMap((g) => g.indicators.filter((i) => applies(i.targetGroups, targetGroup)));
}

export function liveTotal(d: Definition, scores: Scores, targetGroup: string | undefined): { total: number; max: number; missing: number } {
  const asked = askedIndicators(d, targetGroup);
  const points = d.passRule.kind !== 'levels';
  const total = asked.reduce((s, i) => s + (points ? Number(scores[i.code] ?? 0) : scores[i.code] === true ? 1 : 0), 0);
  return { total: Math.round(total * 100) / 100, max: points ? asked.reduce((s, i) => s + (i.maxPoints ?? 0), 0) : asked.length, missing: asked.filter((i) => scores[i.code] === undefined).length };
}

export function ScoresForm({ definition, scores, onChange, targetGroup, onTargetGroup, errors = {}, disabled }: {
  definition: Definition; scores: Scores; onChange: (s: Scores) => void; targetGroup: string | undefined; onTargetGroup: (g: string) => void;
  errors?: Record<string, string>; disabled?: boolean;
}) {
  const points = definition.passRule.kind !== 'levels';
  return (
    <Flex vertical gap={16}>
      {definition.targetGroups && (
        <div>
          <Typography.Text strong>Nhóm đối tượng</Typography.Text>
          <Select
            size="large" style={{ width: '100%', marginTop: 4 }} placeholder="Chọn nhóm phù hợp với bạn" value={targetGroup} disabled={disabled}
            onChange={onTargetGroup} options={definition.targetGroups.map((g) => ({ value: g.code, label: g.name }))} data-testid="target-group"
          />
          {errors.targetGroup && <Typography.Text type="danger">{errors.targetGroup}</Typography.Text>}
        </div>
      )}
      {definition.groups.map((g, gi) => (
        <section key={g.code}>
          <Typography.Title level={5} style={{ marginBottom: 8 }}>
            {gi + 1}. {g.name}{g.maxPoints ? <Typography.Text type="secondary" style={{ fontWeight: 400 }}> (tối đa {g.maxPoints} điểm)</Typography.Text> : null}
          </Typography.Title>
          <Flex vertical gap={12}>
            {g.indicators.filter((i) => applies(i.targetGroups, targetGroup)).map((i) => (
              <div key={i.code} style={{ borderBottom: '1px solid #f0f0f0', paddingBottom: 10 }}>
                <div style={{ marginBottom: 6 }}>{i.name}</div>
                <Flex align="center" gap={8}>
                  {points ? (
                    <InputNumber
                      size="large" min={0} max={i.maxPoints} step={0.5} inputMode="decimal" disabled={disabled} style={{ width: 130 }}
                      value={typeof scores[i.code] === 'number' ? (scores[i.code] as number) : null}
                      onChange={(v) => { const next = { ...scores }; if (v === null) delete next[i.code]; else next[i.code] = v; onChange(next); }}
                      status={errors[`scores.${i.code}`] ? 'error' : undefined} data-testid={`score-${i.code}`} aria-label={i.name}
                    />
                  ) : (
                    <Switch checked={scores[i.code] === true} disabled={disabled} onChange={(v) => onChange({ ...scores, [i.code]: v })} data-testid={`score-${i.code}`} />
                  )}
                  <Typography.Text type="secondary">{points ? `/ ${i.maxPoints} điểm` : scores[i.code] === true ? 'Đạt' : 'Chưa đạt'}</Typography.Text>
                </Flex>
                {errors[`scores.${i.code}`] && <Typography.Text type="danger">{errors[`scores.${i.code}`]}</Typography.Text>}
              </div>
            ))}
          </Flex>
        </section>
      ))}
    </Flex>
  );
}

/** Field errors of a problem response keyed without the "body." prefix, for the form above. */
export function fieldErrors(errors: { field: string; message: string }[]): Record<string, string> {
  return Object.fromEntries(errors.map((e) => [e.field.replace(/^body\./, ''), e.message]));
}
