import { Flex, Tooltip, Typography } from 'antd';
import { formatNumber } from '../../format';
import type { MapItem } from './ChoroplethMap';
import { colorOf, NO_VALUE_COLOR, SCALE_COLORS, textOn } from './scale';

const PREFIXES = /^(Thành phố|Thị xã|Thị trấn|Huyện|Quận|Phường|Xã|Đặc khu|Tỉnh)\s+/u;
/** "Phường Phú Lợi" → "Phú Lợi": the tile is small, the kind is the same for all. */
export const shortName = (name: string) => name.replace(PREFIXES, '');

/**
 * The map without a boundary file: one square per unit, coloured on the same scale as the choropleth, labelled with
 * its short name and value. Units are ordered by code (codes follow the territory), so neighbours tend to sit together.
 */
export function TileGrid({ items, min, max, unitLabel, onSelect, selected }: {
  items: readonly MapItem[];
  min: number;
  max: number;
  unitLabel: string;
  onSelect?: (code: string) => void;
  selected?: string;
}) {
  const sorted = [...items].sort((a, b) => a.code.localeCompare(b.code, 'vi', { numeric: true }));
  const suffix = unitLabel === '%' ? '%' : '';
  return (
    <div>
      <div
        data-testid="tile-grid"
        style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(84px, 1fr))', gap: 4 }}
        role="list"
        aria-label="Lưới ô các đơn vị trực thuộc, tô màu theo giá trị"
      >
        {sorted.map((it) => {
          const bg = colorOf(it.value, min, max);
          const fg = it.value === null ? '#8c8c8c' : textOn(bg);
          return (
            <Tooltip key={it.code} title={`${it.name} (${it.code}): ${it.value === null ? 'chưa có số liệu' : `${formatNumber(it.value)}${suffix || ` ${unitLabel}`}`}`}>
              <button
                type="button"
                role="listitem"
                data-testid="tile"
                onClick={onSelect ? () => onSelect(it.code) : undefined}
                style={{
                  aspectRatio: '1 / 1', background: bg, color: fg, border: selected === it.code ? '2px solid #fa8c16' : '1px solid rgba(0,0,0,0.06)',
                  borderRadius: 4, padding: 4, cursor: onSelect ? 'pointer' : 'default', display: 'flex', flexDirection: 'column',
                  justifyContent: 'space-between', alignItems: 'flex-start', textAlign: 'left', minWidth: 0, font: 'inherit',
                }}
              >
                <span style={{ fontSize: 11, lineHeight: 1.2, overflow: 'hidden', display: '-webkit-box', WebkitLineClamp: 3, WebkitBoxOrient: 'vertical', wordBreak: 'break-word' }}>
                  {shortName(it.name)}
                </span>
                <span style={{ fontSize: 13, fontWeight: 600, fontVariantNumeric: 'tabular-nums' }}>
                  {it.value === null ? '—' : `${formatNumber(it.value)}${suffix}`}
                </span>
              </button>
            </Tooltip>
          );
        })}
      </div>
      <ScaleLegend min={min} max={max} unitLabel={unitLabel} />
    </div>
  );
}

/** The colour ramp with its two ends, and the "no data" swatch. */
export function ScaleLegend({ min, max, unitLabel }: { min: number; max: number; unitLabel: string }) {
  const suffix = unitLabel === '%' ? '%' : ` ${unitLabel}`;
  return (
    <Flex align="center" gap={8} wrap style={{ marginTop: 8, fontSize: 12 }}>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>{formatNumber(min)}{suffix}</Typography.Text>
      <div style={{ width: 160, height: 10, borderRadius: 2, background: `linear-gradient(to right, ${SCALE_COLORS.join(', ')})` }} />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>{formatNumber(max)}{suffix}</Typography.Text>
      <span style={{ display: 'inline-block', width: 14, height: 10, background: NO_VALUE_COLOR, border: '1px solid #d9d9d9', marginLeft: 12 }} />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>Chưa có số liệu</Typography.Text>
    </Flex>
  );
}
