import type { FieldError } from '../../http/problem.ts';
import { formatVnDate } from '../plans/deadlines.ts';

/**
 * When may a centre be re-organised into a centre of the commune that took its commune over? Communes merged on
 * 01/07/2025 must review and re-organise their old centres (Thông tư 11/2025/TT-BGDĐT; legal-rules §2.7): the old
 * commune has ended, the new one is its successor (org_unit_succession) and is in force on the day the centre moves;
 * the old centre is still open and closes the day before.
 */
export interface ReorganisationFacts {
  centre: { validFrom: string; validTo: string | null };
  commune: { name: string; validTo: string | null };
  target: { name: string; validFrom: string | null; validTo: string | null; isSuccessor: boolean };
  /** The existing centre taken into, when there is one: it must be open on the day. */
  targetCentre?: { validFrom: string; validTo: string | null } | undefined;
  effective: string;
}

export function checkReorganisation(f: ReorganisationFacts, targetField: string): FieldError[] {
  const errors: FieldError[] = [];
  if (f.centre.validTo !== null) errors.push({ field: 'effective', message: `Trung tâm đã ngừng hoạt động từ sau ngày ${formatVnDate(f.centre.validTo)}` });
  if (f.commune.validTo === null) {
    errors.push({ field: 'effective', message: `${f.commune.name} vẫn còn hiệu lực: chỉ sắp xếp lại trung tâm của xã đã được sắp xếp, sáp nhập` });
  } else if (f.effective <= f.commune.validTo) {
    errors.push({ field: 'effective', message: `Ngày sắp xếp phải sau ngày ${formatVnDate(f.commune.validTo)} (ngày cuối của ${f.commune.name})` });
  }
  if (f.effective <= f.centre.validFrom) errors.push({ field: 'effective', message: `Ngày sắp xếp phải sau ngày thành lập ${formatVnDate(f.centre.validFrom)}` });
  if (!f.target.isSuccessor) errors.push({ field: targetField, message: `${f.target.name} không phải đơn vị kế thừa ${f.commune.name}` });
  else if ((f.target.validFrom !== null && f.target.validFrom > f.effective) || (f.target.validTo !== null && f.target.validTo < f.effective)) {
    errors.push({ field: targetField, message: `${f.target.name} không còn hiệu lực ngày ${formatVnDate(f.effective)}` });
  }
  const tc = f.targetCentre;
  if (tc && (tc.validFrom > f.effective || (tc.validTo !== null && tc.validTo < f.effective))) {
    errors.push({ field: targetField, message: `Trung tâm nhận sắp xếp không hoạt động ngày ${formatVnDate(f.effective)}` });
  }
  return errors;
}
