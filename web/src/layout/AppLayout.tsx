import {
  AlertOutlined, AuditOutlined, ApartmentOutlined, BookOutlined, DashboardOutlined, LogoutOutlined, ProfileOutlined, ScheduleOutlined, UserOutlined,
} from '@ant-design/icons';
import { CalendarOutlined, HomeOutlined, OrderedListOutlined } from '@ant-design/icons';
import { BankOutlined, FileSearchOutlined, GiftOutlined, WalletOutlined } from '@ant-design/icons';
import { ClusterOutlined } from '@ant-design/icons';
import { GlobalOutlined } from '@ant-design/icons';
import { canSeeFunds } from '../pages/budget/FundsPage';
import { Button, Flex, Grid, Layout, Menu, Tag, Tooltip, Typography } from 'antd';
import type { MenuProps } from 'antd';
import { Outlet, useLocation, useNavigate } from 'react-router-dom';
import { canSeeAudit, canSeeOverdue, useLogout, useMe } from '../auth/session';
import { t, tOr } from '../i18n';
import { indicatorMenu, INDICATORS_MENU_KEY } from '../pages/indicators/menu';
import { reportsMenu, REPORTS_MENU_KEY } from '../pages/reports/menu';
import { learningModelsMenu, LEARNING_MODELS_MENU_KEY } from '../pages/learning-models/menu';
import { NotificationBell } from '../components/NotificationBell';

const { Header, Sider, Content } = Layout;

export function AppLayout() {
  const me = useMe().data;
  const navigate = useNavigate();
  const location = useLocation();
  const logout = useLogout();
  // Phones: a compact header (short name, no scope line or role tag, icon-only logout) and a narrower gutter, so that no page scrolls sideways.
  const narrow = Grid.useBreakpoint().md === false;
  if (!me) return null;

  const items: MenuProps['items'] = [
    { key: '/bang-dieu-khien', icon: <DashboardOutlined />, label: tOr('nav.dashboard', 'Bảng điều khiển') },
    { key: '/ke-hoach', icon: <ProfileOutlined />, label: t('nav.plans') },
    { key: '/nhiem-vu-cua-toi', icon: <ScheduleOutlined />, label: t('nav.myTasks') },
    ...(canSeeOverdue(me.role) ? [{ key: '/qua-han', icon: <AlertOutlined />, label: t('nav.overdue') }] : []),
    ...indicatorMenu(me.role),
    ...reportsMenu(me.role),
    { key: '/pcgd', icon: <BookOutlined />, label: t('nav.pcgd') },
    ...learningModelsMenu(tOr('nav.learningModels', 'Mô hình học tập')),
    { key: '/bo-tieu-chi', icon: <OrderedListOutlined />, label: tOr('nav.criteria', 'Bộ tiêu chí') },
    { key: '/trung-tam', icon: <HomeOutlined />, label: tOr('nav.centres', 'Trung tâm HTCĐ') },
    { key: '/su-kien', icon: <CalendarOutlined />, label: tOr('nav.events', 'Sự kiện, phong trào') },
    { key: '/hoc-lieu', icon: <FileSearchOutlined />, label: tOr('nav.resources', 'Học liệu mở') },
    ...(me.role !== 'assessor' ? [{ key: '/kinh-phi', icon: <WalletOutlined />, label: tOr('nav.budget', 'Kinh phí') }] : []),
    ...(canSeeFunds(me.role) ? [{ key: '/quy-khuyen-hoc', icon: <BankOutlined />, label: tOr('nav.funds', 'Quỹ khuyến học') }] : []),
    { key: '/khen-thuong', icon: <GiftOutlined />, label: tOr('nav.commendations', 'Khen thưởng') },
    { key: '/ban-chi-dao', icon: <ClusterOutlined />, label: tOr('nav.steering', 'Ban Chỉ đạo') },
    { key: '/thanh-pho-hoc-tap', icon: <GlobalOutlined />, label: tOr('nav.learningCities', 'Thành phố học tập') },
    { key: '/don-vi', icon: <ApartmentOutlined />, label: t('nav.orgUnits') },
    ...(canSeeAudit(me.role) ? [{ key: '/nhat-ky', icon: <AuditOutlined />, label: t('nav.audit') }] : []),
  ];
  const selected = location.pathname.startsWith('/nhiem-vu/') ? '/ke-hoach'
    : (items.flatMap((i) => [i, ...((i as { children?: { key?: unknown }[] } | null)?.children ?? [])]).map((i) => String(i?.key)).filter((k) => location.pathname.startsWith(k)).sort((a, b) => b.length - a.length)[0] ?? ''); // the longest match: /mo-hinh-hoc-tap/thong-ke, not /mo-hinh-hoc-tap
  const scopeNames = me.scope.map((s) => s.name).join(', ');

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Header style={{ display: 'flex', alignItems: 'center', gap: narrow ? 8 : 16, paddingInline: narrow ? 12 : 24, background: '#0b3d6b' }}>
        <Typography.Text strong style={{ color: '#fff', fontSize: 18, whiteSpace: 'nowrap' }}>
          {narrow ? t('app.short') : t('app.name')}
        </Typography.Text>
        <Flex align="center" gap={12} style={{ marginLeft: 'auto', minWidth: 0 }}>
          {!narrow && <Flex vertical style={{ lineHeight: 1.3, minWidth: 0, alignItems: 'flex-end' }}>
            <span style={{ color: '#fff', whiteSpace: 'nowrap' }} data-testid="me-name">
              <UserOutlined /> {me.displayName}
            </span>
            <Tooltip title={`${t('auth.scope')}: ${scopeNames}`}>
              <span style={{ color: '#b7cde3', fontSize: 12, maxWidth: 520, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>
                {scopeNames}
              </span>
            </Tooltip>
          </Flex>}
          {!narrow && <Tag color="geekblue" style={{ marginInlineEnd: 0 }}>{me.roleLabel}</Tag>}
          <NotificationBell />
          <Button
            icon={<LogoutOutlined />}
            onClick={() => logout.mutate(undefined, { onSettled: () => navigate('/dang-nhap', { replace: true }) })}
            loading={logout.isPending}
            aria-label={t('auth.logout')}
          >
            {narrow ? null : t('auth.logout')}
          </Button>
        </Flex>
      </Header>
      <Layout>
        <Sider width={230} theme="light" breakpoint="lg" collapsedWidth={64} style={{ borderRight: '1px solid #f0f0f0' }}>
          <Menu
            mode="inline"
            selectedKeys={[selected]}
            defaultOpenKeys={location.pathname.startsWith('/chi-so') ? [INDICATORS_MENU_KEY] : location.pathname.startsWith('/bao-cao') ? [REPORTS_MENU_KEY] : location.pathname.startsWith('/mo-hinh-hoc-tap') ? [LEARNING_MODELS_MENU_KEY] : []}
            items={items}
            onClick={({ key }) => navigate(key)}
            style={{ borderInlineEnd: 0, paddingTop: 8 }}
          />
        </Sider>
        <Content style={{ padding: narrow ? 12 : 24, minWidth: 0 }}>
          <Outlet />
        </Content>
      </Layout>
    </Layout>
  );
}
