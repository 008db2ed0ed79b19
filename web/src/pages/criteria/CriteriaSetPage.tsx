import { ArrowLeftOutlined, EditOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Flex, Select, Tabs, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { useMe } from '../../auth/session';
import { ExportButton } from '../../components/ExportButton';
import { ErrorAlert, Loading } from '../../components/feedback';
import { formatDate, formatDateTime } from '../../format';
import { formatPoints, useCriteriaSet, useVersions } from './api';
import { CriteriaEditor } from './CriteriaEditor';
import { CriteriaTree } from './CriteriaTree';
import { MarkTag } from './MarkTag';
import { TryScore } from './TryScore';

/** One version of a criteria set: its source and marks, the tree, a try-scoring panel and (admins) the editor. */
export function CriteriaSetPage() {
  const { id = '' } = useParams();
  const set = useCriteriaSet(id);
  const versions = useVersions(set.data?.code);
  const navigate = useNavigate();
  const admin = useMe().data?.role === 'admin';
  const [editing, setEditing] = useState(false);
  if (set.isError) return <ErrorAlert error={set.error} onRetry={() => set.refetch()} />;
  if (!set.data) return <Loading />;
  const s = set.data;
  const d = s.definition;
  const latest = s.version === s.latestVersion;

  return (
    <>
      <Flex align="center" gap={12} wrap style={{ marginBottom: 12 }}>
        <Link to="/bo-tieu-chi"><ArrowLeftOutlined /> Bộ tiêu chí</Link>
        <Typography.Title level={3} style={{ margin: 0 }}>{s.modelTypeLabel}</Typography.Title>
        <Select
          style={{ width: 220 }} value={s.id} onChange={(v) => { setEditing(false); navigate(`/bo-tieu-chi/${v}`); }} data-testid="criteria-version-select"
          options={(versions.data ?? [{ ...s, latest }]).map((v) => ({ value: v.id, label: `Phiên bản ${v.version}${v.latest ? ' (mới nhất)' : ''}` }))}
        />
        <Flex gap={8} style={{ marginLeft: 'auto' }}>
          {admin && !editing && (
            <Tooltip title={latest ? undefined : 'Chỉ sửa được phiên bản mới nhất'}>
              <Button icon={<EditOutlined />} disabled={!latest} onClick={() => setEditing(true)} data-testid="criteria-edit">Sửa bộ tiêu chí</Button>
            </Tooltip>
          )}
          <ExportButton path={`/api/v1/criteria-sets/${s.id}`} />
        </Flex>
      </Flex>
      <Card size="small" style={{ marginBottom: 16 }}>
        <Descriptions size="small" column={{ xs: 1, md: 2 }} items={[
          { key: 'name', label: 'Bộ tiêu chí', span: 2, children: <Typography.Text strong data-testid="criteria-title">{s.name}</Typography.Text> },
          { key: 'source', label: 'Văn bản', children: <Flex gap={6} wrap align="center"><span>{[d.source.document, d.source.issuer, d.source.clause].filter(Boolean).join(' — ')}</span><MarkTag mark={d.source.mark} /></Flex> },
          { key: 'effective', label: 'Hiệu lực', children: `${formatDate(s.effectiveFrom)} – ${s.effectiveTo ? formatDate(s.effectiveTo) : 'nay'}` },
          { key: 'version', label: 'Phiên bản', children: <span data-testid="criteria-version">{s.version} · {s.createdBy ? 'sửa trên hệ thống' : 'nạp từ dữ liệu gốc'} {formatDateTime(s.createdAt)}</span> },
          { key: 'mark', label: 'Xác minh chung', children: <MarkTag mark={s.verification} long /> },
          {
            key: 'rule', label: 'Quy tắc đạt', span: 2,
            children: <Flex gap={6} wrap align="center"><span data-testid="criteria-rule">{s.passRuleText}</span>{s.maxTotal !== null && <Typography.Text type="secondary">(tối đa {formatPoints(s.maxTotal)} điểm)</Typography.Text>}<MarkTag mark={d.passRule.mark} /></Flex>,
          },
          ...(d.targetGroups ? [{ key: 'groups', label: 'Nhóm đối tượng', span: 2, children: <Flex gap={8} wrap>{d.targetGroups.map((g) => <span key={g.code}>{g.name} <MarkTag mark={g.mark} /></span>)}</Flex> }] : []),
          ...([d.source.note, d.note, d.passRule.note].some(Boolean) ? [{
            key: 'note', label: 'Ghi chú nguồn', span: 2,
            children: <Flex vertical gap={2}>{[d.source.note, d.note, d.passRule.note].filter(Boolean).map((n, i) => <Typography.Text key={i} type="secondary" style={{ fontSize: 12 }}>{n}</Typography.Text>)}</Flex>,
          }] : []),
        ]} />
      </Card>
      {editing ? <CriteriaEditor key={s.id} set={s} onClose={() => setEditing(false)} /> : (
        <Card size="small">
          <Tabs items={[
            { key: 'tree', label: 'Tiêu chí và chỉ số', children: <CriteriaTree definition={d} /> },
            { key: 'try', label: <span data-testid="tab-try">Thử chấm điểm</span>, children: <TryScore key={s.id} set={s} /> },
          ]} />
        </Card>
      )}
    </>
  );
}
