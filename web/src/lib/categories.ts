import { useI18n } from 'vue-i18n';

interface Named { slug?: string | null; name?: string | null }

/** Category names in the user's language, by the reference slugs; the server's English name when a slug is unknown. */
export function useCategoryNames() {
  const { t, te } = useI18n();
  const pick = (kind: 'main' | 'sub', c: Named | null | undefined) =>
    c?.slug && te(`categories.${kind}.${c.slug}`, 'en') ? t(`categories.${kind}.${c.slug}`) : (c?.name ?? '');
  return {
    main: (c: Named | null | undefined) => pick('main', c),
    sub: (c: Named | null | undefined) => pick('sub', c),
    /** "Category · sub-category", as the pickers show it. */
    full: (c: Named & { category?: Named | null }) => `${pick('main', c.category)} · ${pick('sub', c)}`,
  };
}
