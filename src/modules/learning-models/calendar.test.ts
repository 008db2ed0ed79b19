import { describe, expect, it } from 'vitest';
import { isLate, yearCalendar } from './calendar.ts';
import { workflowConfig } from './workflow-config.ts';

const { calendar } = workflowConfig();

describe('legal calendar', () => {
  it('puts the 2024 commune learning community dossier by 28/02/2025 and the decision by 31/03/2025 (TT 25/2023)', () => {
    expect(yearCalendar(calendar.learning_community_commune, 2024)).toMatchObject({ dossierDue: '2025-02-28', decisionDue: '2025-03-31', verified: 'V' });
  });
  it('puts a district-level learning unit dossier of 2024 by 15/01/2025 (TT 24/2023 Điều 10)', () => {
    expect(yearCalendar(calendar.learning_unit, 2024).dossierDue).toBe('2025-01-15');
  });
  it('keeps family deadlines inside the assessment year and marks them inferred', () => {
    expect(yearCalendar(calendar.learning_family, 2026)).toMatchObject({ dossierDue: '2026-11-30', decisionDue: '2026-12-10', verified: 'I' });
  });
  it('has no date where the source gives none', () => {
    expect(yearCalendar(calendar.learning_community_province, 2024)).toMatchObject({ dossierDue: null, decisionDue: null });
  });
  it('is on time on the named day and late the day after', () => {
    expect(isLate('2025-02-28', '2025-02-28')).toBe(false);
    expect(isLate('2025-02-28', '2025-03-01')).toBe(true);
    expect(isLate(null, '2099-01-01')).toBe(false);
  });
});
