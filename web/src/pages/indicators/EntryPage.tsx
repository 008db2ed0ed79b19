import { FileExcelOutlined, FormOutlined, ReloadOutlined, SaveOutlined, SendOutlined, UndoOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Flex, Select, Tabs, Tooltip, Typography } from 'antd';
import type { ButtonProps } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { Link } from 'react-router-dom';
import { api, ApiError, errorMessage } from '../../api/client';
import { useMe } from '../../auth/session';
import { EmptyState, ErrorAlert, Loading } from '../../components/feedback';
import { formatNumber } from '../../format';
import {
  reportPath, useCompleteness, useDataElements, useDataSets, useReportForm,
  type Categories, type CompletenessUnit, type DataSet, type Issue, type ReportForm, type SaveResult,
} from './api';
import { ImportPanel } from './ImportPanel';
import { periodLabel } from './periods';
import { doneText, postAction, ReportActions, refreshReport } from './ReportActions';
import {
  draftOf, ElementsTable, LockedNote, lockReason, ReportHeader, ReportHistory, totalOf, type Draft, type FieldProblems,
} from './ReportView';
import { canApproveData, canEnterData, DataSetSelect, PeriodSelect, ReportStatusTag, useIndicatorParams } from './shared';

/** "Nhập số liệu": a unit's report for a data set and period, on a form or from the Excel template. */
export function EntryPage() {
  const me = useMe().data!;
  const { modal } = App.useApp();
  const dataSets = useDataSets();
  const elements = useDataElements();
  const { params, dataSet, period, set } = useIndicatorParams(dataSets.data);
  const units = useCompleteness(dataSet?.code, period?.id);
  const unitParam = params.get('unit') ?? undefined;
  // The unit in the address if it reports in this period, else the first unit in scope that does (a unit chosen for
  // another period may not exist in this one: the map changed on 01/07/2025); with none listed, the address's unit
  // is still opened so that the server says why it cannot report.
  const listed = units.data && !units.isPlaceholderData ? units.data.units : undefined;
  const unitId = listed ? (listed.some((u) => u.unit.id === unitParam) ? unitParam : listed[0]?.unit.id ?? unitParam) : undefined;
  const tab = params.get('tab') === 'excel' ? 'excel' : 'form';
  const dirty = useRef(false);

  /** Leaving a form with unsaved values asks first. */
  const guarded = (patch: Record<string, string | undefined>) => {
    if (!dirty.current) { set(patch); return; }
    modal.confirm({
      title: 'Bỏ các thay đổi chưa lưu?',
      content: 'Số liệu vừa nhập trên biểu mẫu chưa được lưu.',
      okText: 'Bỏ thay đổi', cancelText: 'Ở lại',
      onOk: () => { dirty.current = false; set(patch); },
    });
  };

  if (dataSets.isPending) return <Loading />;
  if (dataSets.isError) return <ErrorAlert error={dataSets.error} onRetry={() => dataSets.refetch()} />;

  return (
    <>
      <Flex align="baseline" gap={12} wrap style={{ marginBottom: 12 }}>
        <Typography.Title level={3} style={{ margin: 0 }}>Nhập số liệu</Typography.Title>
        <Typography.Text type="secondary">Báo cáo số liệu định kỳ của đơn vị theo bộ dữ liệu; gửi để cấp trên duyệt</Typography.Text>
      </Flex>
      {!dataSets.data.length ? (
        <Card><EmptyState>Chưa có bộ dữ liệu nào. Quản trị viên tạo bộ dữ liệu ở trang <Link to="/chi-so/danh-muc?tab=bo-du-lieu">Danh mục chỉ số</Link>.</EmptyState></Card>
      ) : (
        <>
          <Card size="small" style={{ marginBottom: 16 }}>
            <Flex wrap gap={16} align="center">
              <DataSetSelect dataSets={dataSets.data} value={dataSet?.code} onChange={(code) => guarded({ ds: code, period: undefined, unit: undefined })} />
              <PeriodSelect type={dataSet?.periodType} value={period} onChange={(id) => guarded({ period: id })} />
              {tab === 'form' && (
                <UnitSelect units={listed} loading={units.isFetching} value={unitId} onChange={(id) => guarded({ unit: id })} />
              )}
            </Flex>
          </Card>
          <Tabs
            activeKey={tab}
            onChange={(k) => guarded({ tab: k === 'excel' ? 'excel' : undefined })}
            items={[
              { key: 'form', label: <span data-testid="tab-form"><FormOutlined /> Nhập trên biểu mẫu</span> },
              { key: 'excel', label: <span data-testid="tab-excel"><FileExcelOutlined /> Nhập từ Excel</span> },
            ]}
          />
          {units.isError && <ErrorAlert error={units.error} onRetry={() => units.refetch()} />}
          {tab === 'excel' && dataSet && period && <ImportPanel dataSet={dataSet} period={period} />}
          {tab === 'form' && dataSet && period && (
            !listed ? (units.isError ? null : <Loading />)
              : !unitId ? (
                <Card>
                  <EmptyState>
                    Không có đơn vị nào trong phạm vi của bạn phải báo cáo bộ dữ liệu này trong {periodLabel(period).toLowerCase()}.
                    {' '}Các đơn vị hành chính thay đổi từ 01/07/2025: hãy chọn kỳ khác nếu đơn vị của bạn được lập hoặc sáp nhập sau kỳ này.
                  </EmptyState>
                </Card>
              ) : (
                <ReportLoader
                  key={`${dataSet.code}|${unitId}|${period.id}`}
                  dataSet={dataSet}
                  unitId={unitId}
                  period={period.id}
                  categories={elements.data?.categories}
                  canEnter={canEnterData(me.role)}
                  canApprove={canApproveData(me.role)}
                  onDirty={(d) => { dirty.current = d; }}
                />
              )
          )}
        </>
      )}
    </>
  );
}

