import { combinations, type Category } from './model.ts';

/** What validation needs to know about a data element. */
export interface ElementRule {
  code: string;
  name: string;
  valueType: 'count' | 'number' | 'boolean';
  categories: readonly Category[];
  maxValue: number | null;
}

export interface Issue {
  severity: 'error' | 'warning';
  code: string;
  message: string;
  /** Where: a row of the batch, an XLSX cell, or a form field `ELEMENT[disaggregation]`. */
  field: string;
}

/** The problem with one value, or null: counts are whole and not negative, yes/no is 0 or 1, nothing above the maximum. */
export function valueProblem(el: ElementRule, value: number): { code: string; message: string } | null {
  if (!Number.isFinite(value)) return { code: 'value.not_number', message: 'Giá trị không phải là số' };
  if (value < 0) return { code: 'value.negative', message: `${el.name}: không được âm` };
  if (el.valueType === 'boolean' && value !== 0 && value !== 1) return { code: 'value.not_boolean', message: `${el.name}: chỉ nhận 1 (có) hoặc 0 (không)` };
  if (el.valueType === 'count' && !Number.isInteger(value)) return { code: 'value.not_integer', message: `${el.name}: số đếm phải là số nguyên` };
  if (el.maxValue !== null && value > el.maxValue) return { code: 'value.above_max', message: `${el.name}: không vượt quá ${el.maxValue.toLocaleString('vi-VN')}` };
  return null;
}

/** A disaggregation key must be one of the element's combinations ('' for an element without categories). */
export function disaggregationProblem(el: ElementRule, key: string): { code: string; message: string } | null {
  if (combinations(el.categories).includes(key)) return null;
  return el.categories.length === 0
    ? { code: 'value.not_disaggregated', message: `${el.name}: không phân tổ, để trống cột phân tổ` }
    : { code: 'value.bad_disaggregation', message: `${el.name}: phân tổ "${key}" không hợp lệ (theo ${el.categories.join(', ')})` };
}

/** The total of an element from its stored values: its combinations summed, or its undisaggregated value. */
export function totalOf(el: ElementRule, values: ReadonlyMap<string, number>): number | null {
  if (el.categories.length === 0) return values.get('') ?? null;
  let sum = 0, any = false;
  for (const key of combinations(el.categories)) {
    const v = values.get(key);
    if (v !== undefined) { sum += v; any = true; }
  }
  return any ? sum : null;
}

export interface RatioPair { indicator: string; numerator: string; denominator: string }

/** A numerator may not exceed its denominator (e.g. people with life skills ≤ working-age people). */
export function ratioProblems(totals: ReadonlyMap<string, number>, pairs: readonly RatioPair[], names: ReadonlyMap<string, string>, where: string): Issue[] {
  const issues: Issue[] = [];
  for (const p of pairs) {
    const n = totals.get(p.numerator), d = totals.get(p.denominator);
    if (n !== undefined && d !== undefined && n > d) {
      issues.push({
        severity: 'error', code: 'value.numerator_above_denominator', field: `${where}${p.numerator}`,
        message: `${names.get(p.numerator) ?? p.numerator} (${n.toLocaleString('vi-VN')}) lớn hơn ${names.get(p.denominator) ?? p.denominator} (${d.toLocaleString('vi-VN')})`,
      });
    }
  }
  return issues;
}

/** A change of more than `percent` % against the previous period is worth a second look, not a refusal. */
export function jumpWarning(name: string, field: string, current: number, previous: number | null, percent: number): Issue | null {
  if (previous === null || previous === 0) return null;
  const change = ((current - previous) / previous) * 100;
  if (Math.abs(change) <= percent) return null;
  return {
    severity: 'warning', code: 'value.jump', field,
    message: `${name}: ${change > 0 ? 'tăng' : 'giảm'} ${Math.abs(change).toLocaleString('vi-VN', { maximumFractionDigits: 0 })}% so với kỳ trước (${previous.toLocaleString('vi-VN')} → ${current.toLocaleString('vi-VN')})`,
  };
}
