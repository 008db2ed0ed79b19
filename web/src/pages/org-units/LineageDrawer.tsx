import { ArrowLeftOutlined, ArrowRightOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Descriptions, Divider, Drawer, List, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { api } from '../../api/client';
import type { Lineage, LineageLink } from '../../api/types';
import { EmptyState, ErrorAlert, Loading } from '../../components/feedback';
import { formatDate } from '../../format';
import { t, tOr } from '../../i18n';

export interface LineageTarget { code: string; at: string }

const SUCCESSION_COLORS: Record<string, string> = { merge: 'blue', split: 'orange', rename: 'green' };

export function LineageDrawer({ target, onNavigate, onClose }: { target: LineageTarget | null; onNavigate: (t: LineageTarget) => void; onClose: () => void }) {
  const lineage = useQuery({
    queryKey: ['org-units', 'lineage', target?.code, target?.at],
    queryFn: () => api<Lineage>(`/api/v1/org-units/${encodeURIComponent(target!.code)}/lineage`, { query: { at: target!.at } }),
    enabled: !!target,
  });

  const links = (items: LineageLink[], direction: 'from' | 'to') =>
    items.length === 0
      ? <EmptyState>{direction === 'from' ? 'Không ghi nhận đơn vị tiền thân.' : 'Không ghi nhận đơn vị kế thừa.'}</EmptyState>
      : (
        <List
          size="small"
          dataSource={items}
          renderItem={(l) => (
            <List.Item
              data-testid={`lineage-${direction}`}
              actions={[<Tag key="s" color={SUCCESSION_COLORS[l.succession]}>{tOr(`succession.${l.succession}`, l.succession)}</Tag>]}
            >
              <List.Item.Meta
                avatar={direction === 'from' ? <ArrowLeftOutlined /> : <ArrowRightOutlined />}
                title={
                  <a onClick={() => onNavigate({ code: l.code, at: direction === 'from' ? dayjs(l.effective).subtract(1, 'day').format('YYYY-MM-DD') : l.effective })}>
                    {l.name}
                  </a>
                }
                description={`Mã ${l.code} · ${tOr(`kind.${l.kind}`, l.kind)} · hiệu lực ${formatDate(l.effective)}${l.depth > 1 ? ` · cấp ${l.depth}` : ''}${l.share !== null ? ` · tỷ lệ ${l.share}` : ''}`}
              />
            </List.Item>
          )}
        />
      );

  const u = lineage.data?.unit;
  return (
    <Drawer open={!!target} onClose={onClose} size={560} title={u ? u.name : t('orgUnits.lineage')} destroyOnHidden>
      {lineage.isPending && <Loading />}
      {lineage.isError && <ErrorAlert error={lineage.error} />}
      {u && lineage.data && (
        <>
          <Descriptions size="small" column={1} bordered>
            <Descriptions.Item label={t('common.code')}>{u.code}</Descriptions.Item>
            <Descriptions.Item label={t('common.kind')}>{tOr(`kind.${u.kind}`, u.kind)}</Descriptions.Item>
            <Descriptions.Item label="Hiệu lực">
              {u.validFrom ? formatDate(u.validFrom) : 'không rõ'} – {u.validTo ? formatDate(u.validTo) : 'nay'}
            </Descriptions.Item>
            <Descriptions.Item label="Xem tại ngày">{formatDate(target?.at)}</Descriptions.Item>
          </Descriptions>
          <Divider titlePlacement="start">{t('orgUnits.predecessors')}</Divider>
          {links(lineage.data.predecessors, 'from')}
          <Divider titlePlacement="start">{t('orgUnits.successors')}</Divider>
          {links(lineage.data.successors, 'to')}
          <Typography.Paragraph type="secondary" style={{ marginTop: 16, fontSize: 12 }}>
            Bấm vào tên một đơn vị để xem tiếp lịch sử sắp xếp của đơn vị đó.
          </Typography.Paragraph>
        </>
      )}
    </Drawer>
  );
}
