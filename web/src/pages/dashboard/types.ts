/** Shapes of the dashboard, analytics and public-portal answers (src/modules/indicators/dashboard.ts, routes.ts; src/modules/public/routes.ts). */
import type { Lineage } from '../../components/charts/TrendChart';

export type { Lineage };
export type Outlook = 'achieved' | 'missed' | 'on_track' | 'at_risk' | 'off_track' | 'no_trend' | 'no_data';
export const OUTLOOKS: Outlook[] = ['achieved', 'on_track', 'at_risk', 'off_track', 'missed', 'no_trend', 'no_data'];
export type Verified = 'V' | 'P' | 'I';

export interface UnitRef { id: string; code: string; name: string }
export interface UnitAt extends UnitRef { kind: string; validFrom: string | null; validTo: string | null }
export interface Approval { units: number; approved: number }

export interface Figure {
  period: string;
  year: number;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  lineage: Lineage;
  approximate: boolean;
  approval: Approval | null;
  demo: boolean;
  note: string | null;
  /** Public portal only. */
  suppressed?: boolean;
}

export interface Target {
  id: string;
  indicator: string;
  indicatorName: string;
  unitLabel: string;
  decimals: number;
  unit: UnitRef | null;
  year: number;
  value: number;
  comparator: '>=' | '<=' | '=';
  document: string;
  plan: { id: string; number: string } | null;
  clause: string | null;
  text: string;
  verified: Verified;
  note: string | null;
}

export interface DashboardItem {
  target: Target;
  indicator: {
    code: string; name: string; unitLabel: string; decimals: number; aggregation: string;
    verified: Verified; legalSource: string | null; aboutPeople: boolean;
  };
  unit: UnitAt | null;
  series: Figure[];
  current: Figure | null;
  outlook: Outlook;
  outlookLabel: string;
  projected: number | null;
  progress: number | null;
  latest: { year: number; value: number } | null;
  benchmark: { value: number; document: string; text: string; verified: Verified } | null;
}

export interface Dashboard {
  unit: UnitAt;
  today: string;
  method: string;
  summary: Record<Outlook, number>;
  items: DashboardItem[];
}

export interface ChildRow {
  unit: UnitAt;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  approval: Approval | null;
  demo: boolean;
  rank: number | null;
}

export interface Children {
  indicator: { code: string; name: string; unitLabel: string; decimals: number };
  unit: UnitAt;
  period: string;
  items: ChildRow[];
}

export interface AnalyticsFigure {
  indicator: string;
  unit: UnitRef & { validFrom: string | null; validTo: string | null };
  period: string;
  periodLabel: string;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  unitLabel: string;
  lineage: Lineage;
  lineageLabel: string;
  approximate: boolean;
  approval: Approval | null;
  demo: boolean;
  note: string | null;
}

export interface Boundary { geojson: { type: 'FeatureCollection'; features: unknown[] }; licence: string; uploadedAt: string }
export interface BoundaryResult { features: number; matched: number; unmatched: string[] }

export interface PublicChild { unit: UnitRef; value: number | null; numerator: number | null; denominator: number | null; suppressed: boolean }
