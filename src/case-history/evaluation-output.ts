/** The published JSON form of an evaluation (FORMAT.md, "Output of victim-care evaluate"). */
import type { Evaluation } from '../domain/evaluation.types.js';

export function evaluationToJson(e: Evaluation, options: { explain?: boolean } = {}): unknown {
  return {
    rulePack: e.rulePack,
    asOf: e.asOf,
    people: e.people.map((p) => ({
      id: p.id,
      enhanced: p.enhanced,
      enhancedReasons: p.enhancedReasons,
      specialMeasures: p.specialMeasures,
      referralConsent: p.referralConsent,
      vcsEligible: p.vcsEligible,
      compellable: p.compellable,
      filingLetterPermitted: p.filingLetterPermitted,
      statementKind: p.statementKind,
      cicaDeadline: p.cicaDeadline,
      ...(options.explain ? { decisions: p.decisions } : {}),
    })),
    obligations: e.obligations.map((o) => ({
      rule: o.rule,
      person: o.person,
      trigger: o.trigger,
      dueDate: o.dueDate,
      status: o.status,
      metAt: o.metAt,
      source: o.source,
      ...(options.explain ? { title: o.title, owner: o.owner, metBy: o.metBy } : {}),
    })),
    findings: e.findings.map((f) => ({
      code: f.code,
      person: f.person,
      rule: f.rule,
      message: f.message,
      ...(options.explain ? { event: f.event, source: f.source } : {}),
    })),
  };
}
