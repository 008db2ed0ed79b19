const vnd = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 0 });

/** 1.234.567 ₫ — whole đồng, Vietnamese digit grouping. */
export const formatVnd = (n: number | null | undefined) => (n === null || n === undefined ? '—' : `${vnd.format(n)} ₫`);

/** 75,5 % — or a dash when nothing was allocated. */
export const formatRate = (r: number | null) => (r === null ? '—' : `${new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 1 }).format(r)} %`);

/** Props of an amount input: whole đồng, shown and typed with Vietnamese digit grouping (1.000.000). */
export const moneyInput = {
  min: 0, step: 1_000_000, precision: 0,
  formatter: (v?: string | number) => (v === undefined || v === '' ? '' : vnd.format(Number(v))),
  parser: (v?: string) => Number((v ?? '').replace(/\./g, '')),
};
