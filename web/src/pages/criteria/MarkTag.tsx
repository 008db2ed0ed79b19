import { Tag, Tooltip } from 'antd';
import type { Mark } from './api';

const MARKS: Record<Mark, { color: string; label: string; tip: string }> = {
  V: { color: 'green', label: 'V', tip: '[V] Đã xác minh: đã đọc nội dung trong nguồn công khai' },
  P: { color: 'orange', label: 'P', tip: '[P] Xác minh một phần: phần còn lại là suy luận, cần đối chiếu văn bản gốc' },
  I: { color: 'red', label: 'I', tip: '[I] Suy luận hoặc giữ chỗ, CHƯA đối chiếu văn bản gốc: quản trị viên cần nhập lại theo văn bản' },
};
export const MARK_TEXT: Record<Mark, string> = { V: 'Đã xác minh', P: 'Xác minh một phần', I: 'Chưa xác minh (suy luận)' };

/** The verification mark of a part of a criteria set: unverified rules are always shown as such. */
export function MarkTag({ mark, long }: { mark: Mark; long?: boolean }) {
  const m = MARKS[mark];
  return (
    <Tooltip title={m.tip}>
      <Tag color={m.color} style={{ marginInlineEnd: 0 }} data-testid={`mark-${mark}`}>{long ? `[${m.label}] ${MARK_TEXT[mark]}` : `[${m.label}]`}</Tag>
    </Tooltip>
  );
}
