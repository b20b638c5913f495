/**
 * What a caller may send to record casework, validated at the edge (API bodies, web forms) with the same
 * field vocabulary as the case-history format.
 */
import { z } from 'zod';
import {
  caseEventSchema,
  contractSchema,
  investigationSchema,
  personSchema,
} from '../case-history/case-history.schema.js';

const uuid = z.uuid({ error: 'must be a record id (uuid)' });

export const newInvestigationInput = investigationSchema.extend({
  urn: z
    .string({ error: 'must be text' })
    .trim()
    .regex(/^[A-Za-z0-9][A-Za-z0-9/-]{2,39}$/, 'must be a unique reference number such as 46/1234/26'),
  officerInChargeId: uuid.nullish(),
  teamId: uuid.nullish(),
  restricted: z.boolean().default(false),
  namedUserIds: z.array(uuid).default([]),
});
export type NewInvestigationInput = z.infer<typeof newInvestigationInput>;

const optionalText = (max: number) =>
  z.string().trim().max(max, `must be at most ${max} characters`).nullish();

export const newPersonInput = personSchema.omit({ id: true }).extend({
  name: z.string({ error: 'is required' }).trim().min(1, 'enter a name').max(200),
  phone: optionalText(40),
  email: z
    .email({ error: 'must be an email address' })
    .nullish()
    .or(z.literal('').transform(() => null)),
  address: optionalText(500),
});
export type NewPersonInput = z.infer<typeof newPersonInput>;

export const personPatchInput = newPersonInput.partial().omit({ contract: true, role: true, kind: true });
export type PersonPatchInput = z.infer<typeof personPatchInput>;

export const contractInput = contractSchema;
export type ContractInput = z.infer<typeof contractInput>;

/** An event as the case-history format writes it; `id` is allocated when absent. */
export const newEventInput = z.preprocess(
  (v) => (v && typeof v === 'object' && !('id' in v) ? { ...v, id: NEW_EVENT_ID } : v),
  caseEventSchema,
);
export const NEW_EVENT_ID = '__new__';
export type NewEventInput = z.infer<typeof caseEventSchema>;

export const investigationPatchInput = z.object({
  officerInChargeId: uuid.nullish(),
  teamId: uuid.nullish(),
  restricted: z.boolean().optional(),
  namedUserIds: z.array(uuid).optional(),
  anticipatedPlea: z.enum(['guilty', 'not-guilty']).nullish(),
  expectedVersion: z.number().int().min(0),
});
export type InvestigationPatchInput = z.infer<typeof investigationPatchInput>;
