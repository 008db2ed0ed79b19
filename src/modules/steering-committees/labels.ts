/**
 * Steering committees (Ban Chỉ đạo XMC-PCGD-XDXHHT). Both seed plans ask the province and the local levels to set up
 * or strengthen ("kiện toàn") them: 2042/KH-UBND (Tây Ninh) and 1144/KH-UBND (Bình Dương). The positions are those of
 * establishing decisions in provincial practice [I]; the rules are ours (docs/decisions/0015). No imports: the web app
 * takes these labels from here.
 */
export const POSITIONS = ['head', 'standing_deputy', 'deputy', 'standing_member', 'member', 'secretary'] as const;
export type Position = (typeof POSITIONS)[number];
export const POSITION_LABELS: Record<Position, string> = {
  head: 'Trưởng ban',
  standing_deputy: 'Phó Trưởng ban thường trực',
  deputy: 'Phó Trưởng ban',
  standing_member: 'Ủy viên thường trực',
  member: 'Ủy viên',
  secretary: 'Thư ký',
};
export const MEETING_KINDS = ['regular', 'extraordinary'] as const;
export type MeetingKind = (typeof MEETING_KINDS)[number];
export const MEETING_KIND_LABELS: Record<MeetingKind, string> = { regular: 'Định kỳ', extraordinary: 'Đột xuất' };
