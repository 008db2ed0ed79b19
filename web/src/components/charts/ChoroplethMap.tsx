import { useMemo } from 'react';
import { formatNumber } from '../../format';
import { EChart } from './EChart';
import { echarts, type ChartOption } from './echarts';
import { NO_VALUE_COLOR, SCALE_COLORS } from './scale';
import { ScaleLegend } from './TileGrid';

export interface MapItem { code: string; name: string; value: number | null }

type GeoJson = Parameters<typeof echarts.registerMap>[1];

/**
 * A choropleth of the units below a unit, from a GeoJSON FeatureCollection served by the app (features carry the
 * unit `code`). No tiles, no network: the map is the file. Colours follow the shared scale (scale.ts).
 */
export function ChoroplethMap({ mapKey, geojson, items, min, max, unitLabel, onSelect, height = 460 }: {
  /** Unique per boundary file (unit id + upload time): ECharts keeps registered maps by name. */
  mapKey: string;
  geojson: unknown;
  items: readonly MapItem[];
  min: number;
  max: number;
  unitLabel: string;
  onSelect?: (code: string) => void;
  height?: number;
}) {
  const option = useMemo<ChartOption>(() => {
    if (!echarts.getMap(mapKey)) echarts.registerMap(mapKey, geojson as GeoJson);
    const byCode = new Map(items.map((i) => [i.code, i]));
    const suffix = unitLabel === '%' ? '%' : ` ${unitLabel}`;
    return {
      aria: { enabled: true, label: { description: `Bản đồ ${items.length} đơn vị tô màu theo giá trị` } },
      tooltip: {
        trigger: 'item',
        formatter: (p: unknown) => {
          const { name } = p as { name: string };
          const it = byCode.get(name);
          return it ? `${it.name}<br/>${it.value === null ? 'Chưa có số liệu' : `<b>${formatNumber(it.value)}${suffix}</b>`}` : `Mã ${name} (không thuộc danh sách)`;
        },
      },
      // The legend is drawn below the map by ScaleLegend, the same as under the tile grid. One value alone is the darkest.
      visualMap: { type: 'continuous', show: false, min: max > min ? min : max - 1, max, inRange: { color: [...SCALE_COLORS] } },
      series: [{
        type: 'map', map: mapKey, nameProperty: 'code', roam: true, selectedMode: false,
        itemStyle: { areaColor: NO_VALUE_COLOR, borderColor: '#ffffff', borderWidth: 1 },
        emphasis: { label: { show: true, formatter: (p: { name: string }) => byCode.get(p.name)?.name ?? p.name }, itemStyle: { areaColor: '#ffd666' } },
        label: { show: false },
        data: items.map((i) => ({ name: i.code, value: i.value ?? undefined })),
      }],
    };
  }, [mapKey, geojson, items, min, max, unitLabel]);

  return (
    <>
      <EChart
        option={option}
        height={height}
        testId="choropleth-map"
        label="Bản đồ các đơn vị trực thuộc"
        onClick={onSelect ? (e) => onSelect(e.name) : undefined}
      />
      <ScaleLegend min={min} max={max} unitLabel={unitLabel} />
    </>
  );
}
