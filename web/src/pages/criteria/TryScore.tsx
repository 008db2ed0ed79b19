import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Card, Checkbox, Col, Flex, InputNumber, Row, Select, Switch, Tag, Typography } from 'antd';
import { useState } from 'react';
import { ApiError, errorMessage } from '../../api/client';
import { evaluateSet, formatPoints, type CriteriaSetDetail, type Evaluation } from './api';

/** "Thử chấm điểm": scores typed here are evaluated by the server with the set's own rule; nothing is stored. */
export function TryScore({ set }: { set: CriteriaSetDetail }) {
  const d = set.definition;
  const scored = d.passRule.kind !== 'levels';
  const [targetGroup, setTargetGroup] = useState<string | undefined>(d.targetGroups?.[0]?.code);
  const [difficultArea, setDifficultArea] = useState(false);
  const [scores, setScores] = useState<Record<string, number | boolean | null>>({});
  const indicators = d.groups.flatMap((g) => g.indicators).filter((i) => !i.targetGroups || (targetGroup !== undefined && i.targetGroups.includes(targetGroup)));
  const run = useMutation({
    mutationFn: () => evaluateSet(set.id, {
      // Only what the user filled in: a missing indicator is reported by the server like any other input problem.
      scores: Object.fromEntries(indicators.flatMap((i) => {
        const v = scores[i.code];
        return v === undefined || v === null ? (scored ? [] : [[i.code, false]]) : [[i.code, v]];
      })),
      ...(targetGroup ? { targetGroup } : {}),
      ...(difficultArea ? { difficultArea } : {}),
    }),
  });
  const fieldErrors = new Map(run.error instanceof ApiError ? run.error.errors.map((e) => [e.field.replace(/^body\./, ''), e.message]) : []);
  const fillMax = () => setScores(Object.fromEntries(indicators.map((i) => [i.code, scored ? i.maxPoints! : true])));

  return (
    <Row gutter={16}>
      <Col xs={24} lg={15}>
        <Flex gap={12} wrap align="center" style={{ marginBottom: 12 }}>
          {d.targetGroups && (
            <Select
              style={{ minWidth: 320 }} value={targetGroup} onChange={(v) => { setTargetGroup(v); run.reset(); }} data-testid="try-target-group"
              options={d.targetGroups.map((g) => ({ value: g.code, label: `Nhóm: ${g.name}` }))}
            />
          )}
          {d.passRule.kind === 'points' && d.passRule.minTotalDifficultArea !== undefined && (
            <Checkbox checked={difficultArea} onChange={(e) => setDifficultArea(e.target.checked)} data-testid="try-difficult">
              Vùng sâu, vùng xa, vùng đặc biệt khó khăn, vùng đồng bào dân tộc thiểu số
            </Checkbox>
          )}
          <Button onClick={fillMax} data-testid="try-fill-max">{scored ? 'Điền điểm tối đa' : 'Đánh dấu đạt tất cả'}</Button>
        </Flex>
        <Flex vertical gap={6}>
          {indicators.map((i) => {
            const error = fieldErrors.get(`scores.${i.code}`);
            return (
              <Flex key={i.code} align="center" gap={8}>
                <Typography.Text code style={{ width: 110, flex: 'none' }}>{i.code}</Typography.Text>
                <Typography.Text style={{ flex: 1, fontSize: 13 }} ellipsis={{ tooltip: i.name }}>{i.name}</Typography.Text>
                {scored ? (
                  <InputNumber<number>
                    size="small" style={{ width: 110 }} min={0} step={0.5} decimalSeparator="," value={(scores[i.code] as number | null | undefined) ?? null}
                    status={error ? 'error' : undefined} suffix={`/${formatPoints(i.maxPoints)}`} data-testid={`try-score-${i.code}`}
                    onChange={(v) => setScores((s) => ({ ...s, [i.code]: v }))}
                  />
                ) : (
                  <Switch
                    checkedChildren="Đạt" unCheckedChildren="Chưa" checked={scores[i.code] === true} data-testid={`try-score-${i.code}`}
                    onChange={(v) => setScores((s) => ({ ...s, [i.code]: v }))}
                  />
                )}
                {error && <Typography.Text type="danger" style={{ fontSize: 12, width: 200 }}>{error}</Typography.Text>}
              </Flex>
            );
          })}
        </Flex>
        <Button type="primary" style={{ marginTop: 12 }} loading={run.isPending} onClick={() => run.mutate()} data-testid="try-run">Chấm thử</Button>
      </Col>
      <Col xs={24} lg={9}>
        <Card size="small" title="Kết quả (không lưu)">
          {run.isError && <Alert type="error" showIcon title={errorMessage(run.error)} description={fieldErrors.get('targetGroup')} />}
          {run.data && <Result result={run.data} scored={scored} />}
          {!run.data && !run.isError && <Typography.Text type="secondary">Nhập điểm từng chỉ số rồi bấm "Chấm thử". Quy tắc: {set.passRuleText}.</Typography.Text>}
        </Card>
      </Col>
    </Row>
  );
}

function Result({ result: r, scored }: { result: Evaluation; scored: boolean }) {
  return (
    <Flex vertical gap={8} data-testid="try-result">
      <Flex gap={8} align="center" wrap>
        <Tag color={r.passed ? 'green' : 'red'} style={{ fontSize: 14, padding: '2px 10px' }} data-testid="try-passed">{r.passed ? 'Đạt' : 'Không đạt'}</Tag>
        {r.levelLabel && <Tag color="blue" style={{ fontSize: 14, padding: '2px 10px' }} data-testid="try-level">{r.levelLabel}</Tag>}
      </Flex>
      <Typography.Text data-testid="try-total">
        {scored ? `Tổng điểm: ${formatPoints(r.total)} / ${formatPoints(r.maxTotal)}` : `Chỉ tiêu đạt: ${r.total} / ${r.maxTotal}`}
      </Typography.Text>
      <ul style={{ margin: 0, paddingInlineStart: 18 }}>
        {r.reasons.map((x, i) => <li key={i}><Typography.Text style={{ fontSize: 13 }}>{x.message}</Typography.Text></li>)}
      </ul>
    </Flex>
  );
}
