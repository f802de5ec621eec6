import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { categoryNames } from '../src/i18n/categories';

// The reference data the server seeds: every category and sub-category slug must have a name in both languages.
// Vitest runs in web/ (npm test); under jsdom import.meta.url is not a file URL.
const reference = readFileSync(resolve(process.cwd(), '../src/BudgetControl.Data/Reference/ReferenceData.cs'), 'utf8');
const slugs = (call: string) => [...reference.matchAll(new RegExp(`${call}\\(\\d+, (?:\\d+, )?"[^"]+", "([a-z_]+)"`, 'g'))].map((m) => m[1]);

describe('category names', () => {
  it('names every reference category and sub-category in English and Italian', () => {
    const main = slugs('Cat');
    const sub = slugs('Sub');
    expect(main).toHaveLength(11);
    expect(sub).toHaveLength(76);
    for (const locale of ['en', 'it'] as const) {
      for (const slug of main) expect(categoryNames[locale].main[slug as keyof typeof categoryNames.en.main], `${locale} ${slug}`).toBeTruthy();
      for (const slug of sub) expect(categoryNames[locale].sub[slug as keyof typeof categoryNames.en.sub], `${locale} ${slug}`).toBeTruthy();
    }
  });

  it('keeps the English names equal to the server names, so English screens do not change', () => {
    for (const m of reference.matchAll(/Sub\(\d+, \d+, "([^"]+)", "([a-z_]+)"/g)) {
      expect(categoryNames.en.sub[m[2] as keyof typeof categoryNames.en.sub]).toBe(m[1]);
    }
    for (const m of reference.matchAll(/Cat\(\d+, "([^"]+)", "([a-z_]+)"/g)) {
      expect(categoryNames.en.main[m[2] as keyof typeof categoryNames.en.main]).toBe(m[1]);
    }
  });
});
