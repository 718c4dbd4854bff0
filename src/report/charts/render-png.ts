import { Resvg } from '@resvg/resvg-js';
import { AppError } from '../../app-error.js';
import { CHART_FONT_NAME, chartFontFiles } from './chart-fonts.js';

export interface RenderPngOptions {
  /** width of the image in pixels; the height follows the SVG's aspect ratio */
  readonly width: number;
}

/**
 * Rasterises a chart's SVG to PNG (the "PNG" download) with resvg, with the chart font loaded from the
 * `dejavu-fonts-ttf` package and no system font, so the image is the same on every machine.
 * @throws AppError INVALID_INPUT when the width is not an integer from 16 to 8000 or the SVG is malformed.
 */
export function renderPng(svg: string, options: RenderPngOptions): Buffer {
  const { width } = options;
  if (!Number.isInteger(width) || width < 16 || width > 8000) {
    throw new AppError('INVALID_INPUT', `renderPng: width must be an integer from 16 to 8000, got ${width}`, { width });
  }
  const fonts = chartFontFiles();
  let resvg: Resvg;
  try {
    resvg = new Resvg(svg, {
      fitTo: { mode: 'width', value: width },
      background: '#ffffff',
      font: { fontFiles: [fonts.regular, fonts.bold], loadSystemFonts: false, defaultFontFamily: CHART_FONT_NAME, sansSerifFamily: CHART_FONT_NAME },
    });
  } catch (error) {
    throw new AppError('INVALID_INPUT', `renderPng: the SVG cannot be read: ${(error as Error).message}`);
  }
  return resvg.render().asPng();
}
