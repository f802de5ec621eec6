import { describe, expect, it } from 'vitest';
import { currencyDigits, formatMoney, formatAmount, parseAmountInput, sum, toDecimal, toMinor } from '../src/lib/money';

describe('money', () => {
  it('reads API decimals into exact minor units', () => {
    expect(toMinor(-12.5, 2)).toBe(-1250n);
    expect(toMinor('0.1', 2)).toBe(10n);
    expect(toMinor(1500, 0)).toBe(1500n);
    expect(toMinor(0.3, 2) - toMinor(0.1, 2)).toBe(20n); // 0.3 - 0.1 is not 0.19999... here
    expect(toMinor(12345678901234.56, 2)).toBe(1234567890123456n);
    expect(toMinor(null, 2)).toBe(0n);
    expect(() => toMinor('ten', 2)).toThrow();
  });

  it('adds many amounts without drift', () => {
    const tenCents = Array.from({ length: 1000 }, () => toMinor(0.1, 2));
    expect(toDecimal(sum(tenCents), 2)).toBe('100.00');
  });

  it('writes minor units back as decimal strings', () => {
    expect(toDecimal(-1250n, 2)).toBe('-12.50');
    expect(toDecimal(5n, 2)).toBe('0.05');
    expect(toDecimal(-5n, 2)).toBe('-0.05');
    expect(toDecimal(1500n, 0)).toBe('1500');
    expect(toDecimal(0n, 3)).toBe('0.000');
  });

  it('reads what people type in either decimal style', () => {
    expect(parseAmountInput('12,50', 2)).toBe(1250n);
    expect(parseAmountInput('12.5', 2)).toBe(1250n);
    expect(parseAmountInput('1.234,56', 2)).toBe(123456n);
    expect(parseAmountInput('1,234.56', 2)).toBe(123456n);
    expect(parseAmountInput(' 7 ', 2)).toBe(700n);
    expect(parseAmountInput('-3', 2)).toBe(-300n);
    expect(parseAmountInput('1.005', 2)).toBeNull();
    expect(parseAmountInput('1.5', 0)).toBeNull();
    expect(parseAmountInput('abc', 2)).toBeNull();
    expect(parseAmountInput('', 2)).toBeNull();
  });

  it('formats per locale and currency', () => {
    expect(formatMoney(-1250n, 'EUR', 'en-GB', 2)).toBe('-€12.50');
    expect(formatMoney(123456789n, 'EUR', 'it-IT', 2).replace(/\u00a0/g, ' ')).toBe('1.234.567,89 €');
    expect(formatAmount(1500, 'JPY', 'en-GB', 0)).toBe('JP¥1,500');
    expect(formatMoney(99999999999999999n, 'EUR', 'en-GB', 2)).toBe('€999,999,999,999,999.99');
    expect(currencyDigits('JPY')).toBe(0);
    expect(currencyDigits('EUR')).toBe(2);
  });
});
