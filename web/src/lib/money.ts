// Money stays exact: amounts travel as decimal strings and are held as bigint minor units.
// Never add or multiply amounts as JavaScript numbers.

/** Minor units of a decimal given by the API (a JSON number or a string), e.g. -12.5 with 2 digits -> -1250n. */
export function toMinor(value: number | string | null | undefined, digits: number): bigint {
  if (value === null || value === undefined || value === '') {
    return 0n;
  }
  let text = typeof value === 'number' ? numberToPlain(value) : value.trim();
  let negative = false;
  if (text.startsWith('-')) {
    negative = true;
    text = text.slice(1);
  } else if (text.startsWith('+')) {
    text = text.slice(1);
  }
  if (!/^\d*(\.\d*)?$/.test(text) || text === '' || text === '.') {
    throw new Error(`Not a decimal amount: ${String(value)}`);
  }
  const [whole, fraction = ''] = text.split('.');
  const kept = fraction.slice(0, digits).padEnd(digits, '0');
  let minor = BigInt((whole || '0') + kept);
  // The API never sends more decimals than the currency has; round half away from zero if it ever does.
  if (fraction.length > digits && Number(fraction[digits]) >= 5) {
    minor += 1n;
  }
  return negative ? -minor : minor;
}

/** The decimal string of minor units: -1250n with 2 digits -> "-12.50". */
export function toDecimal(minor: bigint, digits: number): string {
  const negative = minor < 0n;
  const abs = (negative ? -minor : minor).toString().padStart(digits + 1, '0');
  const whole = digits === 0 ? abs : abs.slice(0, abs.length - digits);
  const fraction = digits === 0 ? '' : `.${abs.slice(abs.length - digits)}`;
  return `${negative && minor !== 0n ? '-' : ''}${whole}${fraction}`;
}

/** Formats minor units per locale and currency (Intl formats the decimal string exactly). */
export function formatMoney(minor: bigint, currency: string, locale: string, digits: number): string {
  const format = new Intl.NumberFormat(locale, {
    style: 'currency',
    currency,
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
  return format.format(toDecimal(minor, digits) as Intl.StringNumericLiteral);
}

/** Formats an API amount directly. */
export function formatAmount(value: number | string | null | undefined, currency: string, locale: string, digits = 2): string {
  return formatMoney(toMinor(value, digits), currency, locale, digits);
}

/**
 * Reads what a person typed ("12,50", "1.234,56", "1,234.56", "12") into minor units; null when it is not
 * an amount or has more decimals than the currency allows.
 */
export function parseAmountInput(text: string, digits: number): bigint | null {
  let value = text.replace(/[\s\u00a0'’]/g, '');
  if (value === '') {
    return null;
  }
  let negative = false;
  if (value.startsWith('-')) {
    negative = true;
    value = value.slice(1);
  }
  const lastComma = value.lastIndexOf(',');
  const lastDot = value.lastIndexOf('.');
  const decimalAt = Math.max(lastComma, lastDot);
  let whole = value;
  let fraction = '';
  if (decimalAt >= 0) {
    const separator = value[decimalAt];
    const other = separator === ',' ? '.' : ',';
    const tail = value.slice(decimalAt + 1);
    const onlyOnce = value.indexOf(separator) === decimalAt;
    // "1.234" with one dot and three digits after it is still a decimal point: amounts are typed as decimals.
    if (onlyOnce) {
      whole = value.slice(0, decimalAt).split(other).join('');
      fraction = tail;
    } else {
      whole = value.split(separator).join('').split(other).join('');
      fraction = '';
    }
  }
  if (!/^\d+$/.test(whole || '0') || !/^\d*$/.test(fraction) || fraction.length > digits) {
    return null;
  }
  const minor = BigInt((whole || '0') + fraction.padEnd(digits, '0'));
  return negative ? -minor : minor;
}

/** Sum of minor units. */
export function sum(values: bigint[]): bigint {
  return values.reduce((a, b) => a + b, 0n);
}

function numberToPlain(value: number): string {
  if (!Number.isFinite(value)) {
    throw new Error(`Not a decimal amount: ${value}`);
  }
  const text = String(value);
  if (!/e/i.test(text)) {
    return text;
  }
  return value.toFixed(20).replace(/0+$/, '').replace(/\.$/, '');
}

/** ISO 4217 minor digits of a currency as the platform knows them (EUR 2, JPY 0). */
export function currencyDigits(code: string): number {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency: code }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}
