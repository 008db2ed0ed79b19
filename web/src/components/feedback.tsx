import { Alert, Button, Empty, Flex, Spin } from 'antd';
import type { ReactNode } from 'react';
import { errorMessage } from '../api/client';
import { t } from '../i18n';

export function Loading() {
  return (
    <Flex align="center" justify="center" style={{ padding: 48 }}>
      <Spin tip={t('common.loading')}>
        <div style={{ width: 120, height: 40 }} />
      </Spin>
    </Flex>
  );
}

export function ErrorAlert({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  return (
    <Alert
      type="error"
      showIcon
      title={errorMessage(error)}
      action={onRetry ? <Button size="small" onClick={onRetry}>{t('common.reload')}</Button> : undefined}
      style={{ marginBottom: 16 }}
    />
  );
}

export function EmptyState({ children }: { children: ReactNode }) {
  return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={children} />;
}
