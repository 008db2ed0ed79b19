import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App as AntApp, Breadcrumb, Button, Card, Checkbox, DatePicker, Descriptions, Flex, Form, Input, InputNumber, Modal, Radio, Select, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { api, errorMessage } from '../../api/client';
import { useMe } from '../../auth/session';
import { ErrorAlert, Loading } from '../../components/feedback';
import { CentreFields } from './CentreFields';
import { DATE_FORMAT, formatDate, formatNumber } from '../../format';
import {
  canReviewCentres, canWriteCentres, CATEGORIES, PARTICIPANT_CATEGORIES, RATING_OPTIONS, RATING_SCALE, showFieldErrors, TOPIC_LABELS, TOPICS, useCentre, useScopeCommunes,
  type Breakdown, type CentreDetail, type CentreYear, type Topic,
} from './api';

/** One centre: its commune as it stood, staff, re-organisation, and the yearly report with its review. */
export function CentrePage() {
  const { id } = useParams<{ id: string }>();
  const centre = useCentre(id!);
  const me = useMe().data!;
  const [reorganising, setReorganising] = useState(false);
  const [editing, setEditing] = useState(false);
  if (centre.isPending) return <Loading />;
  if (centre.isError) return <ErrorAlert error={centre.error} onRetry={() => centre.refetch()} />;
  const c = centre.data;
  const ended = c.commune.validTo !== null && c.validTo === null;
  return (
    <Flex vertical gap={16}>
      <Breadcrumb items={[{ title: <Link to="/trung-tam">Trung tâm học tập cộng đồng</Link> }, { title: c.name }]} />
      <Flex align="center" gap={8} wrap>
        <Typography.Title level={3} style={{ margin: 0, marginRight: 'auto' }}>{c.name} {c.demo && <Tag>Dữ liệu mẫu</Tag>}</Typography.Title>
        {canWriteCentres(me.role) && c.validTo === null && <Button onClick={() => setEditing(true)}>Sửa thông tin, nhân sự</Button>}
        {ended && canWriteCentres(me.role) && <Button type="primary" onClick={() => setReorganising(true)} data-testid="reorganise">Sắp xếp lại</Button>}
      </Flex>
      {ended && <Alert type="warning" showIcon title={`${c.commune.name} đã kết thúc ngày ${formatDate(c.commune.validTo)}: trung tâm cần được sắp xếp lại vào trung tâm của xã, phường kế thừa (Thông tư 11/2025/TT-BGDĐT).`} />}
      <Card size="small">
        <Descriptions size="small" column={{ xs: 1, md: 2 }} items={[
          { label: 'Xã, phường', children: `${c.commune.name} (${c.commune.code})${c.commune.parent ? ` — ${c.commune.parent.name}` : ''}` },
          { label: 'Thời gian hoạt động', children: `${formatDate(c.validFrom)} – ${c.validTo ? formatDate(c.validTo) : 'nay'}` },
          { label: 'Quyết định thành lập', children: c.decision ?? '—' },
          { label: 'Giám đốc', children: c.staff.director ?? '—' },
          { label: 'Cán bộ quản lý / giáo viên / cộng tác viên', children: `${c.staff.managers} / ${c.staff.teachers} / ${c.staff.collaborators}` },
          { label: 'Sắp xếp lại', children: c.successor ? <>Đã sắp xếp vào <Link to={`/trung-tam/${c.successor.id}`}>{c.successor.name}</Link> từ {formatDate(c.successor.validFrom)}</>
            : c.predecessors.length ? <>Tiếp nhận: {c.predecessors.map((p, i) => <span key={p.id}>{i ? ', ' : ''}<Link to={`/trung-tam/${p.id}`}>{p.name}</Link> ({p.communeName})</span>)}</> : '—' },
        ]} />
      </Card>
      <YearSection centre={c} />
      {reorganising && <Reorganise centre={c} onClose={() => setReorganising(false)} />}
      {editing && <EditCentre centre={c} onClose={() => setEditing(false)} />}
    </Flex>
  );
}

