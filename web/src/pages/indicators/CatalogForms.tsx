import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Checkbox, Flex, Form, Input, InputNumber, Modal, Radio, Select, Switch, Typography } from 'antd';
import type { ButtonProps, FormInstance } from 'antd';
import { useState } from 'react';
import { api, ApiError, errorMessage } from '../../api/client';
import { tOr } from '../../i18n';
import type { Aggregation, Categories, CategoryName, Computed, DataElement, Indicator, Verified } from './api';
import { PERIOD_TYPE_LABELS } from './periods';
import { fieldPath, VALUE_TYPE_LABELS } from './shared';

/** The admin's forms of the catalogue: data element, indicator (create and edit), data set. Server problems land on their fields. */

const CODE_RULE = { pattern: /^[A-Z][A-Z0-9_]{1,39}$/, message: 'Chữ in hoa, số và dấu gạch dưới, 2–40 ký tự, bắt đầu bằng chữ' };
const upper = (e: React.ChangeEvent<HTMLInputElement>) => e.target.value.toUpperCase().replace(/\s/g, '_');

/** Puts a problem's field errors on the form; what fits no field is returned for an alert. */
function applyProblem(form: FormInstance, err: unknown, known: string[]): string[] {
  if (!(err instanceof ApiError)) return [errorMessage(err)];
  const rest: string[] = [];
  const byField = new Map<string, string[]>();
  for (const e of err.errors) {
    const path = fieldPath(e.field);
    const top = path[0];
    if (top && known.includes(top)) {
      const k = path.join('.');
      byField.set(k, [...(byField.get(k) ?? []), e.message]);
    } else rest.push(e.field ? `${e.field}: ${e.message}` : e.message);
  }
  form.setFields([...byField].map(([k, errors]) => ({ name: k.split('.'), errors })));
  return [err.title, ...rest];
}

function Problem({ messages }: { messages: string[] }) {
  if (!messages.length) return null;
  const [title, ...rest] = messages;
  return (
    <Alert
      type="error"
      showIcon
      style={{ marginBottom: 12 }}
      title={title}
      description={rest.length ? <ul style={{ margin: 0, paddingInlineStart: 18 }}>{rest.map((m) => <li key={m}>{m}</li>)}</ul> : undefined}
      data-testid="catalog-form-error"
    />
  );
}

function useSave<T>(form: FormInstance, known: string[], onDone: () => void, send: (body: T) => Promise<unknown>, success: string) {
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [problem, setProblem] = useState<string[]>([]);
  const mutation = useMutation({
    mutationFn: send,
    onSuccess: () => {
      message.success(success);
      void qc.invalidateQueries({ queryKey: ['indicators'] });
      onDone();
    },
    onError: (err) => setProblem(applyProblem(form, err, known)),
  });
  return { mutation, problem, clear: () => setProblem([]) };
}

// ——— data element ———

interface ElementValues { code: string; name: string; description?: string; valueType: 'count' | 'number' | 'boolean'; categories: CategoryName[]; aboutPeople: boolean; maxValue?: number; source?: string }

