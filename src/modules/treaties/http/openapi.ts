/** OpenAPI schemas of the treaty API (documentation; the handlers validate with zod). */
const date = { type: ['string', 'null'], format: 'date' };
const action = {
  type: ['object', 'null'],
  properties: {
    action: { type: 'string' },
    letter: { type: ['string', 'null'], description: 'MTDSG letter as deposited: A, AA, a, d, c, s' },
    date,
    cnRef: { type: ['string', 'null'] },
  },
};
const link = {
  type: 'object',
  properties: {
    code: { type: 'string', description: 'ISO 3166-1 alpha-3, or ISO 3166-3 for a State that no longer exists' },
    name: { type: 'string' },
    date,
    source: { type: 'string' },
    note: { type: ['string', 'null'] },
    curated: { type: 'boolean', description: 'Recorded by a curator (kept over later imports)' },
  },
};
const links = {
  predecessors: { type: 'array', items: link },
  successors: { type: 'array', items: link },
};
const header = {
  id: { type: 'string', description: 'MTDSG number, e.g. XVIII-12-a' },
  title: { type: 'string' },
  shortTitle: { type: 'string' },
  adoptedPlace: { type: ['string', 'null'] },
  adoptedOn: date,
  adoptedBy: { type: ['string', 'null'] },
  signatureOpened: date,
  entryIntoForce: date,
  parentId: { type: ['string', 'null'] },
  eifRule: { type: 'object' },
  unUrl: { type: ['string', 'null'] },
  statusAsAt: { ...date, description: 'The "status as at" date of the last import that stated one' },
  statusSource: { type: ['string', 'null'] },
};

export const TREATY_SCHEMAS = {
  TreatySummary: {
    type: 'object',
    properties: {
      ...header,
      signatories: { type: 'integer' },
      parties: { type: 'integer', description: 'Parties recorded here (a partial table counts fewer)' },
      participantsRecorded: { type: 'integer' },
    },
  },
  TreatyParticipant: {
    type: 'object',
    properties: {
      code: { type: 'string', description: 'ISO 3166-1 alpha-3 (EUU: European Union)' },
      name: { type: 'string' },
      nameAsListed: { type: 'string' },
      reio: { type: 'boolean' },
      signature: action,
      consent: action,
      withdrawal: action,
      entryIntoForce: date,
      entryIntoForceBasis: { type: ['string', 'null'], enum: ['computed', 'recorded', null] },
      recordedEntryIntoForce: date,
      entryIntoForceDetail: {
        type: ['object', 'null'],
        description: 'The date shown, its basis, both dates, and whether a recorded date differs from the computed',
        properties: {
          date,
          basis: { type: 'string', enum: ['computed', 'recorded'] },
          computed: date,
          recorded: date,
          disagrees: { type: 'boolean' },
        },
      },
      ...links,
      sources: { type: 'array', items: { type: 'string' } },
      notes: { type: ['string', 'null'] },
      formerNames: {
        type: 'array',
        items: {
          type: 'object',
          properties: { name: { type: 'string' }, validTo: date, note: { type: ['string', 'null'] } },
        },
      },
    },
  },
  TreatyStatement: {
    type: 'object',
    properties: {
      id: { type: 'string' },
      participant: { type: 'string' },
      label: { type: 'string', description: 'As deposited: reservation, declaration, objection ...' },
      classification: { type: ['string', 'null'], description: 'Curated legal effect' },
      article: { type: ['integer', 'null'] },
      paragraph: { type: ['string', 'null'] },
      occasion: { type: ['string', 'null'] },
      date,
      text: { type: ['string', 'null'] },
      objectsTo: { type: ['string', 'null'], description: 'The id of the reservation an objection is aimed at' },
      cnRef: { type: ['string', 'null'] },
    },
  },
  TreatyStatus: {
    type: 'object',
    properties: {
      instrument: { type: 'object', properties: header },
      participants: { type: 'array', items: { $ref: '#/components/schemas/TreatyParticipant' } },
      statements: { type: 'array', items: { $ref: '#/components/schemas/TreatyStatement' } },
    },
  },
  TreatyPartiesAt: {
    type: 'object',
    properties: {
      instrument: { type: 'string' },
      at: { type: 'string', format: 'date' },
      count: { type: 'integer', description: 'Participants whose consent was deposited by that date, not withdrawn' },
      inForceCount: { type: 'integer', description: 'Of those, the ones for which the instrument was in force' },
      parties: { type: 'array', items: { $ref: '#/components/schemas/TreatyParticipant' } },
    },
  },
  TreatyParticipantLinks: {
    type: 'object',
    properties: { code: { type: 'string' }, name: { type: 'string' }, ...links },
  },
  TreatyNotification: {
    type: 'object',
    properties: {
      cnRef: { type: 'string', description: 'The depositary notification, e.g. C.N.116.2018.TREATIES-XVIII-12-a' },
      participant: { type: ['string', 'null'] },
      participantName: { type: ['string', 'null'] },
      kind: { type: 'string', description: 'Its subject: ratification, accession, reservation, objection ...' },
      date,
      url: { type: ['string', 'null'] },
    },
  },
  CountryProfile: {
    type: 'object',
    properties: {
      code: { type: 'string' },
      name: { type: 'string' },
      sections: { type: 'object', description: 'One entry per module section (treaties, cases, ...), by its id' },
    },
  },
};

export const ref = (name: keyof typeof TREATY_SCHEMAS) => ({ $ref: `#/components/schemas/${name}` });