interface YearForm { itManagement: boolean; itTeaching: boolean; selfRating: string | null; activities: { topic: Topic; classes: number; sessions: number; participants: number; breakdown: Breakdown }[] }

function YearSection({ centre }: { centre: CentreDetail }) {
  const me = useMe().data!;
  const qc = useQueryClient();
  const { message } = AntApp.useApp();
  const first = Number(centre.validFrom.slice(0, 4));
  const last = centre.validTo ? Number(centre.validTo.slice(0, 4)) : new Date().getFullYear();
  const years = Array.from({ length: last - first + 1 }, (_, i) => last - i).slice(0, 10);
  const [year, setYear] = useState(years[0]!);
  const current: CentreYear | undefined = centre.years.find((y) => y.year === year);
  const [form] = Form.useForm<YearForm>();
  const initial: YearForm = {
    itManagement: current?.itManagement ?? false, itTeaching: current?.itTeaching ?? false, selfRating: current?.selfRating ?? null,
    activities: TOPICS.map((topic) => {
      const a = current?.activities.find((x) => x.topic === topic);
      return { topic, classes: a?.classes ?? 0, sessions: a?.sessions ?? 0, participants: a?.participants ?? 0, breakdown: a?.breakdown ?? {} };
    }),
  };
  const save = useMutation({
    mutationFn: (v: YearForm) => api<CentreDetail>(`/api/v1/learning-centres/${centre.id}/years/${year}`, {
      method: 'PUT',
      body: {
        itManagement: v.itManagement, itTeaching: v.itTeaching, selfRating: v.selfRating ?? null, version: current?.version ?? null,
        // Only topics with something to report; empty breakdown categories are left out (not known).
        // Rows are the topics in TOPICS order (the topic itself is not a form field, so it is not in the values).
        activities: v.activities.map((a, i) => ({ ...a, topic: TOPICS[i]! })).filter((a) => a.classes || a.sessions || a.participants).map((a) => ({
          topic: a.topic, classes: a.classes ?? 0, sessions: a.sessions ?? 0, participants: a.participants ?? 0,
          breakdown: Object.fromEntries(PARTICIPANT_CATEGORIES.map((c) => [c, a.breakdown?.[c]]).filter(([, parts]) => parts && Object.values(parts as object).some((n) => n !== null && n !== undefined))),
        })),
      },
    }),
    onSuccess: (d) => { qc.setQueryData(['learning-centre', centre.id], d); qc.invalidateQueries({ queryKey: ['learning-centres'] }); message.success(`Đã lưu báo cáo năm ${year}`); },
    onError: (e) => { showFieldErrors(form, e); message.error(errorMessage(e)); },
  });
  const editable = canWriteCentres(me.role) && (centre.validTo === null || Number(centre.validTo.slice(0, 4)) >= year);
  return (
    <Card size="small" title={<Flex gap={8} align="center">Báo cáo năm <Select size="small" value={year} onChange={setYear} options={years.map((y) => ({ value: y, label: y }))} /></Flex>}
      extra={current?.reviewedRatingLabel ? <Tag color="blue">Thẩm định: {current.reviewedRatingLabel}</Tag> : current ? <Tag>Chưa thẩm định</Tag> : <Tag>Chưa báo cáo</Tag>}>
      <Form key={`${year}-${current?.version ?? 0}`} form={form} layout="vertical" initialValues={initial} onFinish={(v) => save.mutate(v)} disabled={!editable}>
        <Flex gap={24} wrap>
          <Form.Item name="itManagement" valuePropName="checked"><Checkbox>Ứng dụng CNTT trong quản lý</Checkbox></Form.Item>
          <Form.Item name="itTeaching" valuePropName="checked"><Checkbox>Ứng dụng CNTT trong tổ chức dạy học</Checkbox></Form.Item>
          <Form.Item name="selfRating" label="Tự đánh giá" tooltip={RATING_SCALE.source}><Radio.Group options={RATING_OPTIONS} /></Form.Item>
        </Flex>
        <Form.List name="activities">
          {(fields) => (
            <Table size="small" pagination={false} rowKey="key" dataSource={fields} scroll={{ x: true }} columns={[
              { title: 'Chủ đề', key: 'topic', render: (_, f) => TOPIC_LABELS[initial.activities[f.name]!.topic] },
              ...(['classes', 'sessions', 'participants'] as const).map((k) => ({
                title: { classes: 'Số lớp', sessions: 'Số buổi', participants: 'Người tham gia' }[k], key: k,
                render: (_: unknown, f: { name: number }) => <Form.Item name={[f.name, k]} style={{ margin: 0 }}><InputNumber min={0} style={{ width: 100 }} data-testid={`${k}-${f.name}`} /></Form.Item>,
              })),
              ...PARTICIPANT_CATEGORIES.map((c) => ({
                title: CATEGORIES[c].label, key: c,
                render: (_: unknown, f: { name: number }) => (
                  <Flex gap={4}>
                    {Object.entries(CATEGORIES[c].options).map(([o, label]) => (
                      <Form.Item key={o} name={[f.name, 'breakdown', c, o]} noStyle><InputNumber min={0} placeholder={label} style={{ width: 86 }} aria-label={label} /></Form.Item>
                    ))}
                  </Flex>
                ),
              })),
            ]} />
          )}
        </Form.List>
        {editable && <Flex justify="end" style={{ marginTop: 12 }}><Button type="primary" htmlType="submit" loading={save.isPending} data-testid="save-year">Lưu báo cáo năm {year}</Button></Flex>}
        {current?.reviewedRating && editable && <Typography.Text type="secondary">Sửa báo cáo đã thẩm định thì kết quả thẩm định phải làm lại.</Typography.Text>}
      </Form>
      {current && canReviewCentres(me.role) && <Review centreId={centre.id} year={current} />}
      {current?.reviewComment && <Alert style={{ marginTop: 12 }} type="info" title={`Ý kiến thẩm định (${current.reviewer ?? ''}): ${current.reviewComment}`} />}
    </Card>
  );
}

