/**
 * A horizontal grouped bar chart as inline SVG: no script, no CDN, readable when printed. Bars
 * can be coloured by their value (red worse, green better); a second series is drawn lighter.
 */
import { escapeXml } from "./junit-report.ts";

export interface ChartSeries {
  name: string;
  color: string;
}

export interface ChartRow {
  label: string;
  /** One value per series, in series order. */
  values: number[];
}

export interface BarChart {
  title: string;
  series: ChartSeries[];
  rows: ChartRow[];
  format: (value: number) => string;
  /** The value a full-width bar stands for; the largest value when absent. */
  maximum?: number;
  /** How good a value is, 0 (worst) to 1 (best): the bar's colour. Series colours otherwise. */
  goodness?: (value: number) => number;
}

/** Red for 0, amber for 0.5, green for 1. */
export function goodnessColor(goodness: number): string {
  const clamped = Math.min(1, Math.max(0, Number.isFinite(goodness) ? goodness : 0));
  return `hsl(${Math.round(clamped * 120)}, 62%, 40%)`;
}

/** Lower is better: the smallest value of the set is 1, the largest 0. */
export function lowerIsBetter(values: readonly number[]): (value: number) => number {
  const low = Math.min(...values);
  const high = Math.max(...values);
  return (value) => (high === low ? 1 : 1 - (value - low) / (high - low));
}

const labelWidth = 260;
const barAreaWidth = 360;
const barHeight = 14;
const rowGap = 10;

export function svgBarChart(chart: BarChart): string {
  const largest = Math.max(chart.maximum ?? 0, ...chart.rows.flatMap((row) => row.values), 1);
  const rowHeight = chart.series.length * barHeight + rowGap;
  const legendHeight = 22;
  const height = 28 + legendHeight + chart.rows.length * rowHeight;
  const width = labelWidth + Math.max(barAreaWidth + 90, chart.series.length * 120 + 220);
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="${escapeXml(chart.title)}" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui, sans-serif" font-size="12">`,
    `<title>${escapeXml(chart.title)}</title>`,
    `<text x="0" y="16" font-weight="600" font-size="14">${escapeXml(chart.title)}</text>`,
  ];
  const byValue = chart.goodness;
  chart.series.forEach((series, index) => {
    const x = labelWidth + index * 120;
    const swatch = byValue ? "#777" : series.color;
    parts.push(
      `<rect x="${x}" y="26" width="10" height="10" fill="${swatch}"${byValue && index > 0 ? ' fill-opacity="0.55"' : ""}/>`,
      `<text x="${x + 14}" y="35">${escapeXml(series.name)}</text>`,
    );
  });
  if (byValue) {
    parts.push(
      `<text x="${labelWidth + chart.series.length * 120}" y="35" fill="#555">colour: red worse, green better</text>`,
    );
  }
  chart.rows.forEach((row, rowIndex) => {
    const top = 28 + legendHeight + rowIndex * rowHeight;
    parts.push(
      `<text x="${labelWidth - 8}" y="${top + (chart.series.length * barHeight) / 2 + 4}" text-anchor="end">${escapeXml(row.label)}</text>`,
    );
    row.values.forEach((value, seriesIndex) => {
      const y = top + seriesIndex * barHeight;
      const barWidth = Math.max(1, (value / largest) * barAreaWidth);
      const color = byValue
        ? goodnessColor(byValue(value))
        : (chart.series[seriesIndex]?.color ?? "#888");
      const lighter = byValue && seriesIndex > 0 ? ' fill-opacity="0.55"' : "";
      parts.push(
        `<rect class="bar" x="${labelWidth}" y="${y}" width="${barWidth.toFixed(1)}" height="${barHeight - 2}" fill="${color}"${lighter}><title>${escapeXml(`${row.label}: ${chart.format(value)}`)}</title></rect>`,
        `<text x="${labelWidth + barWidth + 4}" y="${y + barHeight - 4}">${escapeXml(chart.format(value))}</text>`,
      );
    });
  });
  parts.push("</svg>");
  return parts.join("");
}