function UnitSelect({ units, loading, value, onChange }: { units: CompletenessUnit[] | undefined; loading: boolean; value: string | undefined; onChange: (id: string) => void }) {
  const known = units?.some((u) => u.unit.id === value);
  return (
    <Flex align="center" gap={6}>
      <Typography.Text>Đơn vị</Typography.Text>
      <Select
        style={{ width: 360 }}
        popupMatchSelectWidth={480}
        value={value}
        onChange={onChange}
        loading={loading}
        showSearch={{ optionFilterProp: 'label' }}
        placeholder="Chọn đơn vị"
        notFoundContent="Không có đơn vị nào trong phạm vi"
        options={[
          ...(value && units && !known ? [{ value, label: `Đơn vị #${value}`, unit: undefined }] : []),
          ...(units ?? []).map((u) => ({ value: u.unit.id, label: `${u.unit.name} (${u.unit.code})`, unit: u })),
        ]}
        optionRender={(o) => (
          <Flex justify="space-between" align="center" gap={8}>
            <Flex vertical style={{ minWidth: 0 }}>
              <span>{o.data.label}</span>
              {o.data.unit?.unit.parent && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{o.data.unit.unit.parent}</Typography.Text>}
            </Flex>
            {o.data.unit && <ReportStatusTag status={o.data.unit.status} approvedLevel={o.data.unit.approvedLevel} values={o.data.unit.values} />}
          </Flex>
        )}
        data-testid="ind-unit"
      />
    </Flex>
  );
}

function ReportLoader(props: { dataSet: DataSet; unitId: string; period: string; categories: Categories | undefined; canEnter: boolean; canApprove: boolean; onDirty: (d: boolean) => void }) {
  const form = useReportForm(props.dataSet.code, props.unitId, props.period);
  if (form.isPending || !props.categories) return <Loading />;
  if (form.isError) return <ErrorAlert error={form.error} onRetry={() => form.refetch()} />;
  return <ReportEditor {...props} categories={props.categories} form={form.data} refetch={() => void form.refetch()} />;
}

const FIELD = /^([A-Z][A-Z0-9_]*)(?:\[(.*)\])?$/;

/** The 422 of a save as problems per element; a numerator above its denominator marks both elements. */
function problemsOf(err: ApiError, dataSet: DataSet, totals: Map<string, number | null>): { fields: FieldProblems; general: string[] } {
  const fields: FieldProblems = new Map();
  const general: string[] = [];
  const add = (el: string, key: string | null, message: string | null) => {
    const p = fields.get(el) ?? { all: false, keys: new Set<string>(), messages: [] };
    if (key === null) p.all = true; else p.keys.add(key);
    if (message && !p.messages.includes(message)) p.messages.push(message);
    fields.set(el, p);
  };
  for (const e of err.errors as (Issue | { field: string; message: string; code?: string })[]) {
    if ('code' in e && e.code === 'value.numerator_above_denominator') {
      const pairs = dataSet.ratioPairs.filter((p) => (totals.get(p.numerator) ?? -Infinity) > (totals.get(p.denominator) ?? Infinity));
      for (const p of pairs) { add(p.numerator, null, e.message); add(p.denominator, null, null); }
      if (!pairs.length && !general.includes(e.message)) general.push(e.message);
      continue;
    }
    const m = FIELD.exec(e.field);
    if (m) add(m[1]!, m[2] ?? '', e.message);
    else if (!general.includes(e.message)) general.push(e.message);
  }
  return { fields, general };
}

