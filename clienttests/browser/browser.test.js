// browser.test.js: JupyterLab 4 in headless chromium drives the gocalc kernel
// the way a person does (issue 7). Started by run.sh, which provides a running
// JupyterLab: JUPYTER_URL, JUPYTER_TOKEN, CHAPTER (a notebook in its root dir),
// ARTIFACTS (screenshots) and BROWSER_TMP (a throwaway dir for the profile).
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
const chapter = env('CHAPTER');
const artifacts = env('ARTIFACTS');
const tmp = env('BROWSER_TMP');

// The kernelspec's display name (install.DefaultDisplayName).
const kernelDisplayName = 'Go (gocalc)';

// Bounded waits, in milliseconds.
const second = 1000;
const kernelStart = 60 * second;
const chapterRun = 180 * second;
const cellRun = 30 * second;

// Cells typed into a new notebook. One line each: the editor auto-indents.
const cells = {
  first: 'fmt.Println("prêt")',
  completion: 'strings.ToUp',
  inspect: 'math.Sqrt',
  define: 'kept := 42',
  spin: 'for {}',
  afterInterrupt: 'fmt.Println("kept =", kept)',
  progress: 'p := display.NewProgress(50, "calcul"); for range 50 { p.Add(1); time.Sleep(20 * time.Millisecond) }; p.Done()',
  input: 'var s string; fmt.Scan(&s); fmt.Println("reçu:", s)',
  widget: 'x0 := widgets.NewFloatSlider("x0", -2, 2, 0.1, -1.5); widgets.Interact(func(a float64) *plotting.Figure { return plotting.New().Func(math.Sin, -3, 3, "-", "sin").Line([]float64{a - 1, a + 1}, []float64{math.Sin(a) - math.Cos(a), math.Sin(a) + math.Cos(a)}, "--", "tangent") }, x0)',
  widgetValue: 'fmt.Printf("x0 = %.2f\\n", x0.Value())',
  beforeRestart: 'gone := 7',
  afterRestart: 'fmt.Println(gone)',
};

let context;
let page;
const consoleLog = [];
const kernelLog = [];

