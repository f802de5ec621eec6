import { createApp } from 'vue';
import { createPinia } from 'pinia';
import App from './App.vue';
import { router } from './router';
import { i18n } from './i18n';
import { api } from './api/client';
import './style.css';

api.locale = i18n.global.locale.value;
document.documentElement.lang = i18n.global.locale.value;

createApp(App).use(createPinia()).use(i18n).use(router).mount('#app');

if ('serviceWorker' in navigator && import.meta.env.PROD) {
  window.addEventListener('load', () => {
    navigator.serviceWorker.register('/sw.js').catch(() => undefined);
  });
}
