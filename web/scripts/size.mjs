// The JavaScript a browser loads for the login screen (entry chunk, its static imports and the login
// view's chunk with its imports), gzipped, from the build manifest. Fails above the budget.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const budget = 250 * 1024;
const dist = new URL('../dist/', import.meta.url);
const manifest = JSON.parse(readFileSync(new URL('.vite/manifest.json', dist), 'utf8'));
const files = new Set();
function visit(key) {
  const chunk = manifest[key];
  if (!chunk || files.has(chunk.file)) return;
  files.add(chunk.file);
  (chunk.imports ?? []).forEach(visit);
}
visit('index.html');
visit('src/views/LoginView.vue');
let total = 0;
for (const file of [...files].filter((f) => f.endsWith('.js'))) {
  total += gzipSync(readFileSync(new URL(file, dist)), { level: 9 }).length;
}
const kb = (total / 1024).toFixed(1);
console.log(`login screen JavaScript: ${kb} kB gzipped (${files.size} files; budget ${budget / 1024} kB)`);
if (total > budget) {
  console.error('over budget');
  process.exit(1);
}
