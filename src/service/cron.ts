/**
 * Cron expressions for schedule cells: the five standard fields (minute hour day-of-month month
 * day-of-week), each a `*`, a value, a range `a-b`, a list `a,b`, or any of these with a step `/n`; month
 * and weekday names (JAN…DEC, SUN…SAT) are accepted; weekday 7 is Sunday. Also the @-macros (@hourly …).
 * Upstream only requires a non-blank string (crates/x07/src/service.rs); checking the fields is ours.
 */

interface Field {
  readonly name: string;
  readonly min: number;
  readonly max: number;
  readonly names?: ReadonlyArray<string>;
}

const MONTHS = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];
const WEEKDAYS = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

/**
 * The five cron fields in order, with their ranges.
 * @since 0.1.0
 * @category models
 */
export const CRON_FIELDS: ReadonlyArray<Field> = [
  { name: "minute", min: 0, max: 59 },
  { name: "hour", min: 0, max: 23 },
  { name: "day-of-month", min: 1, max: 31 },
  { name: "month", min: 1, max: 12, names: MONTHS },
  { name: "day-of-week", min: 0, max: 7, names: WEEKDAYS },
];

/**
 * The accepted @-macros.
 * @since 0.1.0
 * @category models
 */
export const CRON_MACROS: ReadonlyArray<string> = ["@yearly", "@annually", "@monthly", "@weekly", "@daily", "@midnight", "@hourly"];

/** A value of a field: a decimal in range, or a name (month names count from 1, weekday names from 0). */
const value = (f: Field, s: string): number | undefined => {
  if (/^[0-9]{1,2}$/.test(s)) {
    const n = Number(s);
    return n >= f.min && n <= f.max ? n : undefined;
  }
  const i = f.names?.indexOf(s.toUpperCase()) ?? -1;
  return i < 0 ? undefined : i + f.min;
};

/** Why one comma-separated item of a field is invalid, or undefined when it is valid. */
const itemError = (f: Field, item: string): string | undefined => {
  const [base = "", step, extra] = item.split("/");
  if (extra !== undefined) return `"${item}" has more than one step`;
  if (step !== undefined && !/^[1-9][0-9]{0,1}$/.test(step)) return `step "${step}" is not a number from 1 to 99`;
  if (base === "*") return undefined;
  const [lo = "", hi, more] = base.split("-");
  if (more !== undefined) return `"${base}" is not a range a-b`;
  const a = value(f, lo);
  if (a === undefined) return `"${lo}" is not a ${f.name} (${f.min}-${f.max}${f.names !== undefined ? ` or ${f.names[0]}…${f.names[f.names.length - 1]}` : ""})`;
  if (hi === undefined) return undefined;
  const b = value(f, hi);
  if (b === undefined) return `"${hi}" is not a ${f.name} (${f.min}-${f.max})`;
  return a <= b ? undefined : `range ${base} runs backwards`;
};

/**
 * Why `cron` is not a valid expression, or `undefined` when it is.
 * @since 0.1.0
 * @category guards
 */
export const cronError = (cron: string): string | undefined => {
  const s = cron.trim();
  if (s === "") return "cron must not be blank";
  if (s.startsWith("@")) return CRON_MACROS.includes(s.toLowerCase()) ? undefined : `unknown macro "${s}" (known: ${CRON_MACROS.join(", ")})`;
  const parts = s.split(/\s+/);
  if (parts.length !== CRON_FIELDS.length) return `cron needs ${CRON_FIELDS.length} fields (minute hour day-of-month month day-of-week), got ${parts.length}`;
  for (let i = 0; i < parts.length; i++) {
    const f = CRON_FIELDS[i]!;
    for (const item of parts[i]!.split(",")) {
      if (item === "") return `${f.name} field "${parts[i]}" has an empty list item`;
      const e = itemError(f, item);
      if (e !== undefined) return `${f.name} field: ${e}`;
    }
  }
  return undefined;
};
