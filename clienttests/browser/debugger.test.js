// debugger.test.js: JupyterLab 4's debugger panel drives the gocalc kernel
// the way a person does (issue 13): the bug button in the notebook's toolbar
// turns the debugger on, a click in a cell's gutter sets a breakpoint, the
// cell stops there, the call stack and the variables panel show the
// function's frame and its values, Continue lets the cell finish; with
// "pause on exceptions" set to panics, a panicking cell stops where it
// panicked, then reports its panic. Started by
// run.sh, as browser.test.js is: JUPYTER_URL, JUPYTER_TOKEN, ARTIFACTS
// (screenshots) and BROWSER_TMP (a throwaway dir for the profile).
'use strict';

const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { chromium } = require('playwright-core');

const env = (name) => {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set: start this test through run.sh`);
  return v;
};
const base = env('JUPYTER_URL');
const token = env('JUPYTER_TOKEN');
const artifacts = env('ARTIFACTS');
const tmp = env('BROWSER_TMP');

const kernelDisplayName = 'Go (gocalc)';
const second = 1000;
const kernelStart = 60 * second;
const cellRun = 30 * second;

// The notebook of this test, written through the contents API so that the
// cell's lines are exactly these (typing would meet the editor's
// auto-indent). The breakpoint goes on `return y` (line 3): the cell stops
// inside double, called from the cell.
const notebookName = 'debugger.ipynb';
const cellCode = [
  'func double(x int) int {',
  '\ty := x * 2',
  '\treturn y',
  '}',
  '',
  'a := 20',
  'b := double(a + 1)',
  'fmt.Println("b =", b)',
].join('\n');
const breakLine = 3;
// A second cell that panics, for "pause on exceptions".
const panicCode = [
  'func at(xs []int, i int) int {',
  '\treturn xs[i]',
  '}',
  '',
  'fmt.Println(at([]int{1}, 3))',
].join('\n');

let context;
let page;
const consoleLog = [];
const debugLog = [];
let lastBreakpoints = null; // the breakpoints of the last setBreakpoints reply
let lastExceptionBreakpoints = null; // those of the last setExceptionBreakpoints reply
let lastStopped = null; // the body of the last stopped event

before(async () => {
  fs.mkdirSync(artifacts, { recursive: true });
  context = await chromium.launchPersistentContext(path.join(tmp, 'chromium-profile-debugger'), {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
    viewport: { width: 1400, height: 1000 },
  });
  page = context.pages()[0] || (await context.newPage());
  page.on('console', (m) => consoleLog.push(`${m.type()}: ${m.text()}`));
  page.on('pageerror', (e) => consoleLog.push(`pageerror: ${e.message}`));
  page.on('websocket', (ws) => {
    if (!ws.url().includes('/api/kernels/')) return;
    ws.on('framesent', (f) => logDebugMessage('->', f.payload));
    ws.on('framereceived', (f) => logDebugMessage('<-', f.payload));
  });
});

after(async () => {
  fs.writeFileSync(path.join(artifacts, 'debugger-console.log'), consoleLog.join('\n') + '\n');
  fs.writeFileSync(path.join(artifacts, 'debugger-messages.log'), debugLog.join('\n') + '\n');
  if (context) await context.close();
});

// decodeKernelMessage reads a kernel websocket frame: JSON, or JupyterLab's
// v1 binary framing (a count, offsets, then channel, header, parent_header,
// metadata, content and buffers). It returns null for what it cannot read.
function decodeKernelMessage(payload) {
  try {
    if (typeof payload === 'string') return JSON.parse(payload);
    const n = Number(payload.readBigUInt64LE(0));
    const off = [];
    for (let i = 1; i <= n; i++) off.push(Number(payload.readBigUInt64LE(8 * i)));
    off.push(payload.length);
    const part = (i) => payload.subarray(off[i], off[i + 1]).toString('utf8');
    return { channel: part(0), header: JSON.parse(part(1)), content: JSON.parse(part(4)) };
  } catch {
    return null;
  }
}

// logDebugMessage keeps the DAP messages crossing the kernel websocket
// (debug_request, debug_reply, debug_event), for diagnosing failures.
function logDebugMessage(dir, payload) {
  const msg = decodeKernelMessage(payload);
  if (!msg || !msg.header || !/^debug_/.test(msg.header.msg_type)) return;
  if (msg.header.msg_type === 'debug_reply' && msg.content.command === 'setBreakpoints' && msg.content.body) {
    lastBreakpoints = msg.content.body.breakpoints;
  }
  if (msg.header.msg_type === 'debug_reply' && msg.content.command === 'setExceptionBreakpoints' && msg.content.body) {
    lastExceptionBreakpoints = msg.content.body.breakpoints;
  }
  if (msg.header.msg_type === 'debug_event' && msg.content.event === 'stopped') {
    lastStopped = msg.content.body;
  }
  debugLog.push(`${new Date().toISOString()} ${dir} ${msg.header.msg_type} ${JSON.stringify(msg.content).slice(0, 600)}`);
}

async function shot(name) {
  await page.screenshot({ path: path.join(artifacts, name) });
}

// step runs fn and saves a screenshot named after it when it fails.
async function step(name, fn) {
  try {
    await fn();
  } catch (err) {
    await shot(`failed-${name}.png`).catch(() => {});
    throw err;
  }
}

const panel = () => page.locator('.jp-NotebookPanel:visible');
const indicator = () => panel().locator('.jp-Notebook-ExecutionIndicator');
const waitIdle = (timeout) => indicator().and(page.locator('[data-status="idle"]')).waitFor({ timeout });

// chooseKernelIfAsked answers JupyterLab's kernel dialog with gocalc, if it
// shows one, and waits for the notebook's gocalc kernel to be idle.
async function chooseKernelIfAsked() {
  const dialog = page.locator('.jp-Dialog');
  const named = panel().locator('.jp-KernelName', { hasText: kernelDisplayName });
  await dialog.or(named).first().waitFor({ timeout: kernelStart });
  if (await dialog.isVisible()) {
    const select = dialog.locator('select');
    const option = select.locator('option', { hasText: kernelDisplayName });
    await select.selectOption(await option.getAttribute('value'));
    await dialog.locator('.jp-mod-accept').click();
  }
  await named.waitFor({ timeout: kernelStart });
  await waitIdle(kernelStart);
}

async function prompt(cell) {
  return (await cell.locator('.jp-InputPrompt').innerText()).trim();
}

async function waitPrompt(cell, re, timeout) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const p = await prompt(cell);
    if (re.test(p)) return p;
    if (Date.now() > deadline) throw new Error(`prompt is ${p}, want ${re} within ${timeout} ms`);
    await page.waitForTimeout(100);
  }
}

// waitText polls what read returns until it matches re.
async function waitText(what, read, re, timeout) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const text = await read().catch(() => '');
    if (re.test(text)) return text;
    if (Date.now() > deadline) throw new Error(`${what} reads ${JSON.stringify(text)}, want ${re} within ${timeout} ms`);
    await page.waitForTimeout(100);
  }
}

// writeNotebook puts the test's notebook into JupyterLab's root dir.
async function writeNotebook() {
  const nb = {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: {
      kernelspec: { name: 'gocalc', display_name: kernelDisplayName, language: 'go' },
      language_info: { name: 'go' },
    },
    cells: [
      { cell_type: 'code', id: 'debugged', metadata: {}, execution_count: null, outputs: [], source: cellCode },
      { cell_type: 'code', id: 'panics', metadata: {}, execution_count: null, outputs: [], source: panicCode },
    ],
  };
  const res = await page.request.put(`${base}/api/contents/${encodeURIComponent(notebookName)}`, {
    headers: { Authorization: `token ${token}` },
    data: { type: 'notebook', format: 'json', content: nb },
  });
  assert.ok(res.ok(), `PUT ${notebookName}: ${res.status()} ${await res.text()}`);
}

const sidebar = () => page.locator('#jp-debugger-sidebar');
const bugButton = () => panel().locator('.jp-DebuggerBugButton');

test('the debugger stops a cell at a breakpoint set in its gutter', { timeout: 180 * second }, async (t) => {
  const panelCell = (i) => panel().locator('.jp-Notebook .jp-CodeCell').nth(i);
  const cell = () => panelCell(0);

  await t.test('the debugger switch turns the debugger on', () => step('debugger-on', async () => {
    await writeNotebook();
    // A workspace of its own, emptied: the notebooks other tests left
    // open in the default one would come back as tabs.
    await page.goto(`${base}/lab/workspaces/debugger/tree/${encodeURIComponent(notebookName)}?token=${token}&reset`);
    await page.locator('.lm-TabBar-tab.jp-mod-current', { hasText: notebookName }).first().waitFor({ timeout: kernelStart });
    await cell().waitFor({ timeout: kernelStart });
    await chooseKernelIfAsked();
    const button = bugButton();
    await button.waitFor({ timeout: kernelStart });
    // Enabled once the kernel said it has a debugger (kernel_info).
    await waitText('the debugger switch', async () => String(await button.isEnabled()), /^true$/, kernelStart);
    await button.click();
    await waitText('the debugger switch', () => button.getAttribute('aria-pressed'), /^true$/, 10 * second);
    await sidebar().waitFor({ state: 'visible', timeout: 10 * second });
  }));

  await t.test('a click in the gutter sets a breakpoint', () => step('breakpoint', async () => {
    // The breakpoint gutter's first element is CodeMirror's spacer: line
    // n is element n.
    const gutter = cell().locator('.cm-gutters .cm-breakpoint-gutter .cm-gutterElement');
    await gutter.nth(breakLine).waitFor({ timeout: 10 * second });
    await gutter.nth(breakLine).click();
    const listed = sidebar().locator('.jp-DebuggerBreakpoints .jp-DebuggerBreakpoint');
    await listed.first().waitFor({ timeout: 10 * second });
    assert.equal(await listed.count(), 1, 'one breakpoint listed');
    // The kernel took it.
    await waitText('the setBreakpoints reply', async () => JSON.stringify(lastBreakpoints), /"verified":true/, 10 * second);
    assert.deepEqual(lastBreakpoints.map((b) => [b.line, b.verified]), [[breakLine, true]]);
    await shot('debugger-breakpoint.png');
  }));

  await t.test('the cell stops; the call stack and the variables show the frame', () => step('stopped', async () => {
    await cell().locator('.cm-content').click();
    await page.keyboard.press('Control+Enter');
    await waitPrompt(cell(), /\*/, 10 * second);
    const frames = sidebar().locator('.jp-DebuggerCallstack-body .jp-DebuggerCallstackFrame');
    await frames.first().waitFor({ timeout: cellRun });
    const names = (await frames.allInnerTexts()).map((s) => s.replace(/\s+/g, ' ').trim());
    assert.match(names[0], /double/, `the top frame is ${names[0]}; the call stack: ${names.join(' | ')}`);
    assert.match(names[0], new RegExp(`\\b${breakLine}\\b`), `the top frame's line: ${names[0]}`);
    // The caller: the cell's line b := double(a + 1).
    assert.equal(names.length, 2, `the call stack: ${names.join(' | ')}`);
    assert.match(names[1], /^cell .*\b7$/, `the caller's frame: ${names[1]}`);
    // The frames' sources are named as the notebook names the cell (it
    // runs: "Cell [*]"), not by the kernel's path for it.
    assert.match(names[0], /Cell \[\*\]:\d+$/, `the top frame's source: ${names[0]}`);
    assert.doesNotMatch(names.join(' '), /gocalc_ipykernel_/, `the call stack shows paths: ${names.join(' | ')}`);
    // The line the cell stopped at is highlighted in the cell.
    await cell().locator('.jp-DebuggerEditor-highlight').first().waitFor({ timeout: 10 * second });

    // The variables of the stopped frame: the Locals scope.
    const variables = sidebar().locator('.jp-DebuggerVariables');
    const scope = variables.getByLabel('Scope');
    if (await scope.count()) await scope.selectOption('Locals');
    const row = (name) => variables.getByRole('treeitem', { name: new RegExp(`^${name}:`) });
    await row('x').first().waitFor({ timeout: 10 * second });
    const text = (await variables.innerText()).replace(/\s+/g, ' ');
    assert.match(text, /\bx:?\s*21\b/, `the variables panel reads: ${text}`);
    assert.match(text, /\by:?\s*42\b/, `the variables panel reads: ${text}`);
    await shot('debugger-stopped.png');

    // The session's variables: a is there, with its value.
    if (await scope.count()) {
      await scope.selectOption('Globals');
      await row('a').first().waitFor({ timeout: 10 * second });
      const globals = (await variables.innerText()).replace(/\s+/g, ' ');
      assert.match(globals, /\ba:?\s*20\b/, `the Globals scope reads: ${globals}`);
      await shot('debugger-globals.png');
      await scope.selectOption('Locals');
    }
  }));

  await t.test('Continue lets the cell finish', () => step('continue', async () => {
    await sidebar().locator('jp-button[title^=Continue]').click();
    await waitPrompt(cell(), /^\[\d+\]/, cellRun);
    await waitIdle(cellRun);
    const out = (await cell().locator('.jp-OutputArea').innerText()).trim();
    assert.equal(out, 'b = 42');
    // Nothing is stopped any more, and the notebook says so.
    await waitText('the call stack', async () => String(await sidebar().locator('.jp-DebuggerCallstackFrame').count()), /^0$/, 10 * second);
    await panel().locator('.jp-DebuggerPausedOverlay').waitFor({ state: 'detached', timeout: 10 * second });
    await shot('debugger-continued.png');
  }));

  await t.test('pause on panics: a panicking cell stops, then reports its panic', () => step('panic', async () => {
    const second = panelCell(1);
    await sidebar().locator('.jp-PauseOnExceptions').click();
    await page.locator('.jp-PauseOnExceptions-menu .lm-Menu-item', { hasText: 'panic' }).click();
    await waitText('the setExceptionBreakpoints reply', async () => JSON.stringify(lastExceptionBreakpoints), /"verified":true/, 10 * second);
    await second.locator('.cm-content').click();
    await page.keyboard.press('Control+Enter');
    const frames = sidebar().locator('.jp-DebuggerCallstack-body .jp-DebuggerCallstackFrame');
    await frames.first().waitFor({ timeout: cellRun });
    assert.equal(lastStopped.reason, 'exception', JSON.stringify(lastStopped));
    assert.match(lastStopped.text, /index out of range/);
    const top = (await frames.first().innerText()).replace(/\s+/g, ' ');
    assert.match(top, /^at .*\b2$/, `the top frame: ${top}`);
    // Stopped before the panic unwound: the panicking frame's locals.
    const variables = sidebar().locator('.jp-DebuggerVariables');
    const scope = variables.getByLabel('Scope');
    if (await scope.count()) await scope.selectOption('Locals');
    await variables.getByRole('treeitem', { name: /^i:/ }).first().waitFor({ timeout: 10 * second });
    const locals = (await variables.innerText()).replace(/\s+/g, ' ');
    assert.match(locals, /\bi:?\s*3\b/, `the variables panel reads: ${locals}`);
    await second.scrollIntoViewIfNeeded();
    await shot('debugger-panic.png');
    await sidebar().locator('jp-button[title^=Continue]').click();
    await waitPrompt(second, /^\[\d+\]/, cellRun);
    await waitIdle(cellRun);
    const out = (await second.locator('.jp-OutputArea').innerText()).trim();
    assert.match(out, /index out of range/, `the cell's output: ${out}`);
    await panel().locator('.jp-DebuggerPausedOverlay').waitFor({ state: 'detached', timeout: 10 * second });
    await shot('debugger-panic-reported.png');
  }));

  await t.test('with the debugger off, the cell runs through', () => step('debugger-off', async () => {
    await bugButton().click();
    await waitText('the debugger switch', () => bugButton().getAttribute('aria-pressed'), /^false$/, 10 * second);
    const before = await prompt(cell());
    await cell().locator('.cm-content').click();
    await page.keyboard.press('Control+Enter');
    await waitText('the prompt', () => prompt(cell()), new RegExp(`^\\[\\d+\\]`), cellRun);
    await waitText('the prompt', async () => String((await prompt(cell())) !== before), /^true$/, cellRun);
    await waitIdle(cellRun);
    assert.equal((await cell().locator('.jp-OutputArea').innerText()).trim(), 'b = 42');
  }));
});
