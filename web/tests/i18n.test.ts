import { describe, expect, it } from 'vitest';
import en from '../src/i18n/en';
import it_ from '../src/i18n/it';

function keys(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}

function leaf(messages: unknown, key: string): string {
  return key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], messages) as string;
}

describe('messages', () => {
  it('has every English key in Italian, translated and with the same placeholders', () => {
    expect(keys(it_).sort()).toEqual(keys(en).sort());
    for (const key of keys(en)) {
      const english = leaf(en, key);
      const italian = leaf(it_, key);
      expect(italian.length, key).toBeGreaterThan(0);
      expect(italian.match(/\{\w+\}/g)?.sort(), key).toEqual(english.match(/\{\w+\}/g)?.sort());
    }
  });
});
