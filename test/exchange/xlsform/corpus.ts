// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${name} is how XLSForm expressions refer to questions
import type { XlsFormSpec } from './write-xlsform.js';

// Five XLSForms written for the tests in the shapes real ones take (KoboToolbox and ODK forms by hand):
// language columns named three ways, groups as pages, nested groups, table-list matrices, likert, range,
// or_other, "none" exclusive by constraint, choice names as codes, metadata, and constructs that cannot
// be kept (repeat, choice_filter, calculate, geopoint, count-selected, piped labels).

/** Household energy (English and French, `label::English (en)` columns): pages, codes as names, exclusivity. */
export const householdEnergy: XlsFormSpec = {
  survey: [
    [
      'type',
      'name',
      'label::English (en)',
      'label::Français (fr)',
      'hint::English (en)',
      'hint::Français (fr)',
      'required',
      'relevant',
      'constraint',
      'constraint_message::English (en)',
      'appearance',
    ],
    ['start', 'start'],
    ['end', 'end'],
    ['begin_group', 'home', 'Your home', 'Votre logement'],
    ['select_one tenure', 'tenure', 'Do you own or rent your home?', 'Êtes-vous propriétaire ou locataire ?', '', '', 'yes'],
    ['select_one heating', 'heating', 'Main heating', 'Chauffage principal', 'The one you use most', 'Celui que vous utilisez le plus', 'yes'],
    ['integer', 'gas_bill', 'Monthly gas bill (euros)', 'Facture mensuelle de gaz (euros)', '', '', 'no', "${heating} = 'gas'", '. >= 0 and . <= 2000', 'Between 0 and 2000'],
    ['end_group', 'home'],
    ['begin_group', 'travel', 'Getting around', 'Vos déplacements'],
    [
      'select_multiple modes',
      'modes',
      'Which do you use each week?',
      'Lesquels utilisez-vous chaque semaine ?',
      '',
      '',
      'yes',
      '',
      "not(selected(., 'none') and count-selected(.) > 1)",
      'None excludes the others',
    ],
    ['decimal', 'km_car', 'Kilometres by car per week', 'Kilomètres en voiture par semaine', '', '', 'no', "selected(${modes}, 'car')", '. >= 0'],
    ['text', 'why_none', 'Why none of these?', 'Pourquoi aucun ?', '', '', 'no', "selected(${modes}, 'none')", '', '', 'multiline'],
    ['end_group', 'travel'],
  ],
  choices: [
    ['list_name', 'name', 'label::English (en)', 'label::Français (fr)'],
    ['tenure', 'own', 'Owner', 'Propriétaire'],
    ['tenure', 'rent', 'Tenant', 'Locataire'],
    ['tenure', 'other_t', 'Other arrangement', 'Autre situation'],
    ['heating', 'gas', 'Gas', 'Gaz'],
    ['heating', 'elec', 'Electricity', 'Électricité'],
    ['heating', 'wood', 'Wood', 'Bois'],
    ['heating', 'heat_pump', 'Heat pump', 'Pompe à chaleur'],
    ['modes', 'car', 'Car', 'Voiture'],
    ['modes', 'bike', 'Bicycle', 'Vélo'],
    ['modes', 'bus', 'Bus or tram', 'Bus ou tram'],
    ['modes', 'none', 'None of these', 'Aucun de ceux-ci'],
  ],
  settings: [
    ['form_title', 'form_id', 'default_language', 'version'],
    ['Household energy survey', 'household_energy_2026', 'English (en)', '2026031201'],
  ],
};

/** A KoboToolbox nutrition form (English, Swahili): table-list matrix, likert, range, and constructs left out. */
export const nutrition: XlsFormSpec = {
  survey: [
    ['type', 'name', 'label::English (en)', 'label::Swahili (sw)', 'required', 'relevant', 'appearance', 'parameters', 'choice_filter', 'calculation'],
    ['today', 'today'],
    ['deviceid', 'deviceid'],
    ['begin group', 'meals', 'Meals', 'Milo', '', '', 'table-list'],
    ['select_one freq', 'breakfast', 'Breakfast', 'Kifungua kinywa', 'yes'],
    ['select_one freq', 'lunch', 'Lunch', 'Chakula cha mchana', 'yes'],
    ['select_one freq', 'dinner', 'Dinner', 'Chakula cha jioni', 'yes'],
    ['end group', 'meals'],
    ['begin group', 'opinions', 'Opinions', 'Maoni'],
    ['select_one agree', 'enough_food', 'We have enough food', 'Tuna chakula cha kutosha', 'yes', '', 'likert'],
    ['range', 'wellbeing', 'Wellbeing from 0 to 10', 'Ustawi kutoka 0 hadi 10', 'no', '', '', 'start=0 end=10 step=1'],
    ['select_one region', 'region', 'Region', 'Mkoa', 'yes'],
    ['select_one district', 'district', 'District', 'Wilaya', 'yes', '', '', '', 'region=${region}'],
    ['calculate', 'score', '', '', '', '', '', '', '', '${wellbeing} * 10'],
    ['geopoint', 'location', 'Where are you?', 'Uko wapi?'],
    ['begin repeat', 'children', 'Children', 'Watoto'],
    ['text', 'child_name', 'Name', 'Jina'],
    ['integer', 'child_age', 'Age', 'Umri'],
    ['end repeat', 'children'],
    ['end group', 'opinions'],
  ],
  choices: [
    ['list_name', 'name', 'label::English (en)', 'label::Swahili (sw)', 'region'],
    ['freq', 'never', 'Never', 'Kamwe'],
    ['freq', 'some', 'Some days', 'Siku fulani'],
    ['freq', 'daily', 'Every day', 'Kila siku'],
    ['agree', 'sd', 'Strongly disagree', 'Sikubaliani kabisa'],
    ['agree', 'd', 'Disagree', 'Sikubaliani'],
    ['agree', 'a', 'Agree', 'Nakubali'],
    ['agree', 'sa', 'Strongly agree', 'Nakubali kabisa'],
    ['region', 'coast', 'Coast', 'Pwani'],
    ['region', 'lake', 'Lake', 'Ziwa'],
    ['district', 'mombasa', 'Mombasa', 'Mombasa', 'coast'],
    ['district', 'kisumu', 'Kisumu', 'Kisumu', 'lake'],
  ],
  settings: [
    ['form_title', 'form_id', 'default_language'],
    ['Household nutrition', 'nutrition_hh', 'English (en)'],
  ],
};

