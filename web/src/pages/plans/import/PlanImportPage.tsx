import { FileTextOutlined, UploadOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Breadcrumb, Button, Card, Col, DatePicker, Descriptions, Flex, Input, List, Result, Row, Steps, Tabs, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useMemo, useRef, useState } from 'react';
import { Link } from 'react-router-dom';
import { api, ApiError } from '../../../api/client';
import { useMe } from '../../../auth/session';
import { EmptyState, ErrorAlert } from '../../../components/feedback';
import { DATE_FORMAT, formatBytes, formatDate, formatNumber } from '../../../format';
import { partyNames, tasksOf, unresolvedCount } from './draft';
import { ReviewTree, SourceLink, TargetTable, type ReviewContext } from './ReviewTree';
import { SourcePane } from './SourcePane';
import type { ImportResponse, ParseResponse, PlanDraft } from './types';

const ACCEPT = '.txt,.docx,text/plain,application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const SEVERITY: Record<string, { color: string; label: string }> = {
  error: { color: 'error', label: 'Lỗi' }, warning: { color: 'warning', label: 'Cần xem' }, info: { color: 'default', label: 'Ghi chú' },
};

/** Plan import: paste or upload the text → review what was read, line by line → publish to the tracker. */
export function PlanImportPage() {
  const me = useMe().data;
  const qc = useQueryClient();
  const [parsed, setParsed] = useState<ParseResponse | null>(null);
  const [draft, setDraft] = useState<PlanDraft | null>(null);
  const [slug, setSlug] = useState('');
  const [selected, setSelected] = useState<[number, number] | null>(null);

  const parse = useMutation({
    mutationFn: (input: { text: string } | { file: File }) => {
      if ('text' in input) return api<ParseResponse>('/api/v1/plans/parse', { method: 'POST', body: { text: input.text } });
      const form = new FormData();
      form.append('file', input.file, input.file.name);
      return api<ParseResponse>('/api/v1/plans/parse', { method: 'POST', body: form });
    },
    onSuccess: (r) => { setParsed(r); setDraft(r.draft); setSlug(r.slug ?? ''); setSelected(null); },
  });
  const publish = useMutation({
    mutationFn: (v: { slug: string; plan: PlanDraft }) => api<ImportResponse>('/api/v1/plans/import', { method: 'POST', body: v }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['plans'] }),
  });

  if (!me) return null;
  if (me.role !== 'admin' && me.role !== 'coordinator') return <EmptyState>Chỉ quản trị và điều phối được nhập kế hoạch.</EmptyState>;

  const step = publish.isSuccess ? 2 : draft ? 1 : 0;
  const crumbs = (
    <Breadcrumb style={{ marginBottom: 12 }} items={[{ title: <Link to="/ke-hoach">Kế hoạch</Link> }, { title: 'Nhập kế hoạch từ văn bản' }]} />
  );

  if (publish.isSuccess) {
    const r = publish.data;
    return (
      <>
        {crumbs}
        <Card>
          <Result
            status="success"
            title={`Đã đăng Kế hoạch số ${draft?.number}`}
            subTitle={`${formatNumber(r.tasks)} nhiệm vụ, ${formatNumber(r.assignments)} đơn vị được giao theo dõi.`}
            extra={[
              <Link key="open" to={`/ke-hoach/${r.id}`}><Button type="primary" data-testid="plan-import-open">Xem kế hoạch</Button></Link>,
              <Button key="again" onClick={() => { publish.reset(); parse.reset(); setParsed(null); setDraft(null); }}>Nhập văn bản khác</Button>,
            ]}
          />
        </Card>
      </>
    );
  }

  return (
    <>
      {crumbs}
      <Steps size="small" current={step} style={{ marginBottom: 16, maxWidth: 900 }} items={[{ title: 'Dán hoặc chọn tệp' }, { title: 'Rà soát' }, { title: 'Đăng vào hệ thống' }]} />
      {!draft || !parsed
        ? <InputCard onRead={(input) => parse.mutate(input)} loading={parse.isPending} error={parse.error} />
        : (
          <Review
            parsed={parsed}
            draft={draft}
            setDraft={setDraft}
            slug={slug}
            setSlug={setSlug}
            selected={selected}
            select={(l) => setSelected(l ?? null)}
            onBack={() => { setParsed(null); setDraft(null); parse.reset(); publish.reset(); }}
            onPublish={() => publish.mutate({ slug, plan: draft })}
            publishing={publish.isPending}
            publishError={publish.error}
          />
        )}
    </>
  );
}