function Review({ centreId, year }: { centreId: string; year: CentreYear }) {
  const qc = useQueryClient();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<{ rating: string; comment?: string }>();
  const save = useMutation({
    mutationFn: (v: { rating: string; comment?: string }) => api<CentreDetail>(`/api/v1/learning-centres/${centreId}/years/${year.year}/review`, { method: 'POST', body: { ...v, version: year.version } }),
    onSuccess: (d) => { qc.setQueryData(['learning-centre', centreId], d); qc.invalidateQueries({ queryKey: ['learning-centres'] }); message.success('Đã ghi kết quả thẩm định'); },
    onError: (e) => message.error(errorMessage(e)),
  });
  return (
    <Form form={form} layout="inline" style={{ marginTop: 16 }} onFinish={(v) => save.mutate(v)} initialValues={{ rating: year.reviewedRating ?? undefined }}>
      <Form.Item name="rating" label="Thẩm định" rules={[{ required: true, message: 'Chọn mức' }]}><Select style={{ width: 140 }} options={RATING_OPTIONS} /></Form.Item>
      <Form.Item name="comment"><Input placeholder="Ý kiến" style={{ width: 320 }} /></Form.Item>
      <Button htmlType="submit" loading={save.isPending}>Ghi thẩm định</Button>
    </Form>
  );
}

interface ReorgForm { effective: dayjs.Dayjs; mode: 'new' | 'existing'; successor: { communeId?: string; name?: string; decision?: string; centreId?: string } }

