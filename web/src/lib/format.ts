import { computed } from 'vue';
import { useI18n } from 'vue-i18n';
import { useSession } from '../stores/session';
import type { Amount } from '../api/types';
import { currencyDigits, formatAmount } from './money';
import { formatDateTime, formatDay } from './dates';

/** Formatting bound to the current language, workspace currency and time zone. */
export function useFormat() {
  const session = useSession();
  const { locale } = useI18n();
  const intlLocale = computed(() => (locale.value === 'it' ? 'it-IT' : 'en-GB'));
  return {
    money: (value: Amount | null | undefined, currency?: string, digits?: number) =>
      formatAmount(value ?? 0, currency ?? session.currencyCode, intlLocale.value, digits ?? (currency ? currencyDigits(currency) : session.digits)),
    dateTime: (value: string) => formatDateTime(value, intlLocale.value, session.timeZone),
    day: (value: string) => formatDay(value, intlLocale.value, session.timeZone),
    intlLocale,
  };
}
