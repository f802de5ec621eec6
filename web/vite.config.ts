import { defineConfig } from 'vitest/config';
import type { Plugin } from 'vite';
import vue from '@vitejs/plugin-vue';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

/** Emits sw.js with the list of every built file to precache (the offline shell). */
function serviceWorker(): Plugin {
  return {
    name: 'budgetcontrol-service-worker',
    apply: 'build',
    generateBundle(_options, bundle) {
      const files = ['/index.html', '/manifest.webmanifest', '/icon.svg', '/icon-192.png', '/icon-512.png', ...Object.keys(bundle).filter((f) => f !== 'index.html' && !f.startsWith('.vite/')).map((f) => `/${f}`)];
      const version = createHash('sha256').update(files.join('\n')).digest('hex').slice(0, 12);
      const source = readFileSync(new URL('./src/sw-template.js', import.meta.url), 'utf8')
        .replace('__VERSION__', version)
        .replace('__FILES__', JSON.stringify(files));
      this.emitFile({ type: 'asset', fileName: 'sw.js', source });
    },
  };
}

export default defineConfig({
  plugins: [vue(), serviceWorker()],
  build: { target: 'es2022', sourcemap: false, manifest: true },
  server: {
    // `npm run dev` talks to a server started with README's command.
    proxy: { '/api': 'http://localhost:8080', '/connect': 'http://localhost:8080' },
  },
  test: {
    environment: 'jsdom',
    include: ['tests/**/*.test.ts'],
  },
});