function Reorganise({ centre, onClose }: { centre: CentreDetail; onClose: () => void }) {
  const me = useMe().data!;
  const qc = useQueryClient();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<ReorgForm>();
  const effective = Form.useWatch('effective', form) ?? dayjs(centre.commune.validTo).add(1, 'day');
  const mode = Form.useWatch('mode', form) ?? 'new';
  const communes = useScopeCommunes(me.scope, effective.format('YYYY-MM-DD'));
  const save = useMutation({
    mutationFn: (v: ReorgForm) => api('/api/v1/learning-centres/' + centre.id + '/reorganise', {
      method: 'POST',
      body: { effective: v.effective.format('YYYY-MM-DD'), version: centre.version, successor: v.mode === 'existing' ? { centreId: v.successor.centreId } : { communeId: v.successor.communeId, name: v.successor.name, decision: v.successor.decision || null } },
    }),
    onSuccess: () => { qc.invalidateQueries({ queryKey: ['learning-centre'] }); qc.invalidateQueries({ queryKey: ['learning-centres'] }); message.success('Đã sắp xếp lại trung tâm'); onClose(); },
    onError: (e) => { showFieldErrors(form, e); message.error(errorMessage(e)); },
  });
  return (
    <Modal open title={`Sắp xếp lại ${centre.name}`} okText="Sắp xếp lại" onCancel={onClose} onOk={() => form.submit()} confirmLoading={save.isPending}>
      <Typography.Paragraph type="secondary">Trung tâm cũ kết thúc ngày trước ngày sắp xếp và được nối với trung tâm của xã, phường kế thừa; lịch sử được giữ nguyên.</Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)} initialValues={{ effective, mode: 'new', successor: {} }}>
        <Form.Item name="effective" label="Ngày sắp xếp" rules={[{ required: true }]}><DatePicker format={DATE_FORMAT} /></Form.Item>
        <Form.Item name="mode"><Radio.Group options={[{ value: 'new', label: 'Thành lập trung tâm mới' }, { value: 'existing', label: 'Sáp nhập vào trung tâm đã có (nhập mã số)' }]} /></Form.Item>
        {mode === 'new' ? (
          <>
            <Form.Item name={['successor', 'communeId']} label="Xã, phường kế thừa" rules={[{ required: true, message: 'Chọn xã' }]}><Select showSearch={{ optionFilterProp: 'label' }} options={communes.data ?? []} loading={communes.isPending} /></Form.Item>
            <Form.Item name={['successor', 'name']} label="Tên trung tâm mới" rules={[{ required: true, min: 3 }]}><Input /></Form.Item>
            <Form.Item name={['successor', 'decision']} label="Quyết định (số, ngày)"><Input /></Form.Item>
          </>
        ) : (
          <Form.Item name={['successor', 'centreId']} label="Mã số trung tâm nhận sắp xếp" rules={[{ required: true, pattern: /^\d+$/, message: 'Nhập mã số (xem ở danh sách)' }]}><Input /></Form.Item>
        )}
      </Form>
      <Typography.Text type="secondary">{formatNumber(centre.years.length)} năm báo cáo của trung tâm cũ vẫn được giữ.</Typography.Text>
    </Modal>
  );
}

interface EditForm { name: string; decision?: string | null; director?: string | null; managers: number; teachers: number; collaborators: number }

function EditCentre({ centre, onClose }: { centre: CentreDetail; onClose: () => void }) {
  const qc = useQueryClient();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<EditForm>();
  const save = useMutation({
    mutationFn: (v: EditForm) => api<CentreDetail>(`/api/v1/learning-centres/${centre.id}`, { method: 'PUT', body: { ...v, decision: v.decision || null, director: v.director || null, version: centre.version } }),
    onSuccess: (d) => { qc.setQueryData(['learning-centre', centre.id], d); qc.invalidateQueries({ queryKey: ['learning-centres'] }); message.success('Đã lưu'); onClose(); },
    onError: (e) => { showFieldErrors(form, e); message.error(errorMessage(e)); },
  });
  return (
    <Modal open title={`Sửa ${centre.name}`} okText="Lưu" onCancel={onClose} onOk={() => form.submit()} confirmLoading={save.isPending}>
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)} initialValues={{ name: centre.name, decision: centre.decision, ...centre.staff }}>
        <CentreFields />
      </Form>
    </Modal>
  );
}
