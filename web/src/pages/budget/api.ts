import type { Role } from '../../api/types';

/** Types of the budget page (issue 8). */
export type BudgetSource = 'state' | 'mobilised';

export interface BudgetLine {
  id: string; year: number; source: BudgetSource; sourceLabel: string; planned: number; allocated: number; spent: number; overspendReason: string | null; note: string | null;
  version: number; task: { id: string; code: string; text: string; planNumber: string }; unit: { id: string; code: string; name: string };
}
export interface Totals { planned: number; allocated: number; spent: number; lines: number; executionRate: number | null }
export interface PlanBudget {
  plan: { id: string; number: string; title: string }; year: number; lines: BudgetLine[];
  totals: { bySource: (Totals & { source: BudgetSource; label: string })[]; overall: Totals };
}

export const canWriteBudget = (role: Role) => role === 'admin' || role === 'coordinator' || role === 'agency_reporter';
