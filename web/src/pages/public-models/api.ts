import type { CriteriaSetDefinition } from '../../../../src/modules/learning-models/criteria';

/** Shapes of the anonymous learning-model API (/api/public/v1): campaign, submission receipt, certificate check. */
export interface PublicCampaign {
  code: string; title: string; modelLabel: string; year: number; unitName: string; closesOn: string | null; open: boolean;
  criteria: { name: string; source: string; verification: string; targetGroups: CriteriaSetDefinition['targetGroups'] | null; groups: CriteriaSetDefinition['groups']; passRule: CriteriaSetDefinition['passRule'] } | null;
}
export interface Receipt { registrationId: string; replayed: boolean; total: number; maxTotal: number; passed: boolean; reasons: { code: string; message: string }[] }
export interface VerifiedCertificate {
  code: string; subjectName: string; unitName: string; modelLabel: string; year: number; level: string | null; valid: boolean; expired: boolean; revoked: boolean;
  decision: { number: string; decidedOn: string; signer: string; signerTitle: string | null; issuer: string; validUntil: string | null };
  revocation: { number: string; decidedOn: string; reason: string; issuer: string } | null;
}
