/**
 * The wording of generated key findings, per interface language (`{name}` placeholders). Each sentence
 * quotes the indicator's label (« … » : …) so that it stays grammatical whatever the label is, and names
 * respondents with the study's unit (`{units}`), else `respondents`. French texts get French typography
 * when the sentence is built. A language without its own wording uses English.
 */
export const KEY_FINDINGS_MESSAGES = {
  fr: {
    'keyFindings.respondents': 'répondants',
    'keyFindings.ofUnits': 'des {units}',
    'keyFindings.ofUnitsAsked': 'des {count} {units} à qui la question a été posée',
    'keyFindings.askedOf': ' (question posée à {count} {units})',
    'keyFindings.percent': '{value}\u00A0%',
    'keyFindings.points': '{sign}{value}\u00A0pts',
    'keyFindings.margin': '±\u00A0{value}\u00A0pts',
    'keyFindings.base': 'n\u00A0=\u00A0{count}',
    'keyFindings.topOfGroup': '{theme} : « {label} » arrive en tête, cité par {percent} {ofUnits} ({margin}, {base}).',
    'keyFindings.trend': '« {label} » : {percent} {ofUnits} contre {previous} en {wave} ({points}, évolution significative ; {margin}, {base}).',
    'keyFindings.level': '« {label} » : {percent} {ofUnits} ({margin}, {base}).',
    'keyFindings.gap': '« {label} »{askedOf} : {percent} parmi « {high} » ({margin}, {base}) contre {lowPercent} parmi « {low} » ({lowMargin}, {lowBase}).',
  },
  en: {
    'keyFindings.respondents': 'respondents',
    'keyFindings.ofUnits': 'of {units}',
    'keyFindings.ofUnitsAsked': 'of the {count} {units} asked',
    'keyFindings.askedOf': ' (asked of {count} {units})',
    'keyFindings.percent': '{value}%',
    'keyFindings.points': '{sign}{value}\u00A0pts',
    'keyFindings.margin': '±\u00A0{value}\u00A0pts',
    'keyFindings.base': 'n\u00A0=\u00A0{count}',
    'keyFindings.topOfGroup': '{theme}: “{label}” comes first, named by {percent} {ofUnits} ({margin}, {base}).',
    'keyFindings.trend': '“{label}”: {percent} {ofUnits} against {previous} in {wave} ({points}, a significant change; {margin}, {base}).',
    'keyFindings.level': '“{label}”: {percent} {ofUnits} ({margin}, {base}).',
    'keyFindings.gap': '“{label}”{askedOf}: {percent} among “{high}” ({margin}, {base}) against {lowPercent} among “{low}” ({lowMargin}, {lowBase}).',
  },
} as const;

export type KeyFindingsMessageKey = keyof (typeof KEY_FINDINGS_MESSAGES)['en'];

/** A finding's wording in a language (English when the language has none), placeholders filled. */
export function keyFindingText(lang: string, key: KeyFindingsMessageKey, params: Readonly<Record<string, string | number>> = {}): string {
  const messages: Readonly<Record<KeyFindingsMessageKey, string>> = (KEY_FINDINGS_MESSAGES as Record<string, Record<KeyFindingsMessageKey, string>>)[lang] ?? KEY_FINDINGS_MESSAGES.en;
  return messages[key].replace(/\{(\w+)\}/g, (_, name: string) => {
    if (!(name in params)) throw new Error(`keyFindingText: ${key} needs the parameter "${name}"`);
    return String(params[name]);
  });
}
