import { Typography } from 'antd';
import type { ReactNode } from 'react';

/** A plain, narrow frame for the citizen pages: most visitors arrive from a QR code on a phone. */
export function PublicFrame({ children }: { children: ReactNode }) {
  return (
    <div style={{ minHeight: '100vh', background: '#f5f7fa', display: 'flex', flexDirection: 'column' }}>
      <header style={{ background: '#0b3d6b', color: '#fff', padding: '10px 16px' }}>
        <div style={{ maxWidth: 640, margin: '0 auto', lineHeight: 1.3 }}>
          <span style={{ fontWeight: 600, fontSize: 16, display: 'block' }}>Xây dựng xã hội học tập</span>
          <span style={{ color: '#b7cde3', fontSize: 13 }}>Trang dành cho người dân</span>
        </div>
      </header>
      <main style={{ flex: 1, width: '100%', maxWidth: 640, margin: '0 auto', padding: '12px 12px 32px', boxSizing: 'border-box' }}>{children}</main>
      <footer style={{ padding: '12px 16px', textAlign: 'center', borderTop: '1px solid #e8e8e8', background: '#fff' }}>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>Cần giúp đỡ? Cán bộ xã, phường có thể nhập hộ hồ sơ cho bạn.</Typography.Text>
      </footer>
    </div>
  );
}
