import { FileDoneOutlined, FileTextOutlined, ScheduleOutlined, SolutionOutlined } from '@ant-design/icons';
import type { MenuProps } from 'antd';
import type { Role } from '../../api/types';
import { canReviewReports, canSubmitReports } from './api';

export const REPORTS_MENU_KEY = 'bao-cao';

/** The menu group "Báo cáo", with the items the role may open. */
export function reportsMenu(role: Role): NonNullable<MenuProps['items']> {
  const children = [
    ...(canSubmitReports(role) ? [{ key: '/bao-cao/cua-toi', icon: <FileTextOutlined />, label: 'Báo cáo của đơn vị' }] : []),
    ...(canReviewReports(role) ? [{ key: '/bao-cao/tinh-hinh', icon: <FileDoneOutlined />, label: 'Tình hình gửi báo cáo' }] : []),
    { key: '/bao-cao/nghia-vu', icon: <ScheduleOutlined />, label: 'Nghĩa vụ báo cáo' },
  ];
  return [{ key: REPORTS_MENU_KEY, icon: <SolutionOutlined />, label: 'Báo cáo định kỳ', children }];
}
