import { BarChartOutlined, LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Form, Input, Typography } from 'antd';
import { Link, Navigate, useLocation, useNavigate } from 'react-router-dom';
import { errorMessage } from '../../api/client';
import { homeFor, useLogin, useMe } from '../../auth/session';
import { t } from '../../i18n';

interface LoginForm { username: string; password: string }

export function LoginPage() {
  const login = useLogin();
  const me = useMe();
  const navigate = useNavigate();
  const location = useLocation();
  const from = (location.state as { from?: string } | null)?.from;
  const target = (role: Parameters<typeof homeFor>[0]) => (from && from !== '/dang-nhap' && from !== '/' ? from : homeFor(role));

  if (me.data && !login.isPending && !login.isSuccess) return <Navigate to={target(me.data.role)} replace />;

  const onFinish = (values: LoginForm) =>
    login.mutate(values, { onSuccess: (user) => navigate(target(user.role), { replace: true }) });

  return (
    <Flex align="center" justify="center" style={{ minHeight: '100vh', background: 'linear-gradient(160deg, #0b3d6b 0%, #0b5cad 100%)' }}>
      <Card style={{ width: 400, maxWidth: '92vw' }}>
        <Typography.Title level={3} style={{ marginTop: 0, marginBottom: 4 }}>{t('app.name')}</Typography.Title>
        <Typography.Paragraph type="secondary">{t('auth.loginSubtitle')}</Typography.Paragraph>
        {login.isError && <Alert type="error" showIcon title={errorMessage(login.error)} style={{ marginBottom: 16 }} data-testid="login-error" />}
        <Form<LoginForm> layout="vertical" onFinish={onFinish} requiredMark={false} autoComplete="on">
          <Form.Item name="username" label={t('auth.username')} rules={[{ required: true, message: t('auth.usernameRequired') }]}>
            <Input prefix={<UserOutlined />} autoFocus autoComplete="username" data-testid="login-username" />
          </Form.Item>
          <Form.Item name="password" label={t('auth.password')} rules={[{ required: true, message: t('auth.passwordRequired') }]}>
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" data-testid="login-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={login.isPending} data-testid="login-submit">
            {t('auth.login')}
          </Button>
        </Form>
        <div style={{ marginTop: 16, textAlign: 'center' }}>
          <Link to="/cong-khai" data-testid="public-link"><BarChartOutlined /> Xem số liệu công khai</Link>
        </div>
      </Card>
    </Flex>
  );
}
