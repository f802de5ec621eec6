import { defineStore } from 'pinia';
import { api } from '../api/client';
import { i18n, locales, setLocale, type Locale } from '../i18n';
import type { AuthAnswer, Profile, UserInfo, WorkspaceDoc, WorkspaceSummary } from '../api/types';

/** Who is signed in, their workspaces and the current one (its currency and time zone drive formatting). */
export const useSession = defineStore('session', {
  state: () => ({
    signedIn: api.session !== null,
    user: null as UserInfo | null,
    workspaces: [] as WorkspaceSummary[],
    current: null as WorkspaceDoc | null,
    offline: false,
    loaded: false,
  }),
  getters: {
    currencyCode: (s) => s.current?.settings.data.currency.label ?? 'EUR',
    currencyId: (s) => s.current?.settings.data.currency.id ?? 2,
    digits: (s) => s.current?.settings.data.currency.minor_units ?? 2,
    timeZone: (s) => s.current?.settings.data.time_zone || Intl.DateTimeFormat().resolvedOptions().timeZone,
    canWrite: (s) => s.current !== null && s.current.workspace.role !== 'viewer',
    canManage: (s) => s.current !== null && ['owner', 'admin'].includes(s.current.workspace.role),
  },
  actions: {
    async signIn(email: string, password: string, otp?: string) {
      const answer = await api.post<AuthAnswer>('/api/auth/authenticate', { email, password, otp: otp || undefined });
      api.session = { accessToken: answer.token, refreshToken: answer.refresh_token };
      this.signedIn = true;
      this.loaded = false;
      await this.load();
    },
    async signUp(name: string, email: string, password: string, locale: string) {
      await api.post('/api/auth/sign-up', { name, email, password, password_confirmation: password, locale });
      await this.signIn(email, password);
    },
    async signOut() {
      try {
        if (!this.offline) {
          await api.post('/api/auth/logout');
        }
      } catch {
        // Signing out locally is what matters; the server session expires anyway.
      }
      api.signOut();
      this.$reset();
      this.signedIn = false;
    },
    /** Reads the user, their workspaces and the current workspace (from the cache when offline). */
    async load() {
      if (!api.session) {
        this.signedIn = false;
        return;
      }
      this.workspaces = await api.get<WorkspaceSummary[]>('/api/workspace/list');
      const info = await api.get<{ userInfo: UserInfo }>('/api/auth/user-info');
      this.user = info.userInfo;
      // The account's language (chosen on any device, also that of its e-mails) wins over this browser's guess.
      const language = locales.find((l) => l === info.userInfo.locale);
      if (language && language !== i18n.global.locale.value) {
        setLocale(language as Locale);
      }
      const wanted = api.workspace;
      const chosen = this.workspaces.find((w) => w.uuid === wanted) ?? this.workspaces.find((w) => w.current) ?? this.workspaces[0];
      if (chosen) {
        await this.select(chosen.uuid);
      } else {
        this.current = null;
      }
      this.loaded = true;
    },
    async select(uuid: string) {
      api.workspace = uuid;
      this.current = await api.get<WorkspaceDoc>(`/api/workspace/${uuid}`);
      if (!this.offline) {
        api.patch(`/api/workspace/activate/${uuid}`).catch(() => undefined);
      }
    },
    /** Saves name and/or language on the server (the language of the user's e-mails too) and shows the new name. */
    async saveProfile(changes: { name?: string; locale?: string }): Promise<Profile> {
      const profile = await api.put<Profile>('/api/auth/profile', changes);
      if (this.user) {
        this.user.name = profile.name;
      }
      return profile;
    },
    async refreshCurrent() {
      if (this.current) {
        this.current = await api.get<WorkspaceDoc>(`/api/workspace/${this.current.workspace.uuid}`);
      }
    },
  },
});
