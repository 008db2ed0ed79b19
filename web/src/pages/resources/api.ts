import type { Role } from '../../api/types';

/** Types of the open learning resource pages (issue 8). */
export { FORMAT_LABELS, FORMATS } from '../../../../src/modules/resources/formats';

export interface Resource {
  id: string; title: string; description: string; subject: string; audience: string; format: string; formatLabel: string; language: string; licence: string;
  url: string | null; file: { name: string; mediaType: string; sizeBytes: number } | null; publisher: { id: string; code: string; name: string };
  status: 'draft' | 'published'; publishedAt: string | null; createdAt: string; version: number; rank?: number;
  /** The actor may edit, upload to and delete it (a writing role, publisher within scope). */
  editable: boolean;
}

export const canWriteResources = (role: Role) => role === 'admin' || role === 'coordinator' || role === 'agency_reporter' || role === 'unit_officer';
export const canPublishResources = (role: Role) => role === 'admin' || role === 'coordinator';
