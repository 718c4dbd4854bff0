import { createRequire } from 'node:module';

/**
 * The font of every chart: DejaVu Sans (full Latin coverage, including the no-break spaces of French
 * typography), shipped by the `dejavu-fonts-ttf` npm package so that the PNG and the PDF never depend on the
 * fonts of the machine. Browsers without it fall back to a narrower sans-serif, so nothing overflows.
 */
export const CHART_FONT_FAMILY = 'DejaVu Sans, Verdana, Arial, sans-serif';

/** The name under which the PNG and PDF renderers register the regular and bold faces. */
export const CHART_FONT_NAME = 'DejaVu Sans';

export interface ChartFontFiles {
  readonly regular: string;
  readonly bold: string;
}

let files: ChartFontFiles | undefined;

/** Absolute paths of the TrueType files of the chart font (for resvg, pdfkit `registerFont`). */
export function chartFontFiles(): ChartFontFiles {
  if (!files) {
    const require = createRequire(import.meta.url);
    files = Object.freeze({
      regular: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf'),
      bold: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf'),
    });
  }
  return files;
}
