import { AuditOutlined, DatabaseOutlined, EditOutlined, FundOutlined } from '@ant-design/icons';
import type { MenuProps } from 'antd';
import type { Role } from '../../api/types';
import { canEnterData, canSeeReview } from './shared';

export const INDICATORS_MENU_KEY = 'chi-so';

/** The menu group "Chỉ số & số liệu", with the items the role may open. */
export function indicatorMenu(role: Role): NonNullable<MenuProps['items']> {
  const children = [
    ...(canEnterData(role) ? [{ key: '/chi-so/nhap', icon: <EditOutlined />, label: 'Nhập số liệu' }] : []),
    ...(canSeeReview(role) ? [{ key: '/chi-so/duyet', icon: <AuditOutlined />, label: 'Duyệt & tiến độ báo cáo' }] : []),
    { key: '/chi-so/danh-muc', icon: <DatabaseOutlined />, label: 'Danh mục chỉ số' },
  ];
  return [{ key: INDICATORS_MENU_KEY, icon: <FundOutlined />, label: 'Chỉ số & số liệu', children }];
}
