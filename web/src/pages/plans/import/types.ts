/** The plan-import API (POST /api/v1/plans/parse, /api/v1/plans/import) as the page uses it. */

export type DueRule =
  | { kind: 'none' }
  | { kind: 'date'; date: string; phrase: string }
  | { kind: 'quarter'; year: number; quarter: number; phrase: string }
  | { kind: 'year'; year: number; phrase: string }
  | { kind: 'yearly'; month: number; day: number; phrase: string };

export interface DraftTask {
  code: string;
  text: string;
  /** A unit code or a group token ("@districts"); "?Tên" is a body not found in the directory. */
  lead: string | string[];
  coordinating: string[];
  coordinatingText?: string;
  due: DueRule;
  sourceLines?: [number, number];
}

export interface DraftSection {
  code: string;
  title?: string;
  text?: string;
  sections?: DraftSection[];
  tasks?: DraftTask[];
  sourceLines?: [number, number];
}

export interface DraftTarget { code: string; year: number; text: string; group?: string; value?: number; unit?: string; sourceLines?: [number, number] }

export interface PlanDraft {
  number: string;
  issuedOn: string;
  issuer: string;
  title: string;
  legalBasis: string[];
  period?: { from: number; to: number };
  sections: DraftSection[];
  targets: DraftTarget[];
}

export interface PartyJson { text: string; kind: 'unit' | 'group' | 'unresolved'; code: string | null; name: string; members?: { code: string; name: string }[] }

export interface ParseWarning { code: string; severity: 'error' | 'warning' | 'info'; message: string; lines: [number, number] }

export interface ParseResponse {
  parse: {
    number: string | null; issuer: string | null; issuerUnit: { code: string; name: string } | null; place: string | null; issuedOn: string | null;
    documentType: string | null; title: string | null; legalBasis: string[];
    tasks: { code: string; lead: PartyJson[]; coordinating: PartyJson[] }[];
    recipients: string[]; signer: { name: string | null; position: string | null; capacity: string | null } | null;
    warnings: ParseWarning[]; unparsed: { line: number; text: string }[];
  };
  draft: PlanDraft;
  slug: string | null;
  lines: string[];
  exists: boolean;
  choices: { code: string; name: string; kind: string }[];
}

export interface ImportResponse { id: string; slug: string; tasks: number; assignments: number }
