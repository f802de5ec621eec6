// Browser tests: the real all-in-one server (fresh SQLite data directory, free port) and the built app,
// driven in the system's headless chromium with playwright-core (no browser download).
// Usage: npm run e2e   (env: BC_SERVER_DLL = server binary, CHROMIUM = browser; build the app first)
import { chromium } from 'playwright-core';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { createHmac } from 'node:crypto';

const here = dirname(fileURLToPath(import.meta.url));
const web = resolve(here, '..');
const results = join(web, 'test-results');
const serverDll = process.env.BC_SERVER_DLL ?? resolve(web, '../src/BudgetControl.Server/bin/Debug/net10.0/BudgetControl.Server.dll');
const browserPath = process.env.CHROMIUM ?? '/usr/bin/chromium';
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const phone = { width: 390, height: 844 };
const desktop = { width: 1280, height: 800 };
const a11yProblems = [];
const log = (message) => console.log(`[e2e] ${message}`);
const pages = [];

function freePort() {
  return new Promise((ok, fail) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => ok(port));
    });
    server.on('error', fail);
  });
}

async function startServer() {
  const port = await freePort();
  const data = mkdtempSync(join(tmpdir(), 'bc-e2e-'));
  const base = `http://127.0.0.1:${port}`;
  const output = [];
  const child = spawn('dotnet', [serverDll, '--urls', base], {
    cwd: data,
    env: {
      ...process.env,
      BudgetControl__DataDirectory: join(data, 'data'),
      ConnectionStrings__Sqlite: `Data Source=${join(data, 'data', 'budgetcontrol.db')}`,
      BudgetControl__PublicUrl: base,
      WebApp__Root: process.env.BC_WEB_ROOT ?? join(web, 'dist'),
      Auth__PasswordHashIterations: '1000',
      RateLimiting__PermitsPerMinute: '0',
      Logging__LogLevel__Default: 'Warning',
      DOTNET_NOLOGO: '1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.on('data', (d) => output.push(String(d)));
  child.stderr.on('data', (d) => output.push(String(d)));
  for (let i = 0; i < 240; i++) {
    if (child.exitCode !== null) throw new Error(`server exited:\n${output.join('')}`);
    try {
      const r = await fetch(`${base}/health`);
      if (r.ok) return { base, data: join(data, 'data'), root: data, child, output };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  child.kill();
  throw new Error(`server did not start:\n${output.join('')}`);
}

/** The link of the newest e-mail to `to` whose body carries `path` (quoted-printable decoded). */
async function mailLink(dataDir, to, path) {
  for (let i = 0; i < 60; i++) {
    const dir = join(dataDir, 'mail');
    let files = [];
    try {
      files = readdirSync(dir).filter((f) => f.endsWith('.eml')).map((f) => join(dir, f));
    } catch {
      // the folder appears with the first mail
    }
    files.sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
    for (const file of files) {
      const text = readFileSync(file, 'utf8').replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, h) => String.fromCharCode(parseInt(h, 16)));
      if (!text.toLowerCase().includes(to.toLowerCase())) continue;
      const match = text.match(new RegExp(`https?://[^\\s"'<>]*${path}[^\\s"'<>]+`));
      if (match) return match[0];
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`no mail to ${to} with ${path}`);
}

async function axe(page, screen) {
  await page.addScriptTag({ content: axeSource });
  const result = await page.evaluate(async () => {
    const r = await window.axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] });
    return { passes: r.passes.length, violations: r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) })) };
  });
  log(`axe ${screen}: ${result.passes} rules passed; violations: ${result.violations.map((v) => `${v.id} (${v.impact})`).join(', ') || 'none'}`);
  for (const v of result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')) {
    a11yProblems.push(`${screen}: ${v.id} (${v.impact}) ${v.help} at ${v.nodes.join(', ')}`);
  }
}

/** axe-core on the screen, then screenshots at phone and desktop sizes. */
async function check(page, name) {
  await page.waitForLoadState('networkidle').catch(() => undefined);
  await axe(page, name);
  const size = page.viewportSize();
  await page.setViewportSize(phone);
  await page.screenshot({ path: join(results, `${name}-phone.png`), fullPage: true });
  await page.setViewportSize(desktop);
  await page.screenshot({ path: join(results, `${name}-desktop.png`), fullPage: true });
  await page.setViewportSize(size);
}

