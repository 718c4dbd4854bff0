/** The OpenAPI 3.1 description of the public results API, served at /api/docs. */
const proportion = { type: ['number', 'null'], minimum: 0, maximum: 1 };
const cutMeans = { type: 'array', items: { $ref: '#/components/schemas/CutMean' } };
const meanInterval = { type: ['array', 'null'], items: { type: 'number' }, minItems: 2, maxItems: 2, description: '95 % confidence interval [low, high] of a mean' };
const interval = { type: ['array', 'null'], items: { type: 'number', minimum: 0, maximum: 1 }, minItems: 2, maxItems: 2, description: '95 % confidence interval [low, high]' };
const studyParam = { name: 'study', in: 'path', required: true, schema: { type: 'string' }, example: 'my-barometer' };
const waveParam = { name: 'wave', in: 'path', required: true, schema: { type: 'string' }, example: '2015' };
const errorResponse = { description: 'Unknown study, or no published wave with this code', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } };

export const OPENAPI_DOCUMENT = Object.freeze({
  openapi: '3.1.0',
  info: {
    title: 'Baromètre public results API',
    version: '1.0.0',
    description:
      'Weighted results of the published waves of a barometer: every estimate is a proportion between 0 and 1 with its 95 % confidence interval, unweighted base (n) and effective base. Only published waves are served. Prefix a path with /en for English labels.',
    license: { name: 'AGPL-3.0-or-later' },
  },
  paths: {
    '/api/v1/studies': {
      get: {
        summary: 'The studies with at least one published wave',
        responses: {
          200: {
            description: 'Studies, newest publication first',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  properties: {
                    studies: {
                      type: 'array',
                      items: {
                        type: 'object',
                        properties: {
                          id: { type: 'string' },
                          title: { type: 'string' },
                          lang: { type: 'string', description: 'BCP 47 tag of the title' },
                          latestWave: { type: 'string' },
                          waves: { type: 'string', format: 'uri-reference' },
                        },
                      },
                    },
                  },
                },
              },
            },
          },
        },
      },
    },
    '/api/v1/studies/{study}/waves': {
      get: {
        summary: 'The published waves of a study',
        parameters: [studyParam],
        responses: {
          200: {
            description: "Published waves, oldest first in the study's series (its place in the series when set, else its opening date)",
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  properties: {
                    study: { type: 'string' },
                    waves: {
                      type: 'array',
                      items: { type: 'object', properties: { code: { type: 'string' }, title: { type: 'string' }, results: { type: 'string', format: 'uri-reference' } } },
                    },
                  },
                },
              },
            },
          },
          404: errorResponse,
        },
      },
    },
    '/api/v1/studies/{study}/waves/{wave}/results': {
      get: {
        summary: 'All results of a published wave',
        parameters: [studyParam, waveParam],
        responses: { 200: { description: 'The results', content: { 'application/json': { schema: { $ref: '#/components/schemas/WaveResults' } } } }, 404: errorResponse },
      },
    },
    '/api/v1/studies/{study}/waves/{wave}/tables/{table}.csv': {
      get: {
        summary: 'A results table as CSV (UTF-8, comma-separated, texts safe against spreadsheet formulas)',
        parameters: [
          studyParam,
          waveParam,
          {
            name: 'table',
            in: 'path',
            required: true,
            schema: { type: 'string' },
            description:
              "`indicators`, `theme-<theme>`, `cut-<variable>` (one of the study's cuts, as listed in the results' `cuts`), `cut-<variable>-<theme>` or `trend-<indicator>`",
          },
        ],
        responses: { 200: { description: 'The table', content: { 'text/csv': { schema: { type: 'string' } } } }, 404: errorResponse },
      },
    },
  },
  components: {
    schemas: {
      Error: {
        type: 'object',
        required: ['error'],
        properties: { error: { type: 'object', properties: { code: { type: 'string' }, message: { type: 'string' }, details: { type: 'object' } } } },
      },
      Indicator: {
        type: 'object',
        required: ['id', 'theme', 'label', 'estimate', 'ci', 'n', 'nEffective'],
        properties: {
          id: { type: 'string', example: 'owns_bicycle' },
          theme: { type: 'string' },
          group: { type: ['string', 'null'], description: 'multiple-answer group ranked together' },
          label: { type: 'string' },
          labels: { type: 'object', additionalProperties: { type: 'string' }, description: "the label in each of the study's languages, by language tag" },
          estimate: proportion,
          ci: interval,
          se: { type: ['number', 'null'] },
          n: { type: 'integer', description: 'unweighted base' },
          nEffective: { type: ['number', 'null'], description: 'Kish effective base' },
          deff: { type: ['number', 'null'], description: 'design effect' },
          filtered: { type: 'boolean', description: 'the question was asked of some respondents only (a display condition): n is their number' },
        },
      },
      CutCell: {
        type: 'object',
        properties: {
          code: { type: 'integer' },
          letter: { type: 'string' },
          n: { type: 'integer' },
          nEffective: { type: ['number', 'null'] },
          estimate: proportion,
          ci: interval,
          se: { type: ['number', 'null'] },
          higherThan: { type: 'string', description: 'letters of the columns this one is significantly higher than (5 %)' },
          lowBase: { type: 'boolean' },
          suppressed: { type: 'boolean', description: 'base under suppressBelow: no estimate published' },
        },
      },
      MeanFigure: {
        type: ['object', 'null'],
        description: 'a weighted mean (a mean rank, a share ranked first, an item mean) with its interval at 95 % and bases; null when nobody is in the base',
        properties: { estimate: { type: 'number' }, se: { type: 'number' }, ci: meanInterval, n: { type: 'integer' }, nEffective: { type: 'number' } },
      },
      CutMean: {
        type: 'object',
        properties: {
          code: { type: 'integer' },
          letter: { type: 'string' },
          n: { type: 'integer' },
          estimate: { type: ['number', 'null'] },
          ci: meanInterval,
          se: { type: ['number', 'null'] },
          lowBase: { type: 'boolean' },
          suppressed: { type: 'boolean', description: 'base under suppressBelow: no estimate published' },
        },
      },
      Trend: {
        type: 'object',
        properties: {
          id: { type: 'string' },
          previousWave: { type: 'string' },
          previous: { type: 'number' },
          difference: { type: 'number' },
          se: { type: 'number' },
          p: { type: 'number' },
          significant: { type: 'boolean', description: 'two-sided test at 5 %, independent samples' },
        },
      },
      WaveResults: {
        type: 'object',
        required: ['study', 'wave', 'n', 'indicators', 'cuts', 'trends'],
        properties: {
          apiVersion: { type: 'integer' },
          study: { type: 'object', properties: { id: { type: 'string' }, title: { type: 'string' }, producers: { type: 'array', items: { type: 'string' } } } },
          wave: { type: 'object', properties: { code: { type: 'string' }, title: { type: 'string' }, fieldwork: { type: 'object' } } },
          n: { type: 'integer', description: 'complete, kept responses' },
          confidenceLevel: { type: 'number' },
          significanceLevel: { type: 'number' },
          lowBase: { type: 'integer' },
          suppressBelow: { type: 'integer' },
          previousWave: {
            type: ['string', 'null'],
            description: "the published wave before this one in the study's series (by place in the series, else opening date; never by code)",
          },
          weighting: { type: 'object' },
          themes: { type: 'array', items: { type: 'object', properties: { id: { type: 'string' }, label: { type: 'string' } } } },
          indicators: { type: 'array', items: { $ref: '#/components/schemas/Indicator' } },
          cuts: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                variable: { type: 'string', description: "the cut's id: a categorical question the study lists in its cuts" },
                question: { type: 'string', description: "the question's variable name" },
                label: { type: 'string' },
                columns: { type: 'array', items: { type: 'object', properties: { code: { type: 'integer' }, letter: { type: 'string' }, label: { type: 'string' } } } },
                indicators: {
                  type: 'array',
                  items: { type: 'object', properties: { id: { type: 'string' }, cells: { type: 'array', items: { $ref: '#/components/schemas/CutCell' } } } },
                },
              },
            },
          },
          rankings: {
            type: 'array',
            description:
              "per ranking question: each option's mean rank among those who ranked it and share ranked first among those who answered, overall and by cut (keyed by the cut's variable)",
            items: {
              type: 'object',
              properties: {
                question: { type: 'string' },
                text: { type: 'string' },
                n: { type: 'integer', description: 'respondents who answered the ranking' },
                options: {
                  type: 'array',
                  items: {
                    type: 'object',
                    properties: {
                      code: { type: 'integer' },
                      variable: { type: 'string' },
                      label: { type: 'string' },
                      meanRank: { $ref: '#/components/schemas/MeanFigure' },
                      first: { $ref: '#/components/schemas/MeanFigure' },
                      cuts: { type: 'object', additionalProperties: { type: 'object', properties: { meanRank: cutMeans, first: cutMeans } } },
                    },
                  },
                },
              },
            },
          },
          numbers: {
            type: 'array',
            description: "per multiple numeric question: each item's weighted mean among those who gave it a value, overall and by cut (keyed by the cut's variable)",
            items: {
              type: 'object',
              properties: {
                question: { type: 'string' },
                text: { type: 'string' },
                unit: { type: ['string', 'null'] },
                total: { type: ['number', 'null'], description: 'the total the items add up to, when the question sets one' },
                items: {
                  type: 'array',
                  items: {
                    type: 'object',
                    properties: {
                      variable: { type: 'string' },
                      label: { type: 'string' },
                      mean: { $ref: '#/components/schemas/MeanFigure' },
                      cuts: { type: 'object', additionalProperties: cutMeans },
                    },
                  },
                },
              },
            },
          },
          trends: { type: 'array', items: { $ref: '#/components/schemas/Trend' } },
          history: { type: 'array', items: { type: 'object' } },
          tables: { type: 'object', description: 'CSV versions of the tables' },
        },
      },
    },
  },
});
