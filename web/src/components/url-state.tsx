import { Flex, Typography } from 'antd';
import { useSearchParams } from 'react-router-dom';
import { tOr } from '../i18n';

/**
 * The page's choices kept in the address (so a link or a reload lands on the same view), with a setter that
 * merges a patch: an empty or undefined value removes the parameter.
 */
export function useUrlState(): [URLSearchParams, (patch: Record<string, string | number | undefined>) => void] {
  const [params, setParams] = useSearchParams();
  const set = (patch: Record<string, string | number | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v === undefined || v === '') next.delete(k);
      else next.set(k, String(v));
    }
    setParams(next);
  };
  return [params, set];
}

/** A unit in a picker's list: its name, and its kind in grey on the right. */
export function UnitOption({ label, kind }: { label: string; kind?: string | undefined }) {
  return (
    <Flex justify="space-between" gap={8}>
      <span>{label}</span>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>{kind ? tOr(`kind.${kind}`, kind) : ''}</Typography.Text>
    </Flex>
  );
}
