import { SafetyCertificateOutlined, UploadOutlined } from '@ant-design/icons';
import { Button, Flex, Typography } from 'antd';

/**
 * The two buttons of every import: "Kiểm tra" (a dry run that writes nothing) and the write, enabled only after a
 * clean check; a hint asks for the check while none has passed.
 */
export function CheckThenWrite({ canCheck, checking, checked, onCheck, writeLabel, writing, onWrite, hint, testIds }: {
  canCheck: boolean; checking: boolean; checked: boolean; onCheck: () => void;
  writeLabel: string; writing: boolean; onWrite: () => void;
  /** Shown beside the buttons, e.g. "check before writing"; null for none. */
  hint: string | null;
  testIds: { check: string; write: string };
}) {
  return (
    <Flex gap={8} wrap align="center">
      <Button icon={<SafetyCertificateOutlined />} type={checked ? 'default' : 'primary'} disabled={!canCheck || writing} loading={checking} onClick={onCheck} data-testid={testIds.check}>
        Kiểm tra
      </Button>
      <Button icon={<UploadOutlined />} type="primary" disabled={!checked || checking} loading={writing} onClick={onWrite} data-testid={testIds.write}>
        {writeLabel}
      </Button>
      {hint && <Typography.Text type="secondary">{hint}</Typography.Text>}
    </Flex>
  );
}
