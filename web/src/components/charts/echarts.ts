/**
 * The one ECharts entry point: only the chart types and components the app draws are registered (line, scatter and
 * map with a continuous visual map), rendered on canvas. Everything is bundled: no CDN, no tiles, no remote fonts.
 */
import { LineChart, MapChart, ScatterChart } from 'echarts/charts';
import type { LineSeriesOption, MapSeriesOption, ScatterSeriesOption } from 'echarts/charts';
import {
  AriaComponent, GridComponent, LegendComponent, MarkLineComponent, TooltipComponent, VisualMapContinuousComponent,
} from 'echarts/components';
import type {
  AriaComponentOption, GridComponentOption, LegendComponentOption, MarkLineComponentOption, TooltipComponentOption, VisualMapComponentOption,
} from 'echarts/components';
import * as echarts from 'echarts/core';
import type { ComposeOption } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([
  LineChart, ScatterChart, MapChart,
  GridComponent, TooltipComponent, LegendComponent, MarkLineComponent, VisualMapContinuousComponent, AriaComponent,
  CanvasRenderer,
]);

export type ChartOption = ComposeOption<
  | LineSeriesOption | ScatterSeriesOption | MapSeriesOption
  | GridComponentOption | TooltipComponentOption | LegendComponentOption | MarkLineComponentOption | VisualMapComponentOption | AriaComponentOption
>;

export { echarts };
