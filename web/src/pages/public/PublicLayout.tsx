import { LoginOutlined } from '@ant-design/icons';
import { Typography } from 'antd';
import { Link, Outlet } from 'react-router-dom';

/**
 * The public portal's frame: no login, no menu, a plain header and a narrow column that reads well on a phone.
 * Every figure it shows is approved data.
 */
export function PublicLayout() {
  return (
    <div style={{ minHeight: '100vh', background: '#f5f7fa', display: 'flex', flexDirection: 'column' }}>
      <header style={{ background: '#0b3d6b', color: '#fff', padding: '10px 16px' }}>
        <div style={{ maxWidth: 1200, margin: '0 auto', display: 'flex', alignItems: 'center', gap: 12 }}>
          <Link to="/cong-khai" style={{ color: '#fff', minWidth: 0, lineHeight: 1.3 }} data-testid="public-home">
            <span style={{ fontWeight: 600, fontSize: 16, display: 'block' }}>Cổng thông tin công khai</span>
            <span style={{ color: '#b7cde3', fontSize: 13 }}>Xây dựng xã hội học tập</span>
          </Link>
          <Link to="/cong-khai/hoc-lieu" style={{ color: '#fff', marginLeft: 'auto', whiteSpace: 'nowrap', fontSize: 13 }} data-testid="public-nav-resources">Học liệu mở</Link>
          <Link to="/dang-nhap" style={{ color: '#b7cde3', whiteSpace: 'nowrap', fontSize: 13 }}>
            <LoginOutlined /> Đăng nhập cán bộ
          </Link>
        </div>
      </header>
      <main style={{ flex: 1, width: '100%', maxWidth: 1200, margin: '0 auto', padding: '16px 12px 32px', boxSizing: 'border-box' }}>
        <Outlet />
      </main>
      <footer style={{ padding: '12px 16px', textAlign: 'center', borderTop: '1px solid #e8e8e8', background: '#fff' }}>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          Số liệu công khai là số liệu đã được cơ quan có thẩm quyền duyệt; số liệu dưới 5 người không công bố để bảo vệ thông tin cá nhân.
        </Typography.Text>
      </footer>
    </div>
  );
}
