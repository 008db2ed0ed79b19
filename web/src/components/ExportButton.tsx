import { DownloadOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { withQuery, type Query } from '../api/client';
import { t } from '../i18n';

/** "Xuất Excel": the server builds the workbook for the same query the table shows. */
export function ExportButton({ path, query, disabled }: { path: string; query?: Query; disabled?: boolean }) {
  return (
    <Button icon={<DownloadOutlined />} href={withQuery(path, { ...query, format: 'xlsx' })} download disabled={disabled}>
      {t('common.exportXlsx')}
    </Button>
  );
}