export function DataElementForm({ categories, onClose }: { categories: Categories | undefined; onClose: () => void }) {
  const [form] = Form.useForm<ElementValues>();
  const valueType = Form.useWatch('valueType', form);
  const { mutation, problem, clear } = useSave<ElementValues>(form, ['code', 'name', 'description', 'valueType', 'categories', 'aboutPeople', 'maxValue', 'source'], onClose,
    (body) => api('/api/v1/data-elements', { method: 'POST', body }), 'Đã tạo phần tử dữ liệu');
  return (
    <Modal open width={680} title="Thêm phần tử dữ liệu" okText="Tạo" cancelText="Hủy" onCancel={onClose} onOk={() => form.submit()} confirmLoading={mutation.isPending} destroyOnHidden
      okButtonProps={{ 'data-testid': 'element-form-ok' } as ButtonProps}>
      <Problem messages={problem} />
      <Form<ElementValues>
        form={form}
        layout="vertical"
        initialValues={{ valueType: 'count', categories: [], aboutPeople: false }}
        onValuesChange={clear}
        onFinish={(v) => mutation.mutate({
          ...v, description: v.description?.trim() || undefined, source: v.source?.trim() || undefined,
          maxValue: v.valueType === 'boolean' ? undefined : v.maxValue ?? undefined, categories: v.valueType === 'boolean' ? [] : v.categories,
        })}
      >
        <Flex gap={12}>
          <Form.Item name="code" label="Mã" rules={[{ required: true, message: 'Hãy nhập mã' }, CODE_RULE]} getValueFromEvent={upper} style={{ width: 220 }}>
            <Input placeholder="VD: POP_WORKING_AGE" data-testid="element-code" />
          </Form.Item>
          <Form.Item name="name" label="Tên" rules={[{ required: true, min: 3, message: 'Tên tối thiểu 3 ký tự' }]} style={{ flex: 1 }}>
            <Input maxLength={300} data-testid="element-name" />
          </Form.Item>
        </Flex>
        <Form.Item name="valueType" label="Kiểu giá trị">
          <Radio.Group options={(['count', 'number', 'boolean'] as const).map((v) => ({ value: v, label: VALUE_TYPE_LABELS[v] }))} />
        </Form.Item>
        {valueType !== 'boolean' && (
          <Flex gap={24} wrap>
            <Form.Item name="categories" label="Phân tổ (tối đa 3)" rules={[{ type: 'array', max: 3, message: 'Tối đa 3 nhóm phân tổ' }]}>
              <Checkbox.Group options={Object.entries(categories ?? {}).map(([k, c]) => ({ value: k, label: `${c.label} (${Object.values(c.options).join(', ')})` }))} />
            </Form.Item>
            <Form.Item name="maxValue" label="Giá trị tối đa (nếu có)">
              <InputNumber min={0} style={{ width: 160 }} />
            </Form.Item>
          </Flex>
        )}
        <Form.Item name="aboutPeople" label="Số liệu về người" valuePropName="checked" extra="Bật nếu là số người: cổng công khai ẩn các số nhỏ hơn 5 để bảo vệ thông tin cá nhân.">
          <Switch checkedChildren="Có" unCheckedChildren="Không" />
        </Form.Item>
        <Form.Item name="description" label="Mô tả, cách tính">
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
        <Form.Item name="source" label="Nguồn số liệu">
          <Input maxLength={300} placeholder="VD: Niên giám thống kê tỉnh; báo cáo của UBND xã" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

// ——— indicator ———

type ComputedKind = 'none' | 'standard' | 'dataElement' | 'learningModel' | 'centresIt' | 'centreParticipants' | 'openResources';
/** Sources counted from the platform's own registers: no data element behind them. */
const REGISTRY_KINDS: ComputedKind[] = ['centresIt', 'centreParticipants', 'openResources'];
interface IndicatorValues {
  code: string; name: string; description?: string; aggregation: Aggregation; numerator?: string; denominator?: string; factor: number;
  computedKind: ComputedKind; computed?: { standard?: string; level?: number; threshold?: number; modelType?: string; format?: string };
  unitLabel: string; decimals: number; legalSource?: string; verified: Verified;
}

const STANDARD_OPTIONS = [
  { value: 'literacy', label: 'Xóa mù chữ (mức 1–2)' },
  { value: 'primary', label: 'PCGD tiểu học (mức 1–3)' },
  { value: 'lowerSecondary', label: 'PCGD trung học cơ sở (mức 1–3)' },
  { value: 'preschool5', label: 'PCGD mầm non trẻ 5 tuổi (mức 1)' },
];
const MODEL_OPTIONS = [
  { value: 'learning_citizen', label: 'Công dân học tập' }, { value: 'learning_family', label: 'Gia đình học tập' },
  { value: 'learning_clan', label: 'Dòng họ học tập' }, { value: 'learning_community_hamlet', label: 'Cộng đồng học tập (thôn, ấp)' },
  { value: 'learning_unit', label: 'Đơn vị học tập' }, { value: 'learning_community_commune', label: 'Cộng đồng học tập cấp xã' },
];
const RESOURCE_FORMAT_OPTIONS = [
  { value: '', label: 'Mọi định dạng' }, { value: 'document', label: 'Tài liệu' }, { value: 'video', label: 'Video' }, { value: 'audio', label: 'Âm thanh' },
  { value: 'presentation', label: 'Bài trình chiếu' }, { value: 'image', label: 'Hình ảnh' }, { value: 'website', label: 'Trang web' }, { value: 'course', label: 'Khóa học trực tuyến' },
];
const VERIFIED_OPTIONS = [
  { value: 'V', label: '[V] Đã đối chiếu văn bản' },
  { value: 'P', label: '[P] Mới đối chiếu một phần' },
  { value: 'I', label: '[I] Suy luận, chưa đối chiếu' },
];

function kindOf(c: Computed | null): ComputedKind {
  if (!c) return 'none';
  if (c.kind === 'learningCentres') return c.measure === 'applyingIt' ? 'centresIt' : 'centreParticipants';
  return c.kind;
}

function toValues(i: Indicator): IndicatorValues {
  const c = i.computed;
  return {
    code: i.code, name: i.name, description: i.description ?? undefined, aggregation: i.aggregation, numerator: i.numerator ?? undefined, denominator: i.denominator ?? undefined,
    factor: i.factor, computedKind: kindOf(c),
    computed: c ? (c.kind === 'standard' ? { standard: c.standard, level: c.level } : c.kind === 'learningModel' ? { modelType: c.modelType }
      : c.kind === 'openResources' ? { format: c.format ?? '' } : c.kind === 'dataElement' ? { threshold: c.threshold } : {}) : undefined,
    unitLabel: i.unitLabel, decimals: i.decimals, legalSource: i.legalSource ?? undefined, verified: i.verified,
  };
}

function toBody(v: IndicatorValues) {
  let computed: Computed | undefined;
  if (v.computedKind === 'standard') computed = { kind: 'standard', standard: v.computed?.standard as 'literacy', level: v.computed?.level ?? 1 };
  if (v.computedKind === 'dataElement') computed = { kind: 'dataElement', threshold: v.computed?.threshold ?? 0 };
  if (v.computedKind === 'learningModel' && v.aggregation === 'ratio') computed = { kind: 'learningModel', modelType: v.computed?.modelType ?? 'learning_citizen' };
  if (v.computedKind === 'centresIt' && v.aggregation === 'ratio') computed = { kind: 'learningCentres', measure: 'applyingIt' };
  if (v.computedKind === 'centreParticipants' && v.aggregation === 'sum') computed = { kind: 'learningCentres', measure: 'participants' };
  if (v.computedKind === 'openResources' && v.aggregation === 'sum') computed = { kind: 'openResources', ...(v.computed?.format ? { format: v.computed.format } : {}) };
  const registry = REGISTRY_KINDS.includes(v.computedKind);
  const usesDenominator = v.aggregation === 'ratio' && !registry;
  const usesNumerator = !registry && ((v.aggregation === 'ratio' && v.computedKind !== 'learningModel') || v.aggregation === 'sum' || v.computedKind === 'dataElement');
  return {
    code: v.code, name: v.name, description: v.description?.trim() || undefined, aggregation: v.aggregation,
    numerator: usesNumerator ? v.numerator || undefined : undefined, denominator: usesDenominator ? v.denominator || undefined : undefined,
    factor: v.factor, computed, unitLabel: v.unitLabel, decimals: v.decimals, legalSource: v.legalSource?.trim() || undefined, verified: v.verified,
  };
}

export function IndicatorForm({ editing, aggregations, elements, onClose }: {
  editing: Indicator | null; aggregations: Record<Aggregation, string> | undefined; elements: DataElement[] | undefined; onClose: () => void;
}) {
  const [form] = Form.useForm<IndicatorValues>();
  const aggregation = Form.useWatch('aggregation', form);
  const computedKind = Form.useWatch('computedKind', form);
  const known = ['code', 'name', 'description', 'aggregation', 'numerator', 'denominator', 'factor', 'computed', 'unitLabel', 'decimals', 'legalSource', 'verified'];
  const { mutation, problem, clear } = useSave<IndicatorValues>(form, known, onClose,
    (v) => (editing
      ? api(`/api/v1/indicators/${encodeURIComponent(editing.code)}?version=${editing.version}`, { method: 'PUT', body: toBody(v) })
      : api('/api/v1/indicators', { method: 'POST', body: toBody(v) })),
    editing ? 'Đã lưu chỉ số' : 'Đã tạo chỉ số');
  const elementOptions = (elements ?? []).map((e) => ({ value: e.code, label: `${e.code} — ${e.name}` }));
  const registry = REGISTRY_KINDS.includes(computedKind);
  const showNumerator = !registry && ((aggregation === 'ratio' && computedKind !== 'learningModel') || aggregation === 'sum' || computedKind === 'dataElement');
  const showComputed = aggregation === 'share' || aggregation === 'level';

  return (
    <Modal open width={760} title={editing ? `Sửa chỉ số ${editing.code}` : 'Thêm chỉ số'} okText={editing ? 'Lưu' : 'Tạo'} cancelText="Hủy" onCancel={onClose}
      onOk={() => form.submit()} confirmLoading={mutation.isPending} destroyOnHidden okButtonProps={{ 'data-testid': 'indicator-form-ok' } as ButtonProps}>
      {editing && (
        <Alert type="info" showIcon style={{ marginBottom: 12 }} title={`Phiên bản ${editing.version}`}
          description="Số liệu các kỳ trước được tính lại ngay theo định nghĩa mới (không có bảng tổng hợp lưu sẵn)." />
      )}
      <Problem messages={problem} />
      <Form<IndicatorValues>
        form={form}
        layout="vertical"
        initialValues={editing ? toValues(editing) : { aggregation: 'ratio', factor: 100, computedKind: 'none', unitLabel: '%', decimals: 1, verified: 'V' }}
        onValuesChange={(changed: Partial<IndicatorValues>) => {
          clear();
          if (changed.aggregation === 'share' || changed.aggregation === 'level') {
            if (form.getFieldValue('computedKind') === 'none') form.setFieldValue('computedKind', 'standard');
            if (changed.aggregation === 'level') form.setFieldsValue({ computedKind: 'standard', unitLabel: 'mức', decimals: 0, factor: 1 });
          }
          if (changed.aggregation === 'ratio' || changed.aggregation === 'sum') form.setFieldValue('computedKind', 'none');
          if (changed.aggregation === 'sum') form.setFieldsValue({ factor: 1 });
        }}
        onFinish={(v) => mutation.mutate(v)}
      >
        <Flex gap={12}>
          <Form.Item name="code" label="Mã" rules={[{ required: true, message: 'Hãy nhập mã' }, CODE_RULE]} getValueFromEvent={upper} style={{ width: 220 }}>
            <Input disabled={!!editing} placeholder="VD: LIFE_SKILLS_RATE" data-testid="indicator-code" />
          </Form.Item>
          <Form.Item name="name" label="Tên" rules={[{ required: true, min: 3, message: 'Tên tối thiểu 3 ký tự' }]} style={{ flex: 1 }}>
            <Input maxLength={300} data-testid="indicator-name" />
          </Form.Item>
        </Flex>
        <Form.Item name="aggregation" label="Cách tổng hợp lên cấp trên">
          <Radio.Group style={{ display: 'flex', flexDirection: 'column', gap: 4 }}
            options={(['ratio', 'sum', 'share', 'level'] as const).map((a) => ({ value: a, label: aggregations?.[a] ?? a }))} />
        </Form.Item>
        {showComputed && (
          <Flex gap={12} wrap>
            <Form.Item name="computedKind" label="Nguồn tính toán" style={{ width: 260 }}>
              <Select options={[
                { value: 'standard', label: 'Kết quả chuẩn PCGD–XMC' },
                ...(aggregation === 'share' ? [{ value: 'dataElement', label: 'Phần tử dữ liệu đạt ngưỡng' }] : []),
              ]} />
            </Form.Item>
            {computedKind === 'standard' && (
              <>
                <Form.Item name={['computed', 'standard']} label="Chuẩn" rules={[{ required: true, message: 'Hãy chọn chuẩn' }]} style={{ width: 280 }}>
                  <Select options={STANDARD_OPTIONS} />
                </Form.Item>
                <Form.Item name={['computed', 'level']} label="Từ mức" rules={[{ required: true, message: 'Hãy chọn mức' }]}>
                  <InputNumber min={1} max={3} precision={0} style={{ width: 90 }} />
                </Form.Item>
              </>
            )}
            {computedKind === 'dataElement' && (
              <Form.Item name={['computed', 'threshold']} label="Ngưỡng (đạt khi ≥)" rules={[{ required: true, message: 'Hãy nhập ngưỡng' }]}>
                <InputNumber min={0} style={{ width: 140 }} />
              </Form.Item>
            )}
          </Flex>
        )}
        {aggregation === 'ratio' && (
          <Flex gap={12} wrap>
            <Form.Item name="computedKind" label="Tử số lấy từ" style={{ width: 260 }}>
              <Select data-testid="indicator-ratio-source" options={[
                { value: 'none', label: 'Phần tử dữ liệu (số liệu nhập)' }, { value: 'learningModel', label: 'Số được công nhận mô hình học tập' },
                { value: 'centresIt', label: 'Sổ TTHTCĐ: trung tâm ứng dụng CNTT trên trung tâm đang hoạt động' },
              ]} />
            </Form.Item>
            {computedKind === 'learningModel' && (
              <Form.Item name={['computed', 'modelType']} label="Mô hình" rules={[{ required: true, message: 'Hãy chọn mô hình' }]} style={{ width: 280 }}>
                <Select options={MODEL_OPTIONS} />
              </Form.Item>
            )}
          </Flex>
        )}
        {aggregation === 'sum' && (
          <Flex gap={12} wrap>
            <Form.Item name="computedKind" label="Số liệu lấy từ" style={{ width: 300 }}>
              <Select data-testid="indicator-sum-source" options={[
                { value: 'none', label: 'Phần tử dữ liệu (số liệu nhập)' },
                { value: 'centreParticipants', label: 'Sổ TTHTCĐ: lượt người tham gia trong năm' },
                { value: 'openResources', label: 'Kho học liệu mở: số học liệu công bố trong kỳ' },
              ]} />
            </Form.Item>
            {computedKind === 'openResources' && (
              <Form.Item name={['computed', 'format']} label="Định dạng" style={{ width: 220 }}>
                <Select options={RESOURCE_FORMAT_OPTIONS} />
              </Form.Item>
            )}
          </Flex>
        )}
        {registry && (
          <Alert type="info" showIcon style={{ marginBottom: 12 }}
            title="Tử số (và mẫu số) được đếm trực tiếp từ sổ của hệ thống theo địa bàn và kỳ; không cần nhập số liệu." />
        )}
        {showNumerator && (
          <Flex gap={12} wrap>
            {showNumerator && (
              <Form.Item name="numerator" label={aggregation === 'ratio' ? 'Tử số' : 'Phần tử dữ liệu'} rules={[{ required: true, message: 'Hãy chọn phần tử dữ liệu' }]} style={{ flex: '1 1 300px' }}>
                <Select showSearch={{ optionFilterProp: 'label' }} options={elementOptions} placeholder="Chọn phần tử dữ liệu" data-testid="indicator-numerator" />
              </Form.Item>
            )}
            {aggregation === 'ratio' && !registry && (
              <Form.Item name="denominator" label="Mẫu số" rules={[{ required: true, message: 'Chỉ số tỷ lệ cần mẫu số' }]} style={{ flex: '1 1 300px' }}>
                <Select showSearch={{ optionFilterProp: 'label' }} options={elementOptions} placeholder="Chọn phần tử dữ liệu" data-testid="indicator-denominator" />
              </Form.Item>
            )}
          </Flex>
        )}
        <Flex gap={12} wrap>
          <Form.Item name="factor" label="Hệ số nhân" extra={aggregation === 'ratio' ? '100 để ra phần trăm' : undefined} rules={[{ required: true }]}>
            <InputNumber min={0.0001} max={1_000_000} style={{ width: 130 }} />
          </Form.Item>
          <Form.Item name="unitLabel" label="Đơn vị tính" rules={[{ required: true, message: 'Hãy nhập đơn vị tính' }]}>
            <Input maxLength={20} style={{ width: 110 }} />
          </Form.Item>
          <Form.Item name="decimals" label="Số chữ số thập phân">
            <InputNumber min={0} max={4} precision={0} style={{ width: 90 }} />
          </Form.Item>
          <Form.Item name="verified" label="Mức xác minh" style={{ width: 260 }}>
            <Select options={VERIFIED_OPTIONS} />
          </Form.Item>
        </Flex>
        <Form.Item name="legalSource" label="Căn cứ pháp lý">
          <Input maxLength={300} placeholder="VD: Kế hoạch 1144/KH-UBND, mục II.2.b" />
        </Form.Item>
        <Form.Item name="description" label="Mô tả">
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

// ——— data set ———

interface DataSetValues { code: string; name: string; periodType: string; unitKinds: string[]; deadlineDays: number; jumpWarning: number; elements: string[]; description?: string }
const UNIT_KINDS = ['province', 'district', 'commune', 'agency', 'school', 'clc', 'university', 'enterprise', 'association'];

export function DataSetForm({ elements, onClose }: { elements: DataElement[] | undefined; onClose: () => void }) {
  const [form] = Form.useForm<DataSetValues>();
  const { mutation, problem, clear } = useSave<DataSetValues>(form, ['code', 'name', 'periodType', 'unitKinds', 'deadlineDays', 'jumpWarning', 'elements', 'description'], onClose,
    (body) => api('/api/v1/data-sets', { method: 'POST', body: { ...body, description: body.description?.trim() || undefined } }), 'Đã tạo bộ dữ liệu');
  return (
    <Modal open width={760} title="Thêm bộ dữ liệu" okText="Tạo" cancelText="Hủy" onCancel={onClose} onOk={() => form.submit()} confirmLoading={mutation.isPending} destroyOnHidden
      okButtonProps={{ 'data-testid': 'dataset-form-ok' } as ButtonProps}>
      <Problem messages={problem} />
      <Form<DataSetValues>
        form={form}
        layout="vertical"
        initialValues={{ periodType: 'year', unitKinds: ['commune'], deadlineDays: 15, jumpWarning: 50, elements: [] }}
        onValuesChange={clear}
        onFinish={(v) => mutation.mutate(v)}
      >
        <Flex gap={12}>
          <Form.Item name="code" label="Mã" rules={[{ required: true, message: 'Hãy nhập mã' }, CODE_RULE]} getValueFromEvent={upper} style={{ width: 220 }}>
            <Input placeholder="VD: XHHT_XA_NAM" />
          </Form.Item>
          <Form.Item name="name" label="Tên" rules={[{ required: true, min: 3, message: 'Tên tối thiểu 3 ký tự' }]} style={{ flex: 1 }}>
            <Input maxLength={300} />
          </Form.Item>
        </Flex>
        <Flex gap={12} wrap>
          <Form.Item name="periodType" label="Kỳ thu thập" style={{ width: 260 }}>
            <Select options={Object.entries(PERIOD_TYPE_LABELS).map(([value, label]) => ({ value, label }))} />
          </Form.Item>
          <Form.Item name="unitKinds" label="Đơn vị báo cáo" rules={[{ required: true, message: 'Chọn ít nhất một loại đơn vị' }]} style={{ flex: 1, minWidth: 280 }}>
            <Select mode="multiple" options={UNIT_KINDS.map((k) => ({ value: k, label: tOr(`kind.${k}`, k) }))} />
          </Form.Item>
        </Flex>
        <Flex gap={12} wrap>
          <Form.Item name="deadlineDays" label="Hạn gửi (số ngày sau khi hết kỳ)" extra="Số âm: trước khi hết kỳ, VD −30 là 01/12 với kỳ năm">
            <InputNumber min={-366} max={366} precision={0} style={{ width: 140 }} />
          </Form.Item>
          <Form.Item name="jumpWarning" label="Cảnh báo khi thay đổi quá (%) so với kỳ trước">
            <InputNumber min={1} max={10_000} style={{ width: 140 }} suffix="%" />
          </Form.Item>
        </Flex>
        <Form.Item name="elements" label="Phần tử dữ liệu (theo thứ tự trên biểu mẫu)" rules={[{ required: true, message: 'Chọn ít nhất một phần tử dữ liệu' }]}
          extra="Mỗi phần tử dữ liệu chỉ thuộc một bộ dữ liệu; các phần tử đã thuộc bộ khác không có trong danh sách.">
          <Select
            mode="multiple"
            showSearch={{ optionFilterProp: 'label' }}
            options={(elements ?? []).filter((e) => !e.dataSet).map((e) => ({ value: e.code, label: `${e.code} — ${e.name}` }))}
            notFoundContent={<Typography.Text type="secondary">Không còn phần tử dữ liệu nào chưa thuộc bộ dữ liệu</Typography.Text>}
          />
        </Form.Item>
        <Form.Item name="description" label="Mô tả">
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
