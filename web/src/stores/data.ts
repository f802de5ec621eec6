import { defineStore } from 'pinia';
import { api } from '../api/client';
import type { Currency, Goal, Label, SubCategory, Wallet } from '../api/types';

/** Lists the forms pick from: loaded once per workspace and reloaded after a change. */
export const useData = defineStore('data', {
  state: () => ({
    wallets: [] as Wallet[],
    labels: [] as Label[],
    goals: [] as Goal[],
    categories: [] as SubCategory[],
    currencies: [] as Currency[],
  }),
  getters: {
    activeWallets: (s) => s.wallets.filter((w) => !w.archived),
    expenseCategories: (s) => s.categories.filter((c) => c.category?.type !== 'incoming'),
    incomeCategories: (s) => s.categories.filter((c) => c.category?.type === 'incoming'),
  },
  actions: {
    async loadWallets() {
      this.wallets = await api.get<Wallet[]>('/api/wallet/list');
    },
    async loadLabels() {
      this.labels = await api.get<Label[]>('/api/label/list');
    },
    async loadGoals() {
      this.goals = await api.get<Goal[]>('/api/goals');
    },
    async loadReference() {
      if (this.categories.length === 0) {
        this.categories = await api.get<SubCategory[]>('/api/categories');
      }
      if (this.currencies.length === 0) {
        this.currencies = await api.get<Currency[]>('/api/currencies');
      }
    },
  },
});