/** An employee survey in German only (plain `label` column, default_language Deutsch): dropdown, or_other, logic. */
export const employeeGerman: XlsFormSpec = {
  survey: [
    ['type', 'name', 'label', 'required', 'relevant'],
    ['integer', 'alter', 'Wie alt sind Sie?', 'yes'],
    ['select_one abteilung or_other', 'abteilung', 'In welcher Abteilung arbeiten Sie?', 'yes', '${alter} >= 18 and ${alter} < 67'],
    ['select_one jn', 'homeoffice', 'Arbeiten Sie im Homeoffice?', 'yes'],
    ['decimal', 'tage', 'Wie viele Tage pro Woche?', '${homeoffice} = 1', "${homeoffice} = '1'"],
    ['text', 'wunsch', 'Was wünschen Sie sich?', 'no', "not(${homeoffice} = '1') or ${alter} > 60"],
    ['text', 'kommentar', 'Noch etwas?', 'no', 'string-length(${wunsch}) > 0'],
  ],
  choices: [
    ['list_name', 'name', 'label'],
    ['abteilung', 'verw', 'Verwaltung'],
    ['abteilung', 'prod', 'Produktion'],
    ['abteilung', 'vertr', 'Vertrieb'],
    ['jn', '1', 'Ja'],
    ['jn', '0', 'Nein'],
  ],
  settings: [
    ['form_title', 'default_language'],
    ['Mitarbeiterbefragung', 'Deutsch (de)'],
  ],
};

/** A school census (Dutch and English, `label::nl` columns): numeric codes, nested groups, consent, kinds to come. */
export const schoolCensus: XlsFormSpec = {
  survey: [
    ['type', 'name', 'label::nl', 'label::en', 'required', 'relevant', 'constraint', 'parameters'],
    ['acknowledge', 'toestemming', 'Ik ga akkoord met deelname', 'I agree to take part', 'yes'],
    ['begin group', 'school', 'Uw school', 'Your school'],
    ['select_one soort', 'soort', 'Soort school', 'Type of school', 'yes'],
    ['begin group', 'bo', 'Basisonderwijs', 'Primary education', '', '${soort} = 1'],
    ['integer', 'groepen', 'Aantal groepen', 'Number of classes', 'yes'],
    ['select_multiple vakken', 'vakken', 'Extra vakken', 'Extra subjects', 'no', '${groepen} > 4'],
    ['end group', 'bo'],
    ['integer', 'leerlingen', 'Aantal leerlingen', 'Number of pupils', 'yes'],
    ['end group', 'school'],
    ['date', 'peildatum', 'Peildatum', 'Reference date', 'yes', '', ". >= date('2025-09-01') and . <= date('2026-07-31')"],
    ['rank vakken', 'prioriteit', 'Rangschik de vakken', 'Rank the subjects', 'no', '', '', 'randomize=true'],
    ['note', 'dank', 'Bedankt!', 'Thank you!'],
  ],
  choices: [
    ['list_name', 'name', 'label::nl', 'label::en'],
    ['soort', '1', 'Basisschool', 'Primary school'],
    ['soort', '2', 'Middelbare school', 'Secondary school'],
    ['soort', '3', 'Speciaal onderwijs', 'Special education'],
    ['vakken', '1', 'Muziek', 'Music'],
    ['vakken', '2', 'Techniek', 'Technology'],
    ['vakken', '3', 'Programmeren', 'Programming'],
  ],
  settings: [
    ['form_title', 'form_id'],
    ['Schooltelling', 'schooltelling'],
  ],
};

/** A market study (Spanish and English): hints, defaults, piped labels, and a relevant that cannot be kept. */
export const marketSpanish: XlsFormSpec = {
  survey: [
    ['type', 'name', 'label::Español (es)', 'label::English (en)', 'hint::Español (es)', 'required', 'relevant', 'default', 'read_only'],
    ['select_multiple marcas', 'marcas', '¿Qué marcas conoce?', 'Which brands do you know?', 'Marque todas las que conozca', 'yes'],
    ['select_one marcas', 'preferida', '¿Cuál prefiere?', 'Which do you prefer?', '', 'yes', 'count-selected(${marcas}) > 1'],
    ['integer', 'gasto', 'Gasto mensual en ${preferida}', 'Monthly spend on ${preferida}', '', 'no', "${preferida} != ''", '0'],
    ['text', 'ciudad', 'Ciudad', 'City', '', 'no', '', 'Madrid', 'yes'],
  ],
  choices: [
    ['list_name', 'name', 'label::Español (es)', 'label::English (en)'],
    ['marcas', 'a1', 'Marca A', 'Brand A'],
    ['marcas', 'b2', 'Marca B', 'Brand B'],
    ['marcas', 'c3', 'Marca C', 'Brand C'],
  ],
  settings: [
    ['form_title', 'form_id', 'default_language'],
    ['Estudio de mercado', 'mercado_2026', 'Español (es)'],
  ],
};