async function expectText(locator, text, what) {
  try {
    await locator.filter({ hasText: text }).first().waitFor({ timeout: 30000 });
  } catch {
    const seen = await locator.allInnerTexts().catch(() => []);
    throw new Error(`${what}: expected "${text}", saw ${JSON.stringify(seen)}`);
  }
}

async function signUp(page, base, name, email) {
  await page.goto(`${base}/`);
  await page.getByTestId('to-register').click();
  await page.fill('input[name=name]', name);
  await page.fill('input[name=email]', email);
  await page.fill('input[name=password]', 'Secret#123');
  await page.fill('input[name=password_confirmation]', 'Secret#123');
  await page.click('button[type=submit]');
  await page.waitForURL(/\/app\/setup/);
}

async function setUp(page, workspace, wallet, balance) {
  await page.fill('input[name=workspace]', workspace);
  await page.fill('input[name=wallet]', wallet);
  await page.fill('input[name=balance]', balance);
  await page.click('button[type=submit]');
  await page.waitForURL(/\/app\/dashboard/);
}

async function addEntry(page, base, type, fields) {
  await page.goto(`${base}/app/entry`);
  await page.getByTestId(`type-${type}`).click();
  await page.fill('input[name=amount]', fields.amount);
  if (fields.wallet) await page.selectOption('select[name=wallet]', { label: fields.wallet });
  if (fields.to) await page.selectOption('select[name=to_wallet]', { label: fields.to });
  if (fields.category) await page.selectOption('select[name=category]', { index: 1 });
  if (fields.payee) await page.fill('input[name=payee]', fields.payee);
  if (fields.goal) await page.selectOption('select[name=goal]', { label: fields.goal });
  if (fields.labels) await page.fill('input[name=labels]', fields.labels);
  if (fields.note) await page.fill('input[name=note]', fields.note);
  if (fields.template) {
    await page.getByTestId('save-template').click();
    await expectText(page.getByTestId('form-message'), 'Template saved', 'template');
  }
  await page.getByTestId('save-entry').click();
  await page.waitForURL(/\/app\/entries/);
}

async function walletBalance(page, base, name) {
  await page.goto(`${base}/app/wallets`);
  const row = page.getByTestId('wallet').filter({ has: page.getByTestId('wallet-name').getByText(name, { exact: true }) });
  await row.first().waitFor();
  return (await row.first().getByTestId('wallet-balance').innerText()).trim();
}

