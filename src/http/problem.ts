/** An error a client can act on: RFC 9457 problem details with a stable `code` and a Vietnamese `title`. */
export interface FieldError {
  field: string;
  message: string;
}

export class Problem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly title: string,
    readonly details: { detail?: string; errors?: readonly (FieldError | object)[]; [k: string]: unknown } = {},
  ) {
    super(`${code}: ${title}`);
  }

  toJSON(instance?: string) {
    return { type: 'about:blank', status: this.status, code: this.code, title: this.title, instance, ...this.details };
  }
}

export const problem = (status: number, code: string, title: string, details?: Problem['details']) =>
  new Problem(status, code, title, details);

/** Out of scope and absent look the same: the caller learns nothing about units it may not see. */
export const forbidden = (entity: string) =>
  problem(403, 'scope.forbidden', 'Bạn không có quyền truy cập đối tượng này (hoặc nó không tồn tại)', { entity });

export const notAllowed = (permission: string) =>
  problem(403, 'role.forbidden', 'Vai trò của bạn không được phép thực hiện thao tác này', { permission });

export const staleVersion = (entity: string, current: number) =>
  problem(409, `${entity}.stale_version`, 'Dữ liệu đã được người khác cập nhật; hãy tải lại trước khi lưu', { currentVersion: current });
