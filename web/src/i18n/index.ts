import { createI18n } from 'vue-i18n';
import en from './en';
import it from './it';

export const locales = ['en', 'it'] as const;
export type Locale = (typeof locales)[number];

export function initialLocale(): Locale {
  const saved = localStorage.getItem('bc.locale');
  if (saved === 'en' || saved === 'it') {
    return saved;
  }
  return navigator.language.toLowerCase().startsWith('it') ? 'it' : 'en';
}

export const i18n = createI18n({
  legacy: false,
  locale: initialLocale(),
  fallbackLocale: 'en',
  messages: { en, it },
});

export function setLocale(locale: Locale): void {
  i18n.global.locale.value = locale;
  localStorage.setItem('bc.locale', locale);
  document.documentElement.lang = locale;
}
