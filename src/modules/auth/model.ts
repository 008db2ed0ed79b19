import { z } from 'zod';

export const ROLES = ['admin', 'coordinator', 'agency_reporter', 'unit_officer', 'assessor', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export interface Actor {
  id: string;
  username: string;
  displayName: string;
  role: Role;
}

/** What each role may do; the unit scope is a second, separate check done in SQL. */
const PERMISSIONS = {
  'plan.read': ['admin', 'coordinator', 'agency_reporter', 'unit_officer', 'assessor', 'viewer'],
  'task.report': ['admin', 'coordinator', 'agency_reporter', 'unit_officer'],
  'overdue.read': ['admin', 'coordinator', 'viewer'],
  'audit.read': ['admin'],
  'user.manage': ['admin'],
  // Universal-education register: personal data, read and written by commune officers within their scope.
  'register.read': ['admin', 'coordinator', 'unit_officer'],
  'register.write': ['admin', 'coordinator', 'unit_officer'],
  'register.export': ['admin', 'coordinator'],
  'pcgd.results': ['admin', 'coordinator', 'agency_reporter', 'unit_officer', 'assessor', 'viewer'],
  // Indicators: definitions by admins; values entered by the units, approved by the coordinating levels.
  'indicator.manage': ['admin'],
  'analytics.read': ['admin', 'coordinator', 'agency_reporter', 'unit_officer', 'assessor', 'viewer'],
  'data.enter': ['admin', 'coordinator', 'agency_reporter', 'unit_officer'],
  'data.approve': ['admin', 'coordinator'],
  'boundary.manage': ['admin', 'coordinator'],
  // Reports (issue 6): units file their periodic reports; the receiving level reviews them and edits the obligations.
  'report.submit': ['admin', 'coordinator', 'agency_reporter', 'unit_officer'],
  'report.review': ['admin', 'coordinator'],
  // Criteria sets of the learning models: everyone reads and tries a scoring; only admins save a new version.
  'criteria.read': ['admin', 'coordinator', 'agency_reporter', 'unit_officer', 'assessor', 'viewer'],
  'criteria.manage': ['admin'],
  // Learning models: registration and self-assessment (also on behalf of residents), review, recognition decisions.
  'model.read': ['admin', 'coordinator', 'agency_reporter', 'unit_officer', 'assessor', 'viewer'],
  'model.register': ['admin', 'coordinator', 'unit_officer', 'agency_reporter'],
  'model.review': ['admin', 'coordinator', 'assessor', 'unit_officer'],
  'model.recognise': ['admin', 'coordinator', 'unit_officer'],
  // Open learning resources: everyone browses; units add their own; the coordinating level publishes them.
  'resource.read': ['admin', 'coordinator', 'agency_reporter', 'unit_officer', 'assessor', 'viewer'],
  'resource.write': ['admin', 'coordinator', 'agency_reporter', 'unit_officer'],
  'resource.publish': ['admin', 'coordinator'],
  // Budget lines of plan tasks: the answerable agencies enter them; commendation decisions by the issuing levels.
  'budget.read': ['admin', 'coordinator', 'agency_reporter', 'unit_officer', 'viewer'],
  'budget.write': ['admin', 'coordinator', 'agency_reporter'],
  'commendation.read': ['admin', 'coordinator', 'agency_reporter', 'unit_officer', 'assessor', 'viewer'],
  'commendation.write': ['admin', 'coordinator', 'unit_officer'],
  // Study-promotion funds: scholarships name pupils (personal data), so only the unit and the coordinating level.
  'fund.read': ['admin', 'coordinator', 'unit_officer'],
  'fund.write': ['admin', 'coordinator', 'unit_officer'],
  // Community learning centres (issue 8): communes keep their centres' records; the coordinating level reviews the ratings.
  'centre.read': ['admin', 'coordinator', 'agency_reporter', 'unit_officer', 'assessor', 'viewer'],
  'centre.write': ['admin', 'coordinator', 'unit_officer'],
  'centre.review': ['admin', 'coordinator'],
  // Events and campaigns: the national ones are generated; units plan and report their activities; coordinators add local campaigns.
  'event.read': ['admin', 'coordinator', 'agency_reporter', 'unit_officer', 'assessor', 'viewer'],
  'event.write': ['admin', 'coordinator', 'agency_reporter', 'unit_officer'],
  'event.manage': ['admin', 'coordinator'],
} as const satisfies Record<string, readonly Role[]>;
export type Permission = keyof typeof PERMISSIONS;

export function can(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(role);
}

export const ROLE_LABELS: Record<Role, string> = {
  admin: 'Quản trị hệ thống',
  coordinator: 'Điều phối (Sở GDĐT)',
  agency_reporter: 'Cán bộ báo cáo của cơ quan',
  unit_officer: 'Cán bộ xã/phường',
  assessor: 'Thẩm định viên (Hội Khuyến học)',
  viewer: 'Người xem',
};

export const LoginBody = z.strictObject({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(200),
});

const Username = z.string().trim().toLowerCase().regex(/^[a-z0-9._-]{3,64}$/, 'Tên đăng nhập: 3–64 ký tự a-z, 0-9, dấu chấm, gạch');
const Password = z.string().min(10, 'Mật khẩu tối thiểu 10 ký tự').max(200);
const UnitIds = z.array(z.string().regex(/^\d+$/)).min(1, 'Cần ít nhất một đơn vị phạm vi').max(50);
/** Where reminders are e-mailed; null removes it. */
const Email = z.string().trim().toLowerCase().max(254).regex(/^[^@\s]+@[^@\s]+\.[^@\s]+$/, 'Địa chỉ thư điện tử không hợp lệ').nullable();

export const NewUserBody = z.strictObject({
  username: Username, displayName: z.string().trim().min(1).max(120), role: z.enum(ROLES), password: Password, scopeUnitIds: UnitIds,
  email: Email.optional(),
});
export const UserPatchBody = z.strictObject({
  displayName: z.string().trim().min(1).max(120).optional(), role: z.enum(ROLES).optional(), active: z.boolean().optional(),
  password: Password.optional(), scopeUnitIds: UnitIds.optional(), email: Email.optional(), version: z.number().int().min(1),
});
export type UserPatchBody = z.infer<typeof UserPatchBody>;
