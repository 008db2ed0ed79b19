import { BellOutlined } from '@ant-design/icons';
import { Badge, Button, Empty, Flex, List, Popover, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router-dom';
import { api } from '../api/client';
import { formatDateTime } from '../format';

interface Notification { id: string; kind: string; title: string; body: string; link: string | null; createdAt: string; readAt: string | null }
interface Notifications { unread: number; items: Notification[] }

/** The header's bell: the user's reminders and notices, newest first; opening one marks it read. */
export function NotificationBell() {
  const navigate = useNavigate();
  const qc = useQueryClient();
  const list = useQuery({ queryKey: ['notifications'], queryFn: () => api<Notifications>('/api/v1/notifications'), refetchInterval: 60_000 });
  const read = useMutation({
    mutationFn: (body: { ids: string[] } | { all: true }) => api('/api/v1/notifications/read', { method: 'POST', body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['notifications'] }),
  });
  const items = list.data?.items ?? [];
  const open = (n: Notification) => {
    if (!n.readAt) read.mutate({ ids: [n.id] });
    if (n.link) navigate(n.link);
  };
  const content = (
    <div style={{ width: 360, maxHeight: 420, overflowY: 'auto' }} data-testid="notifications">
      {items.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="Chưa có thông báo. Nhắc hạn báo cáo sẽ hiện ở đây." /> : (
        <List
          size="small"
          dataSource={items}
          renderItem={(n) => (
            <List.Item onClick={() => open(n)} style={{ cursor: n.link ? 'pointer' : 'default', background: n.readAt ? undefined : '#e6f4ff', paddingInline: 8 }}>
              <List.Item.Meta
                title={<Typography.Text strong={!n.readAt}>{n.title}</Typography.Text>}
                description={<><div>{n.body}</div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{formatDateTime(n.createdAt)}</Typography.Text></>}
              />
            </List.Item>
          )}
        />
      )}
    </div>
  );
  return (
    <Popover
      trigger="click"
      placement="bottomRight"
      title={(
        <Flex justify="space-between" align="center">
          <span>Thông báo</span>
          {(list.data?.unread ?? 0) > 0 && <Button size="small" type="link" onClick={() => read.mutate({ all: true })}>Đánh dấu đã đọc hết</Button>}
        </Flex>
      )}
      content={content}
    >
      <Badge count={list.data?.unread ?? 0} size="small" offset={[-4, 4]}>
        <Button shape="circle" icon={<BellOutlined />} aria-label={`Thông báo (${list.data?.unread ?? 0} chưa đọc)`} data-testid="notification-bell" />
      </Badge>
    </Popover>
  );
}
