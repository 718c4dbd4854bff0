import { quote, type Lang } from '../../messages/index.js';
import { labelIn, type Label } from '../../study/index.js';

/** How sentences name a cut: the study's label for it ("household size"), else its question in quotes. */
export function bannerName(lang: Lang, banner: { readonly named: boolean; readonly label: Label }): string {
  const text = labelIn(banner.label, lang);
  return banner.named ? text : quote(lang, text);
}
