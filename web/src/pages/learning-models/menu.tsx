import { BarChartOutlined, SolutionOutlined, TrophyOutlined } from '@ant-design/icons';
import type { MenuProps } from 'antd';

export const LEARNING_MODELS_MENU_KEY = 'mo-hinh-hoc-tap';

/** The menu group "Mô hình học tập": the dossiers and their statistics (every role may read both). */
export function learningModelsMenu(label: string): NonNullable<MenuProps['items']> {
  return [{
    key: LEARNING_MODELS_MENU_KEY, icon: <TrophyOutlined />, label, children: [
      { key: '/mo-hinh-hoc-tap', icon: <SolutionOutlined />, label: 'Hồ sơ đăng ký' },
      { key: '/mo-hinh-hoc-tap/thong-ke', icon: <BarChartOutlined />, label: 'Thống kê' },
    ],
  }];
}
