/** How a figure was obtained across the 2025 reorganisation (pure; shared with the web app). */
export type Lineage = 'hierarchy' | 'predecessors' | 'successors';

export const LINEAGE_LABELS: Record<Lineage, string> = {
  hierarchy: 'Tổng hợp theo địa giới tại thời điểm của kỳ',
  predecessors: 'Tổng hợp lại qua các đơn vị tiền thân (trước sắp xếp)',
  successors: 'Tổng hợp lại qua các đơn vị kế thừa (sau sắp xếp)',
};