async function expectBalance(page, base, name, expected) {
  for (let i = 0; i < 20; i++) {
    const seen = await walletBalance(page, base, name);
    if (seen === expected) return;
    if (i === 19) throw new Error(`wallet ${name}: expected ${expected}, saw ${seen}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

/** The current TOTP code (RFC 6238: SHA-1, 6 digits, 30 s) of a base32 authenticator key, as an app computes it. */
function totp(key) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  const bits = [...key.replace(/[\s=]/g, '').toUpperCase()].map((c) => alphabet.indexOf(c).toString(2).padStart(5, '0')).join('');
  const secret = Buffer.from(bits.match(/.{8}/g).map((b) => parseInt(b, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(Date.now() / 30000)));
  const hash = createHmac('sha1', secret).update(counter).digest();
  const offset = hash[hash.length - 1] & 15;
  return String((hash.readUInt32BE(offset) & 0x7fffffff) % 1000000).padStart(6, '0');
}

/** The colour an element is drawn in, as the browser computed it (rgb(r, g, b)). */
function colorOf(locator) {
  return locator.evaluate((el) => getComputedStyle(el).color);
}

async function main() {
  mkdirSync(results, { recursive: true });
  const server = await startServer();
  const { base } = server;
  log(`server on ${base}`);
  const browser = await chromium.launch({ executablePath: browserPath, args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu'] });
  try {
    const ann = await browser.newContext({ viewport: phone, locale: 'en-GB', timezoneId: 'Europe/Rome' });
    // Generous timeouts: the suite shares two cores with the rest of the tests.
    ann.setDefaultTimeout(60000);
    ann.setDefaultNavigationTimeout(60000);
    const page = await ann.newPage();
    pages.push(page);
    page.on('dialog', (d) => d.accept());
    page.on('pageerror', (e) => log(`page error: ${e.message}`));

    // Login screen: what the browser loads first.
    const scripts = [];
    page.on('response', (r) => r.url().endsWith('.js') && scripts.push(r.url()));
    await page.goto(`${base}/`);
    await page.waitForURL(/\/app\/auth\/login/);
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    log(`login screen loads ${scripts.length} script(s)`);
    await check(page, 'login');

    log('sign up, set up a workspace');
    await signUp(page, base, 'Ann', 'ann@example.com');
    await check(page, 'setup');
    await setUp(page, 'Home', 'Bank', '1000');
    await expectText(page.getByTestId('total-balance'), '€1,000.00', 'dashboard balance');

    log('confirm the e-mail address from the mail the server wrote');
    await page.goto(await mailLink(server.data, 'ann@example.com', '/app/auth/confirm/'));
    await page.getByTestId('confirmed').waitFor();

    log('add a wallet and a goal');
    await page.goto(`${base}/app/wallets`);
    await page.getByTestId('new-wallet').click();
    await page.fill('input[name=name]', 'Cash');
    await page.selectOption('select[name=type]', 'cache');
    await page.fill('input[name=balance]', '50');
    await page.getByTestId('save-wallet').click();
    await expectText(page.getByTestId('wallet-name'), 'Cash', 'the new wallet');
    await expectBalance(page, base, 'Cash', '€50.00');
    await check(page, 'wallets');
    await page.goto(`${base}/app/goals`);
    await page.getByTestId('new-goal').click();
    await page.fill('input[name=name]', 'Holiday');
    await page.fill('input[name=amount]', '500');
    await page.getByTestId('save-goal').click();
    await page.getByTestId('goal').first().waitFor();

    log('add each kind of entry');
    await page.goto(`${base}/app/entry`);
    await check(page, 'entry-form');
    await addEntry(page, base, 'expenses', { amount: '12,50', wallet: 'Bank (EUR)', category: true, labels: 'food', note: 'Groceries', template: true });
    await page.goto(`${base}/app/entry`);
    await page.locator('select[name=template] option', { hasText: 'Groceries' }).waitFor({ state: 'attached' });
    await addEntry(page, base, 'incoming', { amount: '200', wallet: 'Bank (EUR)', category: true, note: 'Salary' });
    await addEntry(page, base, 'transfer', { amount: '100', wallet: 'Bank (EUR)', to: 'Cash (EUR)' });
    await addEntry(page, base, 'debit', { amount: '30', wallet: 'Bank (EUR)', payee: 'Bob' });
    await addEntry(page, base, 'saving', { amount: '40', wallet: 'Bank (EUR)', goal: 'Holiday' });
    await expectText(page.getByTestId('entry'), 'Groceries', 'entries list');
    await check(page, 'entries');
    // 1000 - 12.50 + 200 - 100 - 30 - 40 and 50 + 100
    await expectBalance(page, base, 'Bank', '€1,017.50');
    await expectBalance(page, base, 'Cash', '€150.00');
    await page.goto(`${base}/app/dashboard`);
    await expectText(page.getByTestId('total-balance'), '€1,167.50', 'dashboard balance');
    await expectText(page.getByTestId('month-expenses'), '12.50', 'month expenses');
    await page.goto(`${base}/app/payees`);
    await expectText(page.getByTestId('payee-status'), 'owes you €30.00', 'debts');
    await check(page, 'debts');
    await page.goto(`${base}/app/goals`);
    await expectText(page.getByTestId('goal-balance'), '€40.00', 'goal balance');
    await check(page, 'goals');

    log('edit a goal');
    await page.getByRole('button', { name: 'Edit: Holiday' }).click();
    await page.getByTestId('goal-form').waitFor();
    await page.fill('input[name=name]', 'Summer holiday');
    await page.fill('input[name=amount]', '600');
    await check(page, 'goal-edit');
    await page.getByTestId('save-goal').click();
    await expectText(page.getByTestId('goal-name'), 'Summer holiday', 'the renamed goal');
    await expectText(page.getByTestId('goal-balance'), '€40.00 / €600.00', 'the new target');
    if ((await page.getByTestId('goal').count()) !== 1) throw new Error('editing the goal made a second one');

    log('a budget, exceeded');
    await page.goto(`${base}/app/budgets`);
    await page.getByTestId('new-budget').click();
    await page.fill('input[name=name]', 'Food');
    await page.fill('input[name=amount]', '10');
    await page.getByTestId('save-budget').click();
    await page.getByTestId('budget-exceeded').waitFor();
    await check(page, 'budgets');

    log('edit the budget: a larger amount is no longer exceeded');
    await page.getByRole('button', { name: 'Edit: Food' }).click();
    await page.getByTestId('budget-form').waitFor();
    if ((await page.inputValue('input[name=amount]')) !== '10.00') throw new Error('the budget form was not filled from the budget');
    await page.fill('input[name=name]', 'Food and drinks');
    await page.fill('input[name=amount]', '100');
    await check(page, 'budget-edit');
    await page.getByTestId('save-budget').click();
    await expectText(page.getByTestId('budget-name'), 'Food and drinks', 'the renamed budget');
    await expectText(page.getByTestId('budget-amount'), '€100.00', 'the new budget amount');
    await page.getByTestId('budget-exceeded').waitFor({ state: 'detached' });
    if ((await page.getByTestId('budget').count()) !== 1) throw new Error('editing the budget made a second one');
    // Back to 10 (exceeded again), so the dashboard shows it at risk.
    await page.getByRole('button', { name: 'Edit: Food and drinks' }).click();
    await page.fill('input[name=name]', 'Food');
    await page.fill('input[name=amount]', '10');
    await page.getByTestId('save-budget').click();
    await page.getByTestId('budget-exceeded').waitFor();
    await page.goto(`${base}/app/dashboard`);
    await expectText(page.getByTestId('budget-at-risk'), 'Food', 'budgets at risk');
    await page.locator('canvas').first().waitFor();
    await check(page, 'dashboard');
    await page.goto(`${base}/app/stats`);
    await page.getByTestId('category-row').first().waitFor();
    await page.locator('canvas').first().waitFor();
    // By wallet: the salary came into Bank; Cash only moved money by transfer, so it has no row.
    await expectText(page.getByTestId('wallet-stat-row').filter({ hasText: 'Bank' }), '€200.00', 'income by wallet');
    if ((await page.getByTestId('wallet-stat-row').filter({ hasText: 'Cash' }).count()) !== 0) throw new Error('a wallet without income or expenses has a statistics row');
    await check(page, 'stats');
    await page.goto(`${base}/app/labels`);
    await expectText(page.getByTestId('label'), 'food', 'labels');
    await check(page, 'labels');

    log('search the entries by label');
    await page.goto(`${base}/app/entries`);
    await page.getByTestId('entry').first().waitFor();
    await page.locator('details.card summary').click();
    await page.getByTestId('label-filter-food').check();
    await page.getByRole('button', { name: 'Apply' }).click();
    await expectText(page.getByTestId('entries-total'), '1 entries', 'entries with the label');
    await expectText(page.getByTestId('entry'), 'Groceries', 'the labelled entry');
    if ((await page.getByTestId('entry').count()) !== 1) throw new Error('the label search found entries without the label');
    await check(page, 'entries-by-label');

    log('templates: edit the one saved from the entry form');
    await page.goto(`${base}/app/templates`);
    await page.getByRole('button', { name: 'Edit: Groceries' }).click();
    await page.fill('input[name=amount]', '15');
    await page.getByTestId('save-template').click();
    await expectText(page.getByTestId('template-amount'), '-€15.00', 'the template amount');
    await check(page, 'templates');

    log('a planned entry and an exchange rate');
    await page.goto(`${base}/app/planned-entries`);
    await page.getByTestId('new-plan').click();
    await page.fill('input[name=amount]', '500');
    await page.fill('input[name=note]', 'Rent');
    // Starts next year: the jobs worker would otherwise write today's occurrence and move the balances.
    await page.fill('input[name=start]', `${new Date().getFullYear() + 1}-01-01T09:00`);
    await page.getByTestId('save-plan').click();
    await expectText(page.getByTestId('plan'), 'Rent', 'planned entries');
    await check(page, 'planned');
    await page.goto(`${base}/app/rates`);
    await page.selectOption('select[name=currency]', 'USD');
    await page.fill('input[name=rate]', '0,92');
    await page.getByTestId('save-rate').click();
    await expectText(page.getByTestId('rate'), '1 USD = 0.92 EUR', 'exchange rates');
    await check(page, 'rates');

    log('switch the language');
    await page.goto(`${base}/app/settings`);
    // The switch also saves the account's language (that of its e-mails).
    const savedItalian = page.waitForResponse((r) => r.url().endsWith('/api/auth/profile') && r.request().method() === 'PUT');
    await page.selectOption('[data-testid=language]', 'it');
    const italianProfile = await (await savedItalian).json();
    if (italianProfile.locale !== 'it') throw new Error(`the account's language after switching to Italian: ${JSON.stringify(italianProfile)}`);
    await page.getByRole('heading', { name: 'Impostazioni' }).waitFor();
    await expectText(page.getByTestId('nav-dashboard'), 'Riepilogo', 'Italian navigation');
    await check(page, 'settings-it');
    await page.goto(`${base}/app/dashboard`);
    await expectText(page.getByTestId('total-balance'), '1167,50 €', 'Italian amounts');
    await page.goto(`${base}/app/stats`);
    await expectText(page.getByTestId('category-row'), 'Bar e locali', 'Italian category names');
    await page.goto(`${base}/app/settings`);
    const savedEnglish = page.waitForResponse((r) => r.url().endsWith('/api/auth/profile') && r.request().method() === 'PUT');
    await page.selectOption('[data-testid=language]', 'en');
    if ((await (await savedEnglish).json()).locale !== 'en') throw new Error("the account's language after switching back to English");
    await page.getByRole('heading', { name: 'Settings' }).waitFor();

    log('profile: a new name (kept by the server), a password change (refused with a wrong current password), sign-in with the new one');
    await page.fill('[data-testid=profile-name]', 'Ann Smith');
    await page.getByTestId('save-profile').click();
    await page.getByTestId('profile-saved').waitFor();
    await expectText(page.getByTestId('account-name'), 'Ann Smith', 'the new name');
    await page.reload();
    await expectText(page.getByTestId('account-name'), 'Ann Smith', 'the new name after a reload');
    const passwordForm = page.getByTestId('password-form');
    await passwordForm.locator('input[name=current_password]').fill('Wrong#123');
    await passwordForm.locator('input[name=password]').fill('Changed#456');
    await passwordForm.locator('input[name=password_confirmation]').fill('Changed#456');
    await page.getByTestId('change-password').click();
    await expectText(passwordForm.getByTestId('form-error'), 'current_password', "the API's refusal of a wrong current password");
    await passwordForm.locator('input[name=current_password]').fill('Secret#123');
    await page.getByTestId('change-password').click();
    await page.getByTestId('password-changed').waitFor();
    await check(page, 'settings-profile');
    const device = await browser.newContext({ viewport: desktop, locale: 'en-GB', timezoneId: 'Europe/Rome' });
    device.setDefaultTimeout(60000);
    device.setDefaultNavigationTimeout(60000);
    const other = await device.newPage();
    pages.push(other);
    await other.goto(`${base}/`);
    await other.waitForURL(/\/app\/auth\/login/);
    await other.fill('input[name=email]', 'ann@example.com');
    await other.fill('input[name=password]', 'Secret#123');
    await other.click('button[type=submit]');
    await other.getByTestId('form-error').waitFor();
    await other.fill('input[name=password]', 'Changed#456');
    await other.click('button[type=submit]');
    await other.waitForURL(/\/app\/dashboard/);
    await expectText(other.getByTestId('workspace-name'), 'Home', 'signed in with the new password');
    await device.close();
    // The session that changed the password goes on.
    await page.goto(`${base}/app/dashboard`);
    await expectText(page.getByTestId('total-balance'), '€1,167.50', 'the same session after the password change');
    await page.goto(`${base}/app/settings`);

    log('two-factor setup: a QR code of the key, the key as text, enabled with a TOTP code');
    await page.getByRole('button', { name: 'Set up two-factor authentication' }).click();
    const qr = page.getByRole('img', { name: 'QR code of the two-factor key for your authenticator app' });
    await qr.waitFor();
    const qrSource = await qr.getAttribute('src');
    if (!qrSource?.startsWith('data:image/svg+xml') || (await qr.evaluate((img) => img.naturalWidth)) === 0) throw new Error(`the QR code is not an image: ${qrSource?.slice(0, 60)}`);
    const sharedKey = (await page.getByTestId('two-factor-key').innerText()).trim();
    if (!/^[A-Z2-7 ]{16,}$/i.test(sharedKey)) throw new Error(`the key for manual entry: ${sharedKey}`);
    await check(page, 'two-factor-setup');
    await page.fill('input[name=otp]', totp(sharedKey));
    await page.getByRole('button', { name: 'Turn on' }).click();
    await expectText(page.getByTestId('two-factor-state'), 'Two-factor authentication is on.', 'two-factor enabled');
    if ((await page.getByTestId('two-factor-qr').count()) !== 0) throw new Error('the QR code stays shown after enabling');

    log('share the workspace with a second user');
    const bobContext = await browser.newContext({ viewport: desktop, locale: 'en-GB', timezoneId: 'Europe/Rome' });
    bobContext.setDefaultTimeout(60000);
    bobContext.setDefaultNavigationTimeout(60000);
    const bob = await bobContext.newPage();
    pages.push(bob);
    bob.on('dialog', (d) => d.accept());
    await signUp(bob, base, 'Bob', 'bob@example.com');
    await setUp(bob, 'Bob home', 'Wallet', '0');
    await bob.goto(await mailLink(server.data, 'bob@example.com', '/app/auth/confirm/'));
    await bob.getByTestId('confirmed').waitFor();
    await page.goto(`${base}/app/members`);
    await page.fill('input[name=email]', 'bob@example.com');
    await page.getByTestId('share').click();
    await page.getByTestId('share-message').waitFor();
    await expectText(page.getByTestId('member'), 'bob@example.com', 'members');
    await check(page, 'members');
    await bob.goto(`${base}/app/settings`);
    await bob.reload();
    await bob.locator('[data-testid=workspace-switch] option', { hasText: 'Home' }).first().waitFor({ state: 'attached' });
    const home = await bob.locator('[data-testid=workspace-switch] option', { hasText: /^Home$/ }).getAttribute('value');
    await bob.selectOption('[data-testid=workspace-switch]', home);
    await expectText(bob.getByTestId('workspace-name'), 'Home', 'Bob sees the shared workspace');
    await expectBalance(bob, base, 'Bank', '€1,017.50');

    log('workspace deletion: only the owner, after typing its name');
    await bob.goto(`${base}/app/settings`);
    await bob.getByTestId('workspace-switch').waitFor();
    if ((await bob.getByTestId('delete-workspace-form').count()) !== 0) throw new Error('a member is offered to delete the shared workspace');
    const own = await bob.locator('[data-testid=workspace-switch] option', { hasText: 'Bob home' }).getAttribute('value');
    await bob.selectOption('[data-testid=workspace-switch]', own);
    await bob.getByTestId('delete-workspace-form').waitFor();
    await bob.fill('input[name=confirm_workspace]', 'Bob');
    await bob.getByTestId('delete-workspace').click();
    await expectText(bob.getByTestId('delete-workspace-form').getByTestId('form-error'), 'The name does not match', 'a wrong name');
    await bob.fill('input[name=confirm_workspace]', 'Bob home');
    await check(bob, 'workspace-delete');
    await bob.getByTestId('delete-workspace').click();
    await expectText(bob.getByTestId('workspace-deleted'), 'Workspace Bob home deleted', 'the deletion');
    const left = await bob.locator('[data-testid=workspace-switch] option').allInnerTexts();
    if (left.some((name) => name.trim() === 'Bob home')) throw new Error(`the deleted workspace is still listed: ${JSON.stringify(left)}`);
    await bobContext.close();
    await page.goto(`${base}/app/members`);
    await page.selectOption('select[aria-label="Role: Bob"]', 'viewer');
    await page.waitForLoadState('networkidle');
    await page.reload();
    const role = await page.locator('select[aria-label="Role: Bob"]').inputValue();
    if (role !== 'viewer') throw new Error(`Bob's role: expected viewer, saw ${role}`);

    log('edit a wallet: name and colour, seen in the list and on the dashboard');
    await page.goto(`${base}/app/wallets`);
    await page.getByRole('button', { name: 'Edit: Cash' }).click();
    await page.getByTestId('wallet-form').waitFor();
    if ((await page.inputValue('input[name=name]')) !== 'Cash') throw new Error('the wallet form was not filled from the wallet');
    // A wallet with entries keeps its currency: the API's problem details show in the form.
    await page.selectOption('select[name=currency]', 'USD');
    await page.getByTestId('save-wallet').click();
    await expectText(page.getByTestId('wallet-form').getByTestId('form-error'), 'cannot change', 'the refused currency change');
    await page.selectOption('select[name=currency]', 'EUR');
    await page.fill('input[name=name]', 'Pocket money');
    await page.fill('input[name=color]', '#aa3300');
    await check(page, 'wallet-edit');
    await page.getByTestId('save-wallet').click();
    await page.getByTestId('wallet-form').waitFor({ state: 'detached' });
    const pocket = page.getByTestId('wallet').filter({ has: page.getByTestId('wallet-name').getByText('Pocket money', { exact: true }) });
    await pocket.waitFor();
    if ((await colorOf(pocket.getByTestId('wallet-color'))) !== 'rgb(170, 51, 0)') throw new Error(`wallet colour in the list: ${await colorOf(pocket.getByTestId('wallet-color'))}`);
    if ((await page.getByTestId('wallet-name').getByText('Cash', { exact: true }).count()) !== 0) throw new Error('the old wallet name is still listed');
    await expectBalance(page, base, 'Pocket money', '€150.00');
    await page.goto(`${base}/app/dashboard`);
    const onDashboard = page.getByTestId('dashboard-wallet').filter({ hasText: 'Pocket money' });
    await onDashboard.waitFor();
    if ((await colorOf(onDashboard.getByTestId('dashboard-wallet-color'))) !== 'rgb(170, 51, 0)') throw new Error('wallet colour on the dashboard');
    // The planned rent (starting next year) is among the upcoming planned entries.
    await expectText(page.getByTestId('upcoming-plan'), 'Rent', 'upcoming planned entries');
    await check(page, 'dashboard-upcoming');

    log('a credit card: created with its card fields, then edited into a revolving card with an instalment');
    const nextYear = new Date().getFullYear() + 1; // dates to come: no card job runs during the test
    await page.goto(`${base}/app/wallets`);
    await page.getByTestId('new-wallet').click();
    await page.fill('input[name=name]', 'Visa');
    await page.selectOption('select[name=type]', 'credit-card');
    await page.selectOption('select[name=payment_account]', { label: 'Bank' });
    await page.fill('input[name=closing_date]', `${nextYear}-01-25`);
    await page.fill('input[name=invoice_date]', `${nextYear}-02-10`);
    await page.getByTestId('save-wallet').click();
    await page.getByTestId('wallet-form').waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'Edit: Visa' }).click();
    if ((await page.inputValue('input[name=closing_date]')) !== `${nextYear}-01-25`) throw new Error('the card form was not filled from the card');
    await page.selectOption('select[name=type]', 'credit-card-revolving');
    await page.fill('input[name=installement_value]', '50');
    await page.fill('input[name=closing_date]', `${nextYear}-01-20`);
    await page.getByTestId('save-wallet').click();
    await page.getByTestId('wallet-form').waitFor({ state: 'detached' });
    await expectText(page.getByTestId('wallet').filter({ hasText: 'Visa' }), 'Revolving credit card', 'the card made revolving');
    await page.getByRole('button', { name: 'Edit: Visa' }).click();
    const card = [await page.inputValue('select[name=type]'), await page.inputValue('input[name=installement_value]'), await page.inputValue('input[name=closing_date]')];
    if (card.join() !== ['credit-card-revolving', '50.00', `${nextYear}-01-20`].join()) throw new Error(`the edited card: ${card}`);
    await page.getByRole('button', { name: 'Cancel' }).click();

    log('go offline and back');
    // Open the edit form of the salary once online, so its data is in the offline cache.
    await page.goto(`${base}/app/entries`);
    const salary = page.getByTestId('entry').filter({ hasText: 'Salary' });
    await salary.getByRole('link', { name: 'Edit' }).click();
    await page.waitForURL(/\/app\/entry\//);
    await page.waitForFunction(() => document.querySelector('input[name=amount]')?.value === '200.00');
    await page.goto(`${base}/app/entries`);
    await page.getByTestId('entry').first().waitFor();
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
    await page.reload(); // now controlled by the service worker
    await page.getByTestId('entry').first().waitFor();
    await ann.setOffline(true);
    await page.reload();
    await page.getByTestId('entry').first().waitFor();
    await page.getByTestId('offline-banner').waitFor();
    await check(page, 'offline-entries');
    await salary.getByRole('link', { name: 'Edit' }).click();
    await page.waitForFunction(() => document.querySelector('input[name=amount]')?.value === '200.00');
    await page.fill('input[name=amount]', '250');
    await page.getByTestId('save-entry').click();
    await expectText(page.getByTestId('form-message'), 'Saved offline', 'the offline edit');
    await page.getByTestId('nav-entry-new').click();
    await page.waitForURL(/\/app\/entry$/);
    await page.fill('input[name=amount]', '5');
    await page.fill('input[name=note]', 'Coffee offline');
    await page.getByTestId('save-entry').click();
    await page.getByTestId('form-message').waitFor();
    await expectText(page.getByTestId('queued-banner'), '2 change(s) waiting', 'the queue');
    await page.locator('[data-testid=queue] summary').click();
    await expectText(page.getByTestId('queued-write'), 'Edit of Salary', 'the queued edit');
    await expectText(page.getByTestId('queued-write'), 'New Expense', 'the queued entry');
    await check(page, 'offline-queue');
    log('queued writes show in the entries list, marked pending');
    await page.getByTestId('nav-entries').click();
    await page.waitForURL(/\/app\/entries/);
    const pendingCoffee = page.getByTestId('entry').filter({ hasText: 'Coffee offline' });
    await pendingCoffee.first().waitFor();
    await expectText(pendingCoffee.getByTestId('entry-pending'), 'pending', 'the queued entry marked pending');
    if ((await page.getByTestId('entry').first().innerText()).indexOf('Coffee offline') < 0) throw new Error('the queued entry is not at the top of the list');
    await expectText(page.getByTestId('entry').filter({ hasText: 'Salary' }).getByTestId('entry-pending'), 'change pending', 'the queued edit marked pending');
    await expectText(page.getByTestId('entry').filter({ hasText: 'Salary' }).getByTestId('entry-amount'), '€250.00', 'the queued edit\'s amount');
    await check(page, 'offline-pending');
    await ann.setOffline(false);
    await page.getByTestId('queued-banner').waitFor({ state: 'detached', timeout: 30000 });
    // The server's rows replace the pending ones: the entry once, no longer marked.
    await page.waitForFunction(() => {
      const rows = [...document.querySelectorAll('[data-testid=entry]')];
      return rows.every((r) => !r.hasAttribute('data-pending')) && rows.filter((r) => r.textContent?.includes('Coffee offline')).length === 1;
    }, undefined, { timeout: 30000 });
    if ((await page.getByTestId('refused-write').count()) !== 0) throw new Error(`a queued write was refused: ${await page.getByTestId('refused-write').allInnerTexts()}`);
    // 1017.50 + 50 more salary - 5 coffee
    await expectBalance(page, base, 'Bank', '€1,062.50');
    await page.goto(`${base}/app/entries`);
    await expectText(page.getByTestId('entry'), 'Coffee offline', 'the offline entry');
    const coffee = await page.getByTestId('entry').filter({ hasText: 'Coffee offline' }).count();
    if (coffee !== 1) throw new Error(`the offline entry was written ${coffee} times`);
    const salaries = await page.getByTestId('entry').filter({ hasText: 'Salary' }).allInnerTexts();
    if (salaries.length !== 1 || !salaries[0].includes('€250.00')) throw new Error(`the offline edit: ${JSON.stringify(salaries)}`);
    await ann.close();
  } catch (error) {
    for (const [i, p] of pages.entries()) {
      if (p.isClosed()) continue;
      await p.screenshot({ path: join(results, `failure-${i}.png`), fullPage: true }).catch(() => undefined);
      log(`page ${i} at ${p.url()}: ${(await p.locator('main').innerText().catch(() => '')).slice(0, 600)}`);
      log(`page ${i} errors: ${await p.locator('[role=alert]').allInnerTexts().catch(() => [])}`);
    }
    throw error;
  } finally {
    await browser.close();
    server.child.kill('SIGTERM');
    await new Promise((r) => (server.child.exitCode !== null ? r() : server.child.once('exit', r)));
    rmSync(server.root, { recursive: true, force: true });
  }
  if (a11yProblems.length > 0) {
    throw new Error(`axe-core found serious or critical violations:\n${a11yProblems.join('\n')}`);
  }
  log('all browser scenarios passed');
}

main().catch((error) => {
  console.error(`[e2e] FAILED: ${error.stack ?? error}`);
  process.exit(1);
});