function ReportEditor({ form, dataSet, categories, canEnter, canApprove, onDirty, refetch }: {
  form: ReportForm; dataSet: DataSet; categories: Categories; canEnter: boolean; canApprove: boolean; onDirty: (d: boolean) => void; refetch: () => void;
}) {
  const qc = useQueryClient();
  const { message, modal } = App.useApp();
  const target = { dataSet: form.dataSet.code, unitId: form.unit.id, period: form.period.id };
  const initial = useMemo(() => draftOf(form, categories), [form, categories]);
  // A new version of the report (after saving, submitting, or someone else's change) replaces the draft.
  const [base, setBase] = useState({ version: form.report.version, initial });
  const [draft, setDraft] = useState<Draft>(initial);
  if (base.version !== form.report.version || base.initial !== initial) {
    setBase({ version: form.report.version, initial });
    setDraft(initial);
  }
  const [problems, setProblems] = useState<{ fields: FieldProblems; general: string[]; title: string } | null>(null);
  const [warnings, setWarnings] = useState<Issue[]>([]);
  const [stale, setStale] = useState(false);

  const changes = Object.entries(draft).filter(([k, v]) => v !== initial[k]).map(([k, value]) => {
    const i = k.indexOf('#');
    return { element: k.slice(0, i), disaggregation: k.slice(i + 1), value };
  });
  const dirty = changes.length > 0;
  useEffect(() => { onDirty(dirty); return () => onDirty(false); }, [dirty, onDirty]);
  useEffect(() => {
    if (!dirty) return undefined;
    const warn = (e: BeforeUnloadEvent) => { e.preventDefault(); };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  const totals = new Map(form.elements.map((el) => [el.code, totalOf(el, draft, categories)]));
  /** A value the user changes is no longer what the server refused: its marks (and its ratio partner's) go. */
  const forget = (element: string) => setProblems((p) => {
    if (!p || !p.fields.size) return p;
    const linked = new Set([element, ...dataSet.ratioPairs.flatMap((r) => (r.numerator === element ? [r.denominator] : r.denominator === element ? [r.numerator] : []))]);
    if (![...linked].some((e) => p.fields.has(e))) return p;
    const fields: FieldProblems = new Map([...p.fields].filter(([e]) => !linked.has(e)));
    return fields.size || p.general.length ? { ...p, fields } : null;
  });
  const locked = lockReason(form, canEnter);
  const editable = locked === null;

  const save = useMutation({
    mutationFn: () => api<SaveResult>(reportPath(target.dataSet, target.unitId, target.period), { method: 'PUT', body: { version: form.report.version, values: changes } }),
    onSuccess: (r) => {
      message.success(`Đã lưu ${formatNumber(r.written)} giá trị`);
      setProblems(null);
      setStale(false);
      setWarnings(r.warnings ?? []);
      refreshReport(qc, target);
    },
    onError: (err) => {
      if (err instanceof ApiError && err.status === 409) { setStale(true); return; }
      if (err instanceof ApiError && err.status === 422) {
        setProblems({ ...problemsOf(err, dataSet, totals), title: err.title });
        return;
      }
      setProblems({ fields: new Map(), general: [errorMessage(err)], title: 'Chưa lưu được số liệu' });
    },
  });
  const submit = useMutation({
    mutationFn: () => postAction(target, 'submit', form.report.version),
    onSuccess: (r) => { message.success(doneText('submit', r)); setWarnings([]); refreshReport(qc, target); },
    onError: (err) => {
      if (err instanceof ApiError && err.status === 409 && err.code === 'data_report.stale_version') { setStale(true); return; }
      setProblems({ fields: new Map(), general: [], title: errorMessage(err) });
    },
  });

  const askSubmit = () => modal.confirm({
    title: 'Gửi báo cáo để duyệt?',
    content: `Sau khi gửi, số liệu của ${form.unit.name} bị khóa cho đến khi được duyệt hoặc bị trả lại để sửa.`,
    okText: 'Gửi báo cáo', cancelText: 'Chưa gửi',
    okButtonProps: { 'data-testid': 'submit-ok' } as ButtonProps,
    onOk: () => submit.mutateAsync().catch(() => undefined),
  });

  const anyValue = form.elements.some((el) => totals.get(el.code) !== null);
  const serverErrors = form.issues.filter((i) => i.severity === 'error');

  return (
    <>
      <ReportHeader form={form} extra={canApprove ? <ReportActions form={form} target={target} /> : undefined} />
      {stale && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="entry-stale"
          title="Báo cáo vừa được người khác cập nhật; chưa lưu được"
          description="Hãy tải lại để xem số liệu mới nhất rồi nhập lại các thay đổi của bạn."
          action={<Button icon={<ReloadOutlined />} onClick={() => { setStale(false); setProblems(null); refetch(); }}>Tải lại</Button>}
        />
      )}
      {locked && <LockedNote reason={locked} />}
      {problems && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="entry-errors"
          title={problems.title}
          description={(() => {
            const all = [...new Set([...[...problems.fields.values()].flatMap((p) => p.messages), ...problems.general])];
            return all.length ? <ul style={{ margin: 0, paddingInlineStart: 18 }}>{all.map((m) => <li key={m}>{m}</li>)}</ul> : undefined;
          })()}
          closable={{ onClose: () => setProblems(null) }}
        />
      )}
      {serverErrors.length > 0 && !problems && (
        <Alert type="error" showIcon style={{ marginBottom: 12 }} title="Số liệu đã lưu có điểm không hợp lệ" description={<ul style={{ margin: 0, paddingInlineStart: 18 }}>{serverErrors.map((i) => <li key={i.field + i.message}>{i.message}</li>)}</ul>} />
      )}
      {warnings.length > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="entry-warnings"
          title="Đã lưu, nhưng có số liệu thay đổi lớn so với kỳ trước — hãy kiểm tra lại trước khi gửi"
          description={<ul style={{ margin: 0, paddingInlineStart: 18 }}>{warnings.map((w) => <li key={w.field + w.message}>{w.message}</li>)}</ul>}
          closable={{ onClose: () => setWarnings([]) }}
        />
      )}
      <Card size="small" style={{ marginBottom: 16 }} styles={{ body: { padding: 0 } }}>
        <ElementsTable
          form={form}
          dataSet={dataSet}
          categories={categories}
          draft={draft}
          onChange={editable ? (k, v) => { setDraft((d) => ({ ...d, [k]: v })); forget(k.slice(0, k.indexOf('#'))); } : undefined}
          problems={problems?.fields}
        />
        {editable && (
          <Flex gap={8} wrap align="center" style={{ padding: 12, borderTop: '1px solid #f0f0f0' }}>
            <Button type="primary" icon={<SaveOutlined />} disabled={!dirty} loading={save.isPending} onClick={() => save.mutate()} data-testid="entry-save">
              Lưu
            </Button>
            <Button icon={<UndoOutlined />} disabled={!dirty || save.isPending} onClick={() => { setDraft(initial); setProblems(null); }}>
              Hoàn tác
            </Button>
            <Tooltip title={dirty ? 'Hãy lưu các thay đổi trước khi gửi' : !anyValue ? 'Chưa có số liệu nào để gửi' : undefined}>
              <Button icon={<SendOutlined />} disabled={dirty || !anyValue} loading={submit.isPending} onClick={askSubmit} data-testid="entry-submit">
                Gửi báo cáo
              </Button>
            </Tooltip>
            <Typography.Text type={dirty ? 'warning' : 'secondary'} data-testid="entry-dirty">
              {dirty ? `${formatNumber(changes.length)} ô đã sửa, chưa lưu` : 'Không có thay đổi chưa lưu'}
            </Typography.Text>
            <Typography.Text type="secondary" style={{ marginLeft: 'auto', fontSize: 12 }}>
              Lưu là ghi tất cả hoặc không ghi gì; số liệu chỉ khóa khi gửi báo cáo.
            </Typography.Text>
          </Flex>
        )}
      </Card>
      <Card size="small" title={`Lịch sử gửi và duyệt (${formatNumber(form.history.length)})`}>
        <ReportHistory history={form.history} />
      </Card>
    </>
  );
}