before(async () => {
  fs.mkdirSync(artifacts, { recursive: true });
  // A fresh profile inside run.sh's throwaway dir; flags from the machine notes.
  context = await chromium.launchPersistentContext(path.join(tmp, 'chromium-profile'), {
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
  page.on('websocket', (ws) => {
    if (!ws.url().includes('/api/kernels/')) return;
    ws.on('framesent', (f) => logKernelMessage('->', f.payload));
    ws.on('framereceived', (f) => logKernelMessage('<-', f.payload));
  });
  page.on('pageerror', (e) => consoleLog.push(`pageerror: ${e.message}`));
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

// logKernelMessage notes a Jupyter message crossing the kernel websocket,
// with what complete and inspect said, for diagnosing failures.
function logKernelMessage(dir, payload) {
  const msg = decodeKernelMessage(payload);
  if (!msg || !msg.header) return;
  const type = msg.header.msg_type;
  let note = '';
  if (type === 'status') note = msg.content.execution_state;
  if (/^(complete|inspect)_/.test(type)) note = JSON.stringify(msg.content).slice(0, 300);
  kernelLog.push(`${new Date().toISOString()} ${dir} ${msg.channel || ''} ${type} ${note}`);
}

after(async () => {
  fs.writeFileSync(path.join(artifacts, 'browser-console.log'), consoleLog.join('\n') + '\n');
  fs.writeFileSync(path.join(artifacts, 'kernel-messages.log'), kernelLog.join('\n') + '\n');
  if (context) await context.close();
});

// shot saves a screenshot of the page under artifacts/.
async function shot(name) {
  const file = path.join(artifacts, name);
  await page.screenshot({ path: file });
  return file;
}

// shotWhole saves a screenshot of the whole current notebook, growing the
// window to the notebook's height (capped) for the time of the shot.
async function shotWhole(name) {
  const view = page.viewportSize();
  const scroller = panel().locator('.jp-WindowedPanel-outer');
  const extra = await scroller.evaluate((el) => el.scrollHeight - el.clientHeight);
  await page.setViewportSize({ width: view.width, height: Math.min(view.height + extra + 50, 16000) });
  await scroller.evaluate((el) => { el.scrollTop = 0; });
  await page.waitForTimeout(500);
  try {
    return await shot(name);
  } finally {
    await page.setViewportSize(view);
  }
}

// step runs fn and saves a screenshot named after the test when it fails.
async function step(name, fn) {
  try {
    await fn();
  } catch (err) {
    await shot(`failed-${name}.png`).catch(() => {});
    throw err;
  }
}

// panel is the notebook in the current tab.
const panel = () => page.locator('.jp-NotebookPanel:visible');
const indicator = () => panel().locator('.jp-Notebook-ExecutionIndicator');

async function kernelStatus() {
  return indicator().getAttribute('data-status', { timeout: 5 * second });
}

// waitIdle waits until the notebook's kernel indicator says idle.
async function waitIdle(timeout) {
  await indicator().and(page.locator('[data-status="idle"]')).waitFor({ timeout });
}

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
  await named.waitFor({ timeout: kernelStart }).catch(async (err) => {
    const name = await panel().locator('.jp-KernelName').textContent();
    throw new Error(`the notebook's kernel is ${JSON.stringify(name)}, not ${kernelDisplayName}: ${err.message}`);
  });
  await waitIdle(kernelStart);
}

async function menu(top, item) {
  await page.locator('.lm-MenuBar-itemLabel', { hasText: new RegExp(`^${top}$`) }).click();
  await page.locator('.lm-Menu-itemLabel:visible', { hasText: new RegExp(`^${item}$`) }).click();
}

// prompt returns the input prompt text of cell, like "[3]:", "[*]:" or "[ ]:".
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

// outputText is the visible text of cell's outputs.
async function outputText(cell) {
  return (await cell.locator('.jp-OutputArea').innerText()).trim();
}

// editCell puts an empty code cell at the end of the notebook in edit mode
// with code typed in, and returns it.
async function editCell(code) {
  const all = panel().locator('.jp-Notebook .jp-Cell');
  const n = await all.count();
  let cell = all.nth(n - 1);
  if ((await cell.locator('.cm-content').textContent()).trim() !== '') {
    // Select the last cell, then the toolbar's "insert a cell below" (the
    // keyboard's B needs the focus on the notebook, which an answered input
    // box does not give back).
    await cell.locator('.jp-InputPrompt').click();
    await panel().locator('[data-jp-item-name="insert"]').click();
    const deadline = Date.now() + 10 * second;
    while ((await all.count()) !== n + 1) {
      assert.ok(Date.now() < deadline, 'no cell was inserted');
      await page.waitForTimeout(50);
    }
    cell = all.nth(n);
  }
  await cell.locator('.cm-content').click();
  await page.keyboard.type(code);
  const typed = (await cell.locator('.cm-content').textContent()).trim();
  assert.equal(typed, code, 'the cell does not hold what was typed');
  return cell;
}

// clearCell empties cell's editor, leaving it in edit mode.
async function clearCell(cell) {
  await cell.locator('.cm-content').click();
  await page.keyboard.press('Control+a');
  await page.keyboard.press('Backspace');
}

// runCell types code into a new cell, runs it and waits for its result.
async function runCell(code, timeout = cellRun) {
  const cell = await editCell(code);
  await page.keyboard.press('Control+Enter');
  await waitPrompt(cell, /^\[\d+\]/, timeout);
  return cell;
}

// saveAndFetch saves the current notebook and reads it back through
// jupyter_server's contents API: the outputs JupyterLab's model holds.
async function saveAndFetch(name) {
  await page.keyboard.press('Control+s');
  await page.locator('.lm-TabBar-tab.jp-mod-current.jp-mod-dirty').waitFor({ state: 'detached', timeout: 10 * second });
  const res = await page.request.get(`${base}/api/contents/${encodeURIComponent(name)}?content=1`, {
    headers: { Authorization: `token ${token}` },
  });
  assert.equal(res.status(), 200, `GET contents of ${name}`);
  return (await res.json()).content;
}

test('the chapter runs in JupyterLab with the gocalc kernel', { timeout: 240 * second }, () =>
  step('chapter', async () => {
    await page.goto(`${base}/lab/tree/${encodeURIComponent(chapter)}?token=${token}`);
    await panel().locator('.jp-Cell').first().waitFor({ timeout: kernelStart });
    await chooseKernelIfAsked();

    // Outputs saved in the file must not count: clear them, then run all.
    await menu('Edit', 'Clear Outputs of All Cells');
    await panel().locator('.jp-Notebook .jp-OutputArea-output').first().waitFor({ state: 'detached', timeout: 10 * second });
    await menu('Run', 'Run All Cells');
    // Run All queues every cell at once ([*]); it is over when none is
    // queued and the kernel is idle (a failing cell aborts the rest).
    const started = Date.now();
    await page.waitForFunction(() => {
      const nb = [...document.querySelectorAll('.jp-NotebookPanel')].find((p) => p.offsetParent);
      const prompts = [...nb.querySelectorAll('.jp-CodeCell .jp-InputPrompt')].map((e) => e.textContent);
      const status = nb.querySelector('.jp-Notebook-ExecutionIndicator')?.dataset.status;
      return prompts.some((p) => /\d/.test(p)) && !prompts.some((p) => p.includes('*')) && status === 'idle';
    }, null, { timeout: chapterRun, polling: 250 });
    console.log(`# the chapter ran in ${((Date.now() - started) / second).toFixed(1)} s`);

    // No error output: read the saved model, where errors are output_type
    // "error" (in the DOM they look like stderr streams).
    const nb = await saveAndFetch(chapter);
    assert.equal(nb.metadata.kernelspec.name, 'gocalc');
    const problems = [];
    nb.cells.forEach((c, i) => {
      if (c.cell_type !== 'code' || c.source.trim() === '') return;
      if (c.execution_count == null) problems.push(`cell ${i} did not run`);
      for (const o of c.outputs) {
        if (o.output_type === 'error') {
          const tb = (o.traceback || []).join('\n').replace(/\x1b\[[0-9;]*m/g, '');
          problems.push(`cell ${i}: ${o.ename}: ${o.evalue}\n${tb}`);
        }
      }
    });
    assert.equal(problems.length, 0, `the chapter failed in JupyterLab:\n${problems.join('\n\n')}`);
    // And on the page: every stderr-looking output is a stderr stream.
    const streams = nb.cells.flatMap((c) => c.outputs || [])
      .filter((o) => o.output_type === 'stream' && o.name === 'stderr').length;
    const shown = await panel()
      .locator('.jp-Notebook .jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]').count();
    assert.equal(shown, streams, 'the page shows stderr-styled outputs that are not stderr streams');

    // The chapter's numbers, in outputs the reader can scroll to. (Off-screen
    // cells skip rendering, so their innerText is empty: match textContent.)
    const outputs = panel().locator('.jp-Notebook .jp-OutputArea-output');
    const wanted = [[/(^|[^\d.])1024(?![\d.])/, 'f = 1024'], [/(^|[^\d.])-4096(?![\d.])/, 'df/dw = -4096']];
    for (const [re, what] of wanted) {
      const out = outputs.filter({ hasText: re }).first();
      if ((await out.count()) === 0) {
        const all = (await outputs.allTextContents()).join('\n');
        assert.fail(`${what} is not shown; the outputs say:\n${all.slice(0, 3000)}`);
      }
      await out.scrollIntoViewIfNeeded();
      assert.ok(await out.isVisible(), `the output showing ${what} is not visible`);
    }
    await shot('chapter-numbers.png');

    // Both figures are images that loaded.
    const imgs = panel().locator('.jp-Notebook .jp-OutputArea-output img');
    const count = await imgs.count();
    assert.ok(count >= 2, `want the chapter's 2 figures as <img>, got ${count}`);
    for (let i = 0; i < count; i++) {
      const img = imgs.nth(i);
      await img.scrollIntoViewIfNeeded();
      const size = await img.evaluate(async (el) => {
        await el.decode().catch(() => {});
        return { w: el.naturalWidth, h: el.naturalHeight, mime: el.closest('[data-mime-type]')?.dataset.mimeType };
      });
      assert.ok(size.w > 0 && size.h > 0, `figure ${i + 1} (${size.mime}) has natural size ${size.w}x${size.h}`);
      await shot(`chapter-figure-${i + 1}.png`);
    }
    await shotWhole('chapter.png');
    assert.equal(await kernelStatus(), 'idle');
  }));

test('a new gocalc notebook', { timeout: 150 * second }, async (t) => {
  await step('new-notebook', async () => {
    await menu('File', 'New Launcher');
    const card = page.locator('.jp-Launcher-section', { hasText: 'Notebook' })
      .locator('.jp-LauncherCard', { hasText: kernelDisplayName });
    await card.click({ timeout: 10 * second });
    await panel().locator('.jp-Cell').first().waitFor({ timeout: kernelStart });
    await chooseKernelIfAsked();
    // A first cell, as a person would run, before asking for completions.
    const first = await runCell(cells.first);
    assert.match(await outputText(first), /prêt/);
  });

  await t.test('Tab after strings.ToUp offers ToUpper', () => step('completion', async () => {
    const cell = await editCell(cells.completion);
    await page.keyboard.press('Tab');
    const completer = page.locator('.jp-Completer');
    await completer.locator('.jp-Completer-item', { hasText: 'ToUpper' }).first()
      .waitFor({ timeout: 15 * second })
      .catch(async (err) => {
        const text = await cell.locator('.cm-content').textContent();
        throw new Error(`no completer with ToUpper; the cell reads ${JSON.stringify(text)}: ${err.message}`);
      });
    const items = await completer.locator('.jp-Completer-item .jp-Completer-match').allInnerTexts();
    assert.ok(items.some((s) => s.trim().startsWith('ToUpper')), `completer offers ${items}`);
    await shot('completion.png');
    await page.keyboard.press('Escape');
    await clearCell(cell);
  }));

  await t.test('Shift+Tab on math.Sqrt shows its doc', () => step('inspect', async () => {
    const cell = await editCell(cells.inspect);
    await cell.locator('.cm-content').press('Shift+Tab');
    const tooltip = page.locator('.jp-Tooltip');
    await tooltip.waitFor({ timeout: 10 * second });
    const doc = await tooltip.innerText();
    assert.match(doc, /Sqrt/);
    assert.match(doc, /square root/i, `tooltip: ${doc}`);
    await shot('inspect.png');
    await page.keyboard.press('Escape');
    await clearCell(cell);
  }));

  await t.test('the interrupt button stops `for {}` and keeps variables', () => step('interrupt', async () => {
    await runCell(cells.define);
    const spin = await editCell(cells.spin);
    await page.keyboard.press('Control+Enter');
    await waitPrompt(spin, /\*/, 10 * second);
    await indicator().and(page.locator('[data-status="busy"]')).waitFor({ timeout: 10 * second });
    await page.waitForTimeout(1000);
    assert.match(await prompt(spin), /\*/, 'the for {} cell stopped by itself');
    await panel().locator('[data-jp-item-name="interrupt"]').click();
    await waitPrompt(spin, /^\[\d+\]/, 15 * second);
    await waitIdle(15 * second);
    const next = await runCell(cells.afterInterrupt);
    assert.match(await outputText(next), /kept = 42/);
  }));

  await t.test('a progress bar updates in place', () => step('progress', async () => {
    const cell = await editCell(cells.progress);
    await page.keyboard.press('Control+Enter');
    const seen = new Set();
    let most = 0;
    const deadline = Date.now() + cellRun;
    for (;;) {
      const outs = await cell.locator('.jp-OutputArea-output').count();
      most = Math.max(most, outs);
      const bar = cell.locator('.jp-OutputArea-output progress');
      if (await bar.count()) seen.add(await bar.first().getAttribute('value'));
      if (/^\[\d+\]/.test(await prompt(cell))) break;
      assert.ok(Date.now() < deadline, 'the progress cell did not finish');
      await page.waitForTimeout(40);
    }
    const out = await outputText(cell);
    assert.equal(await cell.locator('.jp-OutputArea-output').count(), 1, `want one output, got:\n${out}`);
    assert.ok(most <= 1, `${most} outputs appeared while the bar ran`);
    const bar = cell.locator('.jp-OutputArea-output progress');
    assert.equal(await bar.count(), 1, `want a <progress> bar, got:\n${out}`);
    assert.equal(await bar.getAttribute('value'), '50');
    assert.ok(seen.size >= 3, `the bar showed only the values ${[...seen]} while running`);
  }));

  await t.test('fmt.Scan shows an input box whose answer reaches the cell', () => step('input', async () => {
    const cell = await editCell(cells.input);
    await page.keyboard.press('Control+Enter');
    const box = cell.locator('.jp-Stdin-input');
    await box.waitFor({ timeout: cellRun });
    await box.fill('bonjour');
    await box.press('Enter');
    await waitPrompt(cell, /^\[\d+\]/, cellRun);
    assert.match(await outputText(cell), /reçu: bonjour/);
  }));

  await t.test('a slider drives the figure of an Interact below it', () => step('widgets', async () => {
    const cell = await runCell(cells.widget);
    const slider = cell.locator('.widget-slider');
    await slider.waitFor({ timeout: cellRun }).catch(async (err) => {
      throw new Error(`no slider rendered; the output reads ${JSON.stringify(await outputText(cell))}: ${err.message}`);
    });
    const img = cell.locator('.widget-output img');
    await img.waitFor({ timeout: cellRun });
    const readout = cell.locator('.widget-readout');
    // d3-format writes a minus sign (U+2212).
    const readoutValue = async (r) => Number((await r.innerText()).trim().replace('\u2212', '-'));
    assert.equal(await readoutValue(readout), -1.5);
    const before = await img.getAttribute('src');
    await cell.scrollIntoViewIfNeeded();
    await shot('widget-before.png');

    // Drag the handle to the right, as a person does.
    const handle = slider.locator('.noUi-handle');
    const box = await handle.boundingBox();
    const track = await slider.locator('.noUi-target').boundingBox();
    assert.ok(box && track, 'the slider has no handle or track on the page');
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    const steps = 12;
    for (let i = 1; i <= steps; i++) {
      await page.mouse.move(box.x + box.width / 2 + (track.width * 0.6 * i) / steps, box.y + box.height / 2);
      await page.waitForTimeout(30);
    }
    await page.mouse.up();
    const deadline = Date.now() + cellRun;
    while ((await img.getAttribute('src')) === before) {
      assert.ok(Date.now() < deadline, 'the figure did not change after the slider moved');
      await page.waitForTimeout(100);
    }
    const shown = await readoutValue(readout);
    assert.ok(shown > -1.5, `the readout says ${shown} after dragging right`);
    await waitIdle(cellRun);
    await shot('widget-after.png');
    // The kernel has the value the page shows.
    const check = await runCell(cells.widgetValue);
    assert.equal(await outputText(check), `x0 = ${shown.toFixed(2)}`);

    // A page reload brings the widgets back from the kernel
    // (jupyter.widget.control's request_states).
    // Save first (JupyterLab asks for a name at the first save of an
    // Untitled notebook: keep it), so that the reload asks nothing.
    await page.keyboard.press('Control+s');
    const dialog = page.locator('.jp-Dialog');
    await dialog.waitFor({ timeout: 5 * second }).catch(() => {});
    if (await dialog.isVisible()) {
      await dialog.locator('.jp-mod-accept').click();
      await dialog.waitFor({ state: 'detached', timeout: 10 * second });
    }
    await page.locator('.lm-TabBar-tab.jp-mod-current.jp-mod-dirty').waitFor({ state: 'detached', timeout: 10 * second });
    await page.reload();
    await panel().locator('.jp-Cell').first().waitFor({ timeout: kernelStart });
    await waitIdle(kernelStart);
    const again = panel().locator('.widget-slider').first();
    await again.waitFor({ timeout: cellRun });
    await again.scrollIntoViewIfNeeded();
    assert.equal(await readoutValue(again.locator('.widget-readout')), shown);
    await panel().locator('.widget-output img').first().waitFor({ timeout: cellRun });
    await shot('widget-after-reload.png');
  }));

  await t.test('restart clears state', () => step('restart', async () => {
    await runCell(cells.beforeRestart);
    const before = await runCell(cells.afterRestart);
    assert.match(await outputText(before), /^7$/m, 'the variable is not defined before the restart');
    await panel().locator('[data-jp-item-name="restart"]').click();
    const dialog = page.locator('.jp-Dialog');
    await dialog.waitFor({ timeout: 10 * second });
    await dialog.locator('.jp-mod-accept').click();
    await dialog.waitFor({ state: 'detached', timeout: 10 * second });
    await waitIdle(kernelStart);
    // A new kernel process counts executions from 1 again.
    const after = await runCell(cells.afterRestart);
    assert.equal(await prompt(after), '[1]:', 'the execution count did not start over');
    assert.match(await outputText(after), /undefined: gone/);
  }));

  await waitIdle(30 * second);
  await shot('new-notebook.png');
});