function InputCard({ onRead, loading, error }: { onRead: (i: { text: string } | { file: File }) => void; loading: boolean; error: unknown }) {
  const [tab, setTab] = useState('text');
  const [text, setText] = useState('');
  const [file, setFile] = useState<File | undefined>();
  const input = useRef<HTMLInputElement>(null);
  const ready = tab === 'text' ? text.trim().length > 0 : !!file;
  return (
    <Card>
      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[
          {
            key: 'text', label: 'Dán văn bản', icon: <FileTextOutlined />,
            children: (
              <Input.TextArea
                value={text}
                onChange={(e) => setText(e.target.value)}
                rows={16}
                placeholder="Dán toàn bộ văn bản kế hoạch: từ “ỦY BAN NHÂN DÂN … Số: …/KH-UBND” đến phần “Nơi nhận” và chữ ký."
                data-testid="plan-import-text"
              />
            ),
          },
          {
            key: 'file', label: 'Chọn tệp (.txt, .docx)', icon: <UploadOutlined />,
            children: (
              <Flex gap={12} align="center" style={{ minHeight: 80 }}>
                <input ref={input} type="file" accept={ACCEPT} style={{ display: 'none' }} data-testid="plan-import-file" onChange={(e) => { setFile(e.target.files?.[0]); e.target.value = ''; }} />
                <Button icon={<UploadOutlined />} onClick={() => input.current?.click()}>{file ? 'Đổi tệp' : 'Chọn tệp'}</Button>
                {file ? <Typography.Text>{file.name} <Typography.Text type="secondary">({formatBytes(file.size)})</Typography.Text></Typography.Text>
                  : <Typography.Text type="secondary">Văn bản Word (.docx) hoặc văn bản thuần (.txt, mã UTF-8); tối đa 2 MB.</Typography.Text>}
              </Flex>
            ),
          },
        ]}
      />
      <Flex gap={12} align="center" style={{ marginTop: 12 }}>
        <Button type="primary" disabled={!ready} loading={loading} onClick={() => onRead(tab === 'text' ? { text } : { file: file! })} data-testid="plan-import-parse">Đọc văn bản</Button>
        <Typography.Text type="secondary">Chưa có gì được ghi: bước sau là rà soát từng mục, nhiệm vụ, cơ quan và thời hạn đã đọc được.</Typography.Text>
      </Flex>
      {error !== null && error !== undefined && <div style={{ marginTop: 12 }} data-testid="plan-import-error"><ErrorAlert error={error} /></div>}
    </Card>
  );
}

interface ReviewProps {
  parsed: ParseResponse; draft: PlanDraft; setDraft: (d: PlanDraft) => void; slug: string; setSlug: (s: string) => void;
  selected: [number, number] | null; select: (l: [number, number] | undefined) => void; onBack: () => void; onPublish: () => void;
  publishing: boolean; publishError: unknown;
}

