/** An Apache ECharts chart, drawn as SVG (so it prints crisply), that reports clicks on its parts. */
import { BarChart, PieChart, TreemapChart } from 'echarts/charts';
import { AriaComponent, GridComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

echarts.use([BarChart, PieChart, TreemapChart, AriaComponent, GridComponent, TooltipComponent, SVGRenderer]);

interface Props {
  option: echarts.EChartsCoreOption;
  height: number;
  /** What the chart shows, for screen readers (the figures are also in the list beside it). */
  label: string;
  name: string;
  /** A click on a part: its `key`. */
  onSelect?: (key: string) => void;
}

export function Chart({ option, height, label, name, onSelect }: Props) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const select = useRef(onSelect);
  select.current = onSelect;

  useEffect(() => {
    const c = echarts.init(el.current!, null, { renderer: 'svg' });
    chart.current = c;
    c.on('click', (p) => {
      const key = (p.data as { key?: string } | undefined)?.key;
      if (key) select.current?.(key);
    });
    const ro = new ResizeObserver(() => c.resize());
    ro.observe(el.current!);
    return () => {
      ro.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, true);
  }, [option]);

  return <div ref={el} className={`chart ${onSelect ? 'chart-clickable' : ''}`} style={{ height }} role="img" aria-label={label} data-chart={name} />;
}
