import { z } from 'zod';

/** A logo the pages and PDFs can draw: a base64 `data:` URI of a PNG, a JPEG or an SVG image. */
export const LOGO_DATA_URI = /^data:image\/(png|jpeg|svg\+xml);base64,[A-Za-z0-9+/=\s]+$/;
/** At most this many characters of logo (about 375 kB of image): it travels in every page's markup. */
export const LOGO_MAX_LENGTH = 500_000;
/** The contrast text needs against its background (WCAG 2.2, 1.4.3 level AA, normal text). */
export const MIN_TEXT_CONTRAST = 4.5;

/** The relative luminance of an sRGB colour `#rrggbb` (WCAG 2.2 definition). */
export function relativeLuminance(hex: string): number {
  const channel = (i: number) => {
    const c = Number.parseInt(hex.slice(1 + 2 * i, 3 + 2 * i), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(0) + 0.7152 * channel(1) + 0.0722 * channel(2);
}

/** The contrast ratio of two `#rrggbb` colours, from 1 (same) to 21 (black on white). */
export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

/** `#abc` → `#aabbcc`, lower case. */
function longHex(colour: string): string {
  const hex = colour.toLowerCase();
  return hex.length === 4 ? `#${hex[1]}${hex[1]}${hex[2]}${hex[2]}${hex[3]}${hex[3]}` : hex;
}

const ZAccentColor = z
  .string()
  .regex(/^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/, 'an accent colour is a hex colour such as #1f4e79')
  .transform(longHex)
  .superRefine((colour, ctx) => {
    const ratio = contrastRatio(colour, '#ffffff');
    if (ratio < MIN_TEXT_CONTRAST) {
      ctx.addIssue({
        code: 'custom',
        message: `accent colour ${colour} has a contrast of ${ratio.toFixed(2)}:1 against white; links and buttons need at least ${MIN_TEXT_CONTRAST}:1 (choose a darker colour)`,
      });
    }
  });

/**
 * How the study's pages and PDFs look: its logo (on the questionnaire, the dashboard and the white paper's
 * cover) and its accent colour (links, buttons, headings' bands; checked for contrast against white). A study
 * file read from disk may name the logo by a path inside its folder; it is stored inlined as a data: URI.
 */
export const ZBranding = z.strictObject({
  logo: z
    .string()
    .max(LOGO_MAX_LENGTH, `a logo is at most ${LOGO_MAX_LENGTH} characters (about 375 kB of image)`)
    .regex(LOGO_DATA_URI, 'a logo is a data: URI of a PNG, JPEG or SVG image (data:image/png;base64,…); a study file may name a path inside its folder instead')
    .optional(),
  accentColor: ZAccentColor.optional(),
});
export type Branding = z.infer<typeof ZBranding>;

/** The study's branding: `branding`, with the older top-level `logo` when `branding.logo` is absent and it is a data: URI. */
export function studyBranding(study: { readonly branding?: Branding; readonly logo?: string }): Branding {
  const logo = study.branding?.logo ?? (study.logo && LOGO_DATA_URI.test(study.logo) ? study.logo : undefined);
  return Object.freeze({ ...(logo ? { logo } : {}), ...(study.branding?.accentColor ? { accentColor: study.branding.accentColor } : {}) });
}

/** A darker shade of `#rrggbb` (each channel times `factor`), for hover and pressed states. */
export function darken(hex: string, factor = 0.75): string {
  const channel = (i: number) =>
    Math.round(Number.parseInt(hex.slice(1 + 2 * i, 3 + 2 * i), 16) * factor)
      .toString(16)
      .padStart(2, '0');
  return `#${channel(0)}${channel(1)}${channel(2)}`;
}
