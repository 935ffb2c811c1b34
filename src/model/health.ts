import { z } from 'zod';

import { DialogueActSchema } from './dialogue';

/** Text Analytics for Health's own category names (plus any it adds later: the set is open). */
export const ENTITY_CATEGORIES = [
  'SymptomOrSign',
  'Diagnosis',
  'MedicationName',
  'MedicationClass',
  'MedicationForm',
  'Dosage',
  'Frequency',
  'MedicationRoute',
  'ExaminationName',
  'MeasurementValue',
  'MeasurementUnit',
  'TreatmentName',
  'BodyStructure',
  'Direction',
  'FamilyRelation',
  'Allergen',
  'Time',
  'Course',
  'ConditionQualifier',
  'ConditionScale',
  'AdministrativeEvent',
  'CareEnvironment',
  'HealthcareProfession',
  'RelationalOperator',
  'SubstanceUse',
  'SubstanceUseAmount',
  'Age',
  'Gender',
  'Employment',
  'LivingStatus',
  'GeneOrProtein',
  'Variant',
  'MutationType',
  'Expression',
] as const;
export type EntityCategory = (typeof ENTITY_CATEGORIES)[number];

export const CertaintySchema = z.enum([
  'positive',
  'negative',
  'positivePossible',
  'negativePossible',
  'neutralPossible',
]);
export const ConditionalitySchema = z.enum(['hypothetical', 'conditional']);
export const AssociationSchema = z.enum(['subject', 'other']);
export const TemporalSchema = z.enum(['current', 'past', 'future']);

/** TA4H assertion; absent fields mean the default (positive, unconditional, subject, current). */
export const AssertionSchema = z.object({
  certainty: CertaintySchema.optional(),
  conditionality: ConditionalitySchema.optional(),
  association: AssociationSchema.optional(),
  temporal: TemporalSchema.optional(),
});
export type Assertion = z.infer<typeof AssertionSchema>;

/** Code systems we emit, named as TA4H's `dataSource` names them. */
export const CODE_SYSTEMS = [
  'ICD10CM',
  'RXNORM',
  'LNC',
  'SNOMEDCT_US',
  'UMLS',
  'MSH',
  'NCI',
  'HPO',
  'ATC',
  'CPT',
] as const;
export const CodeSchema = z.object({
  system: z.string().min(1),
  code: z.string().min(1),
  display: z.string().optional(),
});
export type Code = z.infer<typeof CodeSchema>;

/** `offset`/`length` are UTF-16 code units into the full transcript text (see transcriptText). */
export const EntitySchema = z.object({
  id: z.string().min(1),
  text: z.string().min(1),
  category: z.string().min(1),
  subcategory: z.string().optional(),
  offset: z.number().int().nonnegative(),
  length: z.number().int().positive(),
  segmentId: z.string().min(1),
  normalizedText: z.string().optional(),
  assertion: AssertionSchema,
  codes: z.array(CodeSchema),
  confidence: z.number().min(0).max(1),
  /**
   * What the clause holding the mention does in the conversation (see src/model/dialogue.ts): an extension of the
   * TA4H shape, set by the offline engine only, so a recap or dictated exam can be told from the patient's report.
   */
  dialogueAct: DialogueActSchema.optional(),
});
export type Entity = z.infer<typeof EntitySchema>;

export const RelationSchema = z.object({
  /** TA4H relation type: DosageOfMedication, FrequencyOfMedication, BodySiteOfCondition… */
  type: z.string().min(1),
  confidence: z.number().min(0).max(1).optional(),
  roles: z.array(z.object({ name: z.string().min(1), entityId: z.string().min(1) })).min(2),
});
export type Relation = z.infer<typeof RelationSchema>;

export const HealthAnalysisSchema = z.object({
  engine: z.string().min(1),
  /** Versions of the model or lexicon used, for provenance. */
  modelVersion: z.string().optional(),
  entities: z.array(EntitySchema),
  relations: z.array(RelationSchema),
  warnings: z.array(z.object({ code: z.string(), message: z.string() })).default([]),
  /**
   * FHIR R4 bundles the Azure engine returns per document (offsets inside them are relative to `offset`, the
   * document's place in the full transcript text). Absent for the offline engine.
   */
  fhirBundles: z
    .array(z.object({ documentId: z.string(), offset: z.number().int().nonnegative(), bundle: z.record(z.unknown()) }))
    .optional(),
});
export type HealthAnalysis = z.infer<typeof HealthAnalysisSchema>;
