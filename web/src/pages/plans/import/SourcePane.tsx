import { Card, Typography } from 'antd';
import { useEffect, useRef } from 'react';

/** The text as given, line by line: what the reviewer checks each extracted piece against. */
export function SourcePane({ lines, selected }: { lines: string[]; selected: [number, number] | null }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (selected) box.current?.querySelector(`[data-line="${selected[0]}"]`)?.scrollIntoView({ block: 'center', behavior: 'smooth' });
  }, [selected]);
  const on = (n: number) => !!selected && n >= selected[0] && n <= selected[1];
  return (
    <Card size="small" title="Văn bản gốc" style={{ position: 'sticky', top: 16 }} styles={{ body: { padding: 0 } }} data-testid="plan-import-source">
      <div ref={box} style={{ maxHeight: 'calc(100vh - 140px)', overflow: 'auto', fontSize: 12.5, lineHeight: 1.55 }}>
        {lines.map((text, i) => (
          <div key={i} data-line={i + 1} style={{ display: 'flex', background: on(i + 1) ? '#fff1b8' : undefined }}>
            <Typography.Text type="secondary" style={{ width: 44, flex: 'none', textAlign: 'right', paddingRight: 8, userSelect: 'none', fontSize: 11.5 }}>{i + 1}</Typography.Text>
            <span style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word', paddingRight: 8 }}>{text || ' '}</span>
          </div>
        ))}
      </div>
    </Card>
  );
}
