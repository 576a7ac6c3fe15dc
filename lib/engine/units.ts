/**
 * Units a number fact can be asked in, and how comparisons convert between them.
 *
 * A fact declares one unit ("hours"); a comparison may be written in any unit of
 * the same dimension ({ value: 3, unit: "days" }) so rules read the way a
 * clinician would say them. Conversion happens once, at compile time.
 *
 * Units outside this table are allowed (e.g. "mmHg", "breaths/min") but can
 * only be compared with exactly the same unit.
 */

interface UnitDefinition {
  readonly dimension: "time" | "temperature" | "mass" | "length";
  /** Converts a value in this unit to the dimension's base unit. */
  readonly toBase: (value: number) => number;
  /** Converts a value in the base unit to this unit. */
  readonly fromBase: (value: number) => number;
  readonly singular: string;
}

// Factors are expressed in the smallest common unit (minutes, grams, millimetres)
// so the usual conversions (3 days -> 72 hours, 90 minutes -> 1.5 hours) are exact
// in floating point.
function linear(factor: number, singular: string, dimension: UnitDefinition["dimension"]): UnitDefinition {
  return { dimension, singular, toBase: (v) => v * factor, fromBase: (v) => v / factor };
}

const UNIT_TABLE: Readonly<Record<string, UnitDefinition>> = {
  minutes: linear(1, "minute", "time"),
  hours: linear(60, "hour", "time"),
  days: linear(1440, "day", "time"),
  weeks: linear(10080, "week", "time"),
  "°C": { dimension: "temperature", singular: "°C", toBase: (v) => v, fromBase: (v) => v },
  // Temperature is affine, not a factor: (°F - 32) × 5/9.
  "°F": { dimension: "temperature", singular: "°F", toBase: (v) => ((v - 32) * 5) / 9, fromBase: (v) => (v * 9) / 5 + 32 },
  g: linear(1, "g", "mass"),
  kg: linear(1000, "kg", "mass"),
  lb: linear(453.59237, "lb", "mass"),
  mm: linear(1, "mm", "length"),
  cm: linear(10, "cm", "length"),
  m: linear(1000, "m", "length"),
};

/** Units the engine knows how to convert between, for editors and docs. */
export const KNOWN_UNITS: readonly string[] = Object.keys(UNIT_TABLE);

export function isKnownUnit(unit: string): boolean {
  return Object.prototype.hasOwnProperty.call(UNIT_TABLE, unit);
}

export function unitDimension(unit: string): string | undefined {
  return isKnownUnit(unit) ? UNIT_TABLE[unit].dimension : undefined;
}

/** True when a value written in `from` can be compared with a fact asked in `to`. */
export function canConvert(from: string, to: string): boolean {
  if (from === to) return true;
  const a = isKnownUnit(from) ? UNIT_TABLE[from] : undefined;
  const b = isKnownUnit(to) ? UNIT_TABLE[to] : undefined;
  return a !== undefined && b !== undefined && a.dimension === b.dimension;
}

/** Converts `value` from one unit to another; throws if they measure different things. */
export function convertUnit(value: number, from: string, to: string): number {
  if (from === to) return value;
  if (!canConvert(from, to)) {
    throw new RangeError(`Cannot convert ${from} to ${to}`);
  }
  return UNIT_TABLE[to].fromBase(UNIT_TABLE[from].toBase(value));
}

/** "1 day", "3 days", "38.5 °C", "70 kg" — used in plain-language sentences. */
export function formatQuantity(value: number, unit: string | undefined): string {
  if (unit === undefined || unit === "") return String(value);
  if (unit === "%") return `${value}%`;
  const known = isKnownUnit(unit) ? UNIT_TABLE[unit] : undefined;
  const word = known && value === 1 ? known.singular : unit;
  return `${value} ${word}`;
}
