// The ECharts subset that transferpack's HTML packs use, exposed as the browser global
// `echarts` so an inlined <script> can call echarts.init(el, null, {renderer: 'svg'}).
// Register here every chart type and component a pack's options name: ECharts ignores
// options for parts that were not registered, without an error.
import * as echarts from 'echarts/core';
import { LineChart, BarChart } from 'echarts/charts';
import {
  GridComponent,
  TooltipComponent,
  LegendComponent,
  MarkLineComponent,
  MarkAreaComponent,
  MarkPointComponent,
  TitleComponent,
  AriaComponent,
} from 'echarts/components';
import { CanvasRenderer, SVGRenderer } from 'echarts/renderers';

echarts.use([
  LineChart,
  BarChart,
  GridComponent,
  TooltipComponent,
  LegendComponent,
  MarkLineComponent,
  MarkAreaComponent,
  MarkPointComponent,
  TitleComponent,
  AriaComponent,
  CanvasRenderer,
  SVGRenderer,
]);

globalThis.echarts = echarts;
