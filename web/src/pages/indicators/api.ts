import { useQuery } from '@tanstack/react-query';
import { api, ApiError, type FieldError } from '../../api/client';

/** Types and queries of the indicator pages (issue 3): definitions, data sets, report forms, completeness, targets. */

export type Verified = 'V' | 'P' | 'I';
export type ValueType = 'count' | 'number' | 'boolean';
export type CategoryName = 'sex' | 'ageBand' | 'ethnicity' | 'areaType';
export type Aggregation = 'ratio' | 'sum' | 'share' | 'level';
export type ReportStatus = 'open' | 'submitted' | 'returned' | 'approved';
export type ApprovalLevel = 'district' | 'province';
export type ReportAction = 'submit' | 'approve' | 'return' | 'unapprove';

export type Categories = Record<CategoryName, { label: string; options: Record<string, string> }>;

export interface DataElement {
  code: string;
  name: string;
  description: string | null;
  valueType: ValueType;
  categories: CategoryName[];
  aboutPeople: boolean;
  maxValue: number | null;
  source: string | null;
  version: number;
  dataSet: string | null;
}
export interface DataElementList { categories: Categories; items: DataElement[] }

export type Computed =
  | { kind: 'standard'; standard: 'literacy' | 'primary' | 'lowerSecondary' | 'preschool5'; level: number }
  | { kind: 'dataElement'; threshold: number }
  | { kind: 'learningModel'; modelType: string }
  | { kind: 'learningCentres'; measure: 'applyingIt' | 'participants' }
  | { kind: 'openResources'; format?: string };

export interface Indicator {
  code: string;
  name: string;
  description: string | null;
  aggregation: Aggregation;
  numerator: string | null;
  denominator: string | null;
  factor: number;
  computed: Computed | null;
  unitLabel: string;
  decimals: number;
  legalSource: string | null;
  verified: Verified;
  version: number;
  targets: number;
}
export interface IndicatorList { aggregations: Record<Aggregation, string>; items: Indicator[] }

export interface DataSetElement { id: string; code: string; name: string; valueType: ValueType; categories: CategoryName[]; maxValue: number | null }
export interface DataSet {
  code: string;
  name: string;
  periodType: string;
  unitKinds: string[];
  deadlineDays: number;
  jumpWarning: number;
  elements: DataSetElement[];
  ratioPairs: { indicator: string; numerator: string; denominator: string }[];
}

export interface Target {
  id: string;
  indicator: string;
  indicatorName: string;
  unitLabel: string;
  decimals: number;
  unit: { id: string; code: string; name: string } | null;
  year: number;
  value: number;
  comparator: string | null;
  document: string;
  plan: { id: string; number: string } | null;
  clause: string | null;
  text: string | null;
  verified: Verified;
  note: string | null;
}

export interface Issue { severity: 'error' | 'warning'; code: string; message: string; field: string }

export interface ReportElement {
  code: string;
  name: string;
  valueType: ValueType;
  categories: CategoryName[];
  maxValue: number | null;
  /** disaggregation key ('' when not disaggregated) → value */
  values: Record<string, number>;
  total: number | null;
  previousTotal: number | null;
}

export interface ReportHistoryEntry { action: ReportAction; level: ApprovalLevel | null; at: string; comment: string | null; actor: string | null }

export interface ReportForm {
  dataSet: { code: string; name: string; periodType: string };
  unit: { id: string; code: string; name: string; kind: string; inForce: boolean; accepted: boolean };
  period: { id: string; start: string; end: string; previous: string };
  dueOn: string;
  report: { status: ReportStatus; approvedLevel: ApprovalLevel | null; final: boolean; version: number; submittedAt: string | null; demo: boolean; comment: string | null };
  chain: ApprovalLevel[];
  pendingLevel: ApprovalLevel | null;
  editable: boolean;
  elements: ReportElement[];
  issues: Issue[];
  history: ReportHistoryEntry[];
}

export interface SaveResult { written: number; rows: unknown[]; warnings: Issue[] }
export interface ActionResult { status: ReportStatus; approvedLevel: ApprovalLevel | null; final: boolean; level: ApprovalLevel | null; version: number }

export interface CompletenessUnit {
  unit: { id: string; code: string; name: string; kind: string; parent: string | null };
  status: ReportStatus;
  approvedLevel: ApprovalLevel | null;
  final: boolean;
  values: number;
  received: boolean;
  submittedOn: string | null;
  onTime: boolean;
  demo: boolean;
}
export interface Completeness {
  dataSet: { code: string; name: string };
  period: string;
  dueOn: string;
  summary: { expected: number; received: number; onTime: number; approved: number; completeness: number | null; timeliness: number | null };
  units: CompletenessUnit[];
}

