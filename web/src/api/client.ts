/** The one fetch wrapper: JSON in and out, the CSRF header on writes, problem+json turned into ApiError. */

export interface FieldError { field: string; message: string }

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly title: string,
    readonly errors: FieldError[] = [],
  ) {
    super(title);
  }
}

type UnauthorizedListener = () => void;
let onUnauthorized: UnauthorizedListener = () => {};
/** The app registers here how to react to a 401 anywhere (go to the login page). */
export function setUnauthorizedHandler(fn: UnauthorizedListener) {
  onUnauthorized = fn;
}

export type Query = Record<string, string | number | undefined | null>;

export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== '') qs.set(k, String(v));
  const s = qs.toString();
  return s ? `${path}?${s}` : path;
}

interface RequestOptions {
  method?: string;
  body?: unknown;
  query?: Query;
  /** Login answers 401 for a wrong password: that is not "session expired". */
  skipUnauthorizedRedirect?: boolean;
}

export async function api<T>(path: string, opts: RequestOptions = {}): Promise<T> {
  const method = opts.method ?? 'GET';
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (method !== 'GET' && method !== 'HEAD') headers['X-Requested-With'] = 'xhht';
  let body: BodyInit | undefined;
  if (opts.body instanceof FormData) body = opts.body;
  else if (opts.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(opts.body);
  }
  let res: Response;
  try {
    res = await fetch(withQuery(path, opts.query), { method, headers, body, credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, 'network', 'Không kết nối được máy chủ. Hãy kiểm tra mạng rồi thử lại.');
  }
  if (res.status === 401 && !opts.skipUnauthorizedRedirect) onUnauthorized();
  if (!res.ok) throw await toApiError(res);
  if (res.status === 204) return undefined as T;
  const type = res.headers.get('content-type') ?? '';
  return (type.includes('json') ? await res.json() : await res.text()) as T;
}

async function toApiError(res: Response): Promise<ApiError> {
  try {
    const p = (await res.json()) as { status?: number; code?: string; title?: string; errors?: FieldError[] };
    return new ApiError(p.status ?? res.status, p.code ?? 'unknown', p.title ?? `Lỗi ${res.status}`, p.errors ?? []);
  } catch {
    return new ApiError(res.status, 'unknown', res.status === 413 ? 'Tệp quá lớn (tối đa 10 MB)' : `Lỗi máy chủ (${res.status})`);
  }
}

/** The message to show for any error: the problem title, field messages appended. */
export function errorMessage(err: unknown): string {
  if (err instanceof ApiError) return err.title;
  if (err instanceof Error) return err.message;
  return 'Đã có lỗi xảy ra';
}
