/**
 * Rounding for every number icm shows or stores: half away from zero on the *decimal* value,
 * so a reader who redoes the arithmetic by hand gets the same digit (round1(0.15) = 0.2,
 * round1(79.05) = 79.1, round1(-0.25) = -0.3, round2(1.005) = 1.01).
 *
 * Why not `Math.round(x * 10) / 10`: binary doubles cannot hold most decimals, so 1.005 is
 * really 1.00499999999999989…, and a computed 79.05 may come out as 79.04999999999999. We
 * therefore first normalise the value to 15 significant digits (the precision a double keeps
 * reliably, which removes the noise of a few arithmetic steps), then shift the decimal point
 * with string exponent arithmetic (exact, no multiplication) and round the magnitude half up.
 * The result never is -0; NaN and ±Infinity pass through unchanged.
 */
export function roundTo(x: number, digits: number): number {
  if (!Number.isFinite(x)) return x
  if (!Number.isInteger(digits) || digits < 0 || digits > 10) throw new RangeError(`digits must be 0–10, got ${digits}`)
  const magnitude = Math.abs(Number(x.toPrecision(15)))
  const rounded = Math.round(shift(magnitude, digits))
  const result = shift(rounded, -digits)
  if (result === 0) return 0
  return x < 0 ? -result : result
}

/** `x` rounded half away from zero to one decimal (see roundTo). */
export function round1(x: number): number {
  return roundTo(x, 1)
}

/** `x` rounded half away from zero to two decimals (see roundTo). */
export function round2(x: number): number {
  return roundTo(x, 2)
}

/** `x` rounded to one decimal and printed with exactly one: 70 → '70.0', 66.25 → '66.3'. */
export function format1(x: number): string {
  return round1(x).toFixed(1)
}

/** x × 10^n, exact in decimal: works on the shortest decimal text of x, not on its binary value. */
function shift(x: number, n: number): number {
  const [mantissa, exponent = '0'] = String(x).split('e')
  return Number(`${mantissa}e${Number(exponent) + n}`)
}
