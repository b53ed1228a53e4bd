import { FeelDate, FeelDateTime } from 'feelin';
import type { FeelValue } from '../expressions/feel-values.js';
import { isoInstant, utcMs } from '../timers/calendar.js';
import { readDateTime } from '../timers/date.js';
import { zonedToUtc } from '../timers/zones.js';
import type { CompiledDecision } from './types.js';

/** The zone a date without a time is a day in: a municipal rule takes effect at midnight in Belgium and the Netherlands. */
export const LOKET_ZONE = 'Europe/Brussels';

/** A deployed version of a decision, and the moment from which it is the one that applies. */
export interface DecisionVersion {
  decision: CompiledDecision;
  version: number;
  /** ISO 8601 UTC instant; absent: in force for every application, earlier ones included. */
  validFrom?: string;
}

/**
 * The instant a date or date-time stands for, as ISO 8601 UTC, or why it is none: "2027-01-01" is midnight
 * in Brussels, a date-time without offset is Brussels wall-clock time, one with an offset or zone is exact.
 * FEEL dates and date-times (a decision date computed in FEEL) are read the same way.
 */
export function momentOf(value: FeelValue): { at: string } | { problem: string } {
  const text = value instanceof FeelDate || value instanceof FeelDateTime ? value.toString() : value;
  if (typeof text !== 'string') return { problem: `${JSON.stringify(value)} is not a date` };
  const dateOnly = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (dateOnly) {
    const [, year, month, day] = dateOnly.map(Number) as [number, number, number, number];
    const checked = readDateTime(text);
    if (typeof checked === 'string') return { problem: `"${text}" ${checked}` };
    return { at: isoInstant(zonedToUtc(LOKET_ZONE, utcMs(year, month, day)), text) };
  }
  const hasZone = /(Z|[+-]\d{2}(:?\d{2})?|\[[^\]]+\]|@\S+)$/i.test(text.slice(10));
  const result = readDateTime(hasZone ? text : `${text}[${LOKET_ZONE}]`);
  if (typeof result === 'string') return { problem: `"${text}" ${result}` };
  return { at: isoInstant(result, text) };
}

/**
 * The version that decides an application received at `at` (DMN itself has no notion of this): the highest
 * version whose validFrom has come by then. A version deployed without validFrom counts as always in force,
 * so without any validFrom the latest version decides, as in Camunda.
 */
export function versionInForce(versions: readonly DecisionVersion[], at: string): DecisionVersion | undefined {
  const moment = Date.parse(at);
  let best: DecisionVersion | undefined;
  for (const candidate of versions) {
    if (candidate.validFrom !== undefined && Date.parse(candidate.validFrom) > moment) continue;
    if (!best || candidate.version > best.version) best = candidate;
  }
  return best;
}
