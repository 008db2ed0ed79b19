import { describe, expect, it } from 'vitest';
import { CommendationBody, decisionYear } from './model.ts';

const body = { issuerUnitId: '1', number: '125/QĐ-UBND', decidedOn: '2026-10-07', form: 'merit_certificate', recipients: [{ personName: 'Nguyễn Thị Lan' }] };

describe('commendation decisions', () => {
  it('takes a person or a collective as each recipient, not both and not neither', () => {
    expect(CommendationBody.safeParse(body).success).toBe(true);
    expect(CommendationBody.safeParse({ ...body, recipients: [{ unitId: '7' }] }).success).toBe(true);
    for (const r of [{ personName: 'Trần Văn Bình', unitId: '7' }, { title: 'Hiệu trưởng' }]) {
      const res = CommendationBody.safeParse({ ...body, recipients: [r] });
      expect(res.error!.issues[0]!.path).toEqual(['recipients', 0, 'personName']);
    }
    expect(CommendationBody.safeParse({ ...body, recipients: [] }).error!.issues[0]!.path).toEqual(['recipients']);
  });

  it('numbers decisions within the year of their date', () => {
    expect(decisionYear('2026-01-01')).toBe(2026);
    expect(decisionYear('2025-12-31')).toBe(2025);
    expect(CommendationBody.safeParse({ ...body, decidedOn: '07/10/2026' }).error!.issues[0]!.path).toEqual(['decidedOn']);
  });
});