function Review(p: ReviewProps) {
  const { parsed, draft } = p;
  const { names, kinds } = useMemo(() => partyNames(parsed), [parsed]);
  const options = useMemo(() => parsed.choices.map((c) => ({ value: c.code, label: c.name })), [parsed]);
  const ctx: ReviewContext = { draft, setDraft: p.setDraft, names, kinds, options, select: p.select };
  const unresolved = unresolvedCount(draft);
  const taskCount = [...tasksOf(draft.sections)].length;
  const head = parsed.parse;
  const problems = p.publishError instanceof ApiError ? p.publishError : null;
  return (
    <Row gutter={16}>
      <Col xs={24} xl={15}>
        <Card size="small" style={{ marginBottom: 16 }} title={head.documentType ?? 'Văn bản'} extra={<Button size="small" onClick={p.onBack}>Đọc văn bản khác</Button>}>
          <Descriptions size="small" column={{ xs: 1, md: 2 }} items={[
            { key: 'n', label: 'Số, ký hiệu', children: <Input size="small" value={draft.number} onChange={(e) => p.setDraft({ ...draft, number: e.target.value })} data-testid="plan-import-number" style={{ maxWidth: 200 }} /> },
            {
              key: 'd', label: 'Ngày ban hành',
              children: <DatePicker size="small" format={DATE_FORMAT} value={draft.issuedOn ? dayjs(draft.issuedOn) : null} onChange={(d) => p.setDraft({ ...draft, issuedOn: d ? d.format('YYYY-MM-DD') : '' })} data-testid="plan-import-date" />,
            },
            { key: 'i', label: 'Cơ quan ban hành', children: head.issuerUnit ? `${head.issuer} (${head.issuerUnit.code})` : <Typography.Text type="danger">{head.issuer ?? 'Không xác định'}</Typography.Text> },
            { key: 's', label: 'Người ký', children: head.signer ? [head.signer.capacity, head.signer.position, head.signer.name].filter(Boolean).join(' · ') : '—' },
            { key: 't', label: 'Tên kế hoạch', span: 2, children: <Input.TextArea autoSize value={draft.title} onChange={(e) => p.setDraft({ ...draft, title: e.target.value })} data-testid="plan-import-title" /> },
          ]} />
          {draft.legalBasis.length > 0 && (
            <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0', fontSize: 12.5 }}>
              Căn cứ: {draft.legalBasis.join('; ')}
            </Typography.Paragraph>
          )}
        </Card>

        <Findings parsed={parsed} select={p.select} />

        <Card size="small" title={`Mục và nhiệm vụ (${formatNumber(taskCount)} nhiệm vụ)`} style={{ marginBottom: 16 }}>
          <ReviewTree ctx={ctx} />
        </Card>
        {draft.targets.length > 0 && (
          <Card size="small" title={`Chỉ tiêu (${draft.targets.length})`} style={{ marginBottom: 16 }}>
            <TargetTable ctx={ctx} />
          </Card>
        )}

        <Card size="small" style={{ marginBottom: 16 }} data-testid="plan-import-publish-card">
          {parsed.exists && <Alert type="warning" showIcon style={{ marginBottom: 12 }} title="Kế hoạch có cùng số, cơ quan ban hành hoặc mã đã có trong hệ thống: đăng lại sẽ bị từ chối." />}
          <Flex gap={12} align="center" wrap>
            <Typography.Text>Mã kế hoạch</Typography.Text>
            <Input value={p.slug} onChange={(e) => p.setSlug(e.target.value)} style={{ width: 260 }} data-testid="plan-import-slug" />
            <Button type="primary" disabled={unresolved > 0 || !p.slug} loading={p.publishing} onClick={p.onPublish} data-testid="plan-import-publish">Đăng kế hoạch</Button>
            {unresolved > 0
              ? <Typography.Text type="warning" data-testid="plan-import-unresolved-count">Còn {unresolved} cơ quan chưa chọn đơn vị trong danh mục.</Typography.Text>
              : <Typography.Text type="secondary">{formatNumber(taskCount)} nhiệm vụ, {draft.targets.length} chỉ tiêu; ngày ban hành {formatDate(draft.issuedOn)}.</Typography.Text>}
          </Flex>
          {p.publishError !== null && p.publishError !== undefined && (
            <Alert
              type="error"
              showIcon
              style={{ marginTop: 12 }}
              data-testid="plan-import-publish-error"
              title={problems?.title ?? String(p.publishError)}
              description={problems?.errors.length ? <ul style={{ margin: 0, paddingInlineStart: 18 }}>{problems.errors.slice(0, 20).map((e) => <li key={e.field + e.message}>{e.field}: {e.message}</li>)}</ul> : undefined}
            />
          )}
        </Card>
      </Col>
      <Col xs={24} xl={9}>
        <SourcePane lines={parsed.lines} selected={p.selected} />
      </Col>
    </Row>
  );
}

/** What the reviewer must look at: the parser's warnings and the lines it could not place. */
function Findings({ parsed, select }: { parsed: ParseResponse; select: (l: [number, number] | undefined) => void }) {
  const { warnings, unparsed } = parsed.parse;
  const shown = warnings.filter((w) => w.code !== 'task.no_lead');
  const noLead = warnings.length - shown.length;
  if (!shown.length && !unparsed.length && !noLead) {
    return <Alert type="success" showIcon style={{ marginBottom: 16 }} title="Đã đọc hết văn bản, không có điểm cần lưu ý." />;
  }
  return (
    <Card size="small" title={`Cần rà soát (${shown.length + unparsed.length})`} style={{ marginBottom: 16 }} data-testid="plan-import-findings">
      <List
        size="small"
        dataSource={[
          ...shown.map((w) => ({ key: `${w.code}${w.lines[0]}${w.message}`, tag: SEVERITY[w.severity]!, text: w.message, lines: w.lines })),
          ...unparsed.map((u) => ({ key: `u${u.line}`, tag: { color: 'orange', label: 'Chưa đọc được' }, text: `“${u.text}”`, lines: [u.line, u.line] as [number, number] })),
        ]}
        renderItem={(f) => (
          <List.Item style={{ paddingInline: 0 }}>
            <Flex gap={8} align="baseline" style={{ width: '100%' }}>
              <Tag color={f.tag.color}>{f.tag.label}</Tag>
              <Typography.Text style={{ flex: 1 }}>{f.text}</Typography.Text>
              <SourceLink lines={f.lines} ctx={{ select }} />
            </Flex>
          </List.Item>
        )}
      />
      {noLead > 0 && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{noLead} nhiệm vụ văn bản không nêu cơ quan chủ trì (giữ nguyên nếu đúng như văn bản).</Typography.Text>}
    </Card>
  );
}
