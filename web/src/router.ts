import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router';
import { useSession } from './stores/session';

const routes: RouteRecordRaw[] = [
  { path: '/', redirect: '/app/dashboard' },
  { path: '/app', redirect: '/app/dashboard' },
  { path: '/app/auth/login', name: 'login', component: () => import('./views/LoginView.vue'), meta: { public: true } },
  { path: '/app/auth/register', name: 'register', component: () => import('./views/RegisterView.vue'), meta: { public: true } },
  { path: '/app/auth/confirm/:token', name: 'confirm', component: () => import('./views/ConfirmView.vue'), meta: { public: true, any: true } },
  { path: '/app/auth/recovery-password', name: 'recovery', component: () => import('./views/RecoveryView.vue'), meta: { public: true } },
  { path: '/app/auth/reset-password/:token', name: 'reset', component: () => import('./views/ResetView.vue'), meta: { public: true, any: true } },
  { path: '/app/setup', name: 'setup', component: () => import('./views/SetupView.vue'), meta: { noWorkspace: true } },
  { path: '/app/dashboard', name: 'dashboard', component: () => import('./views/DashboardView.vue') },
  { path: '/app/entries', name: 'entries', component: () => import('./views/EntriesView.vue') },
  { path: '/app/entry', name: 'entry-new', component: () => import('./views/EntryFormView.vue') },
  { path: '/app/entry/:uuid', name: 'entry-edit', component: () => import('./views/EntryFormView.vue') },
  { path: '/app/wallets', name: 'wallets', component: () => import('./views/WalletsView.vue') },
  { path: '/app/budgets', name: 'budgets', component: () => import('./views/BudgetsView.vue') },
  { path: '/app/stats', name: 'stats', component: () => import('./views/StatsView.vue') },
  { path: '/app/labels', name: 'labels', component: () => import('./views/LabelsView.vue') },
  { path: '/app/goals', name: 'goals', component: () => import('./views/GoalsView.vue') },
  { path: '/app/payees', name: 'payees', component: () => import('./views/PayeesView.vue') },
  { path: '/app/settings', name: 'settings', component: () => import('./views/SettingsView.vue'), meta: { noWorkspace: true } },
  { path: '/app/planned-entries', name: 'planned', component: () => import('./views/PlannedView.vue') },
  { path: '/app/templates', name: 'templates', component: () => import('./views/TemplatesView.vue') },
  { path: '/app/rates', name: 'rates', component: () => import('./views/RatesView.vue') },
  { path: '/app/members', name: 'members', component: () => import('./views/MembersView.vue') },
  { path: '/:rest(.*)*', name: 'not-found', component: () => import('./views/NotFoundView.vue'), meta: { public: true, any: true } },
];

export const router = createRouter({ history: createWebHistory(), routes });

router.beforeEach(async (to) => {
  const session = useSession();
  if (to.meta.any) {
    return true;
  }
  if (to.meta.public) {
    return session.signedIn ? { name: 'dashboard' } : true;
  }
  if (!session.signedIn) {
    return { name: 'login', query: { next: to.fullPath } };
  }
  if (!session.loaded) {
    try {
      await session.load();
    } catch {
      if (!session.signedIn) {
        return { name: 'login' };
      }
    }
  }
  if (!session.current && !to.meta.noWorkspace) {
    return { name: 'setup' };
  }
  return true;
});