export interface ImportSummary { dryRun: boolean; values: number; units: number; written: number; warnings: Issue[] }

export const ikeys = {
  dataSets: ['indicators', 'data-sets'] as const,
  elements: ['indicators', 'data-elements'] as const,
  indicators: ['indicators', 'indicators'] as const,
  targets: (plan: string | undefined) => ['indicators', 'targets', plan ?? ''] as const,
  report: (ds: string, unitId: string, period: string) => ['indicators', 'report', ds, unitId, period] as const,
  completeness: (ds: string, period: string, under: string | undefined) => ['indicators', 'completeness', ds, period, under ?? ''] as const,
};

export const reportPath = (ds: string, unitId: string, period: string) =>
  `/api/v1/data-sets/${encodeURIComponent(ds)}/reports/${encodeURIComponent(unitId)}/${encodeURIComponent(period)}`;

export const useDataSets = () => useQuery({ queryKey: ikeys.dataSets, queryFn: () => api<DataSet[]>('/api/v1/data-sets'), staleTime: 5 * 60_000 });
export const useDataElements = () => useQuery({ queryKey: ikeys.elements, queryFn: () => api<DataElementList>('/api/v1/data-elements'), staleTime: 5 * 60_000 });
export const useIndicators = () => useQuery({ queryKey: ikeys.indicators, queryFn: () => api<IndicatorList>('/api/v1/indicators') });
export const useTargets = (plan: string | undefined) =>
  useQuery({ queryKey: ikeys.targets(plan), queryFn: () => api<Target[]>('/api/v1/targets', { query: { plan } }), placeholderData: (prev) => prev });

export const useReportForm = (ds: string | undefined, unitId: string | undefined, period: string | undefined) =>
  useQuery({
    queryKey: ikeys.report(ds ?? '', unitId ?? '', period ?? ''),
    queryFn: () => api<ReportForm>(reportPath(ds!, unitId!, period!)),
    enabled: !!ds && !!unitId && !!period,
    staleTime: 0,
  });

export const useCompleteness = (ds: string | undefined, period: string | undefined, under?: string) =>
  useQuery({
    queryKey: ikeys.completeness(ds ?? '', period ?? '', under),
    queryFn: () => api<Completeness>(completenessPath(ds!), { query: { period, under } }),
    enabled: !!ds && !!period,
    placeholderData: (prev, prevQuery) => (prevQuery?.queryKey[2] === ds ? prev : undefined),
  });

export const completenessPath = (ds: string) => `/api/v1/data-sets/${encodeURIComponent(ds)}/completeness`;

/** A problem answer with everything it carried (the import's warnings beside its errors). */
export class ProblemError extends ApiError {
  constructor(status: number, code: string, title: string, errors: FieldError[], readonly warnings: Issue[] = []) {
    super(status, code, title, errors);
  }
}

/**
 * A multipart POST with upload progress (fetch cannot report it): the same headers and error shape as `api`.
 * `onProgress` gets 0–100 while the file travels, then the server works (null).
 */
export function postFile<T>(url: string, form: FormData, onProgress: (percent: number | null) => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.setRequestHeader('X-Requested-With', 'xhht');
    xhr.withCredentials = true;
    xhr.upload.onprogress = (e) => { if (e.lengthComputable) onProgress(Math.round((e.loaded / e.total) * 100)); };
    xhr.upload.onload = () => onProgress(null);
    xhr.onerror = () => reject(new ApiError(0, 'network', 'Không kết nối được máy chủ. Hãy kiểm tra mạng rồi thử lại.'));
    xhr.onload = () => {
      let body: unknown = null;
      try { body = JSON.parse(xhr.responseText); } catch { /* not JSON */ }
      if (xhr.status >= 200 && xhr.status < 300) { resolve(body as T); return; }
      const p = (body ?? {}) as { status?: number; code?: string; title?: string; errors?: FieldError[]; warnings?: Issue[] };
      const title = p.title ?? (xhr.status === 413 ? 'Tệp quá lớn (tối đa 5 MB)' : xhr.status === 401 ? 'Phiên đăng nhập đã hết hạn; hãy đăng nhập lại' : `Lỗi máy chủ (${xhr.status})`);
      reject(new ProblemError(p.status ?? xhr.status, p.code ?? 'unknown', title, p.errors ?? [], p.warnings ?? []));
    };
    xhr.send(form);
  });
}
