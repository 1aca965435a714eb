// tests/browser/report.test.mjs REPORT.html HOSTILE.html SHOT.png [EXTRA-SHOT.png]
// The giji HTML report in Debian's headless Chromium (see tests/browser/run).
// Prints "ok   NAME" or "FAIL NAME: why" per check, then "N passed, N failed";
// exits 1 when any check failed.
import { chromium } from 'playwright-core';
import { pathToFileURL } from 'node:url';
import { copyFileSync, statSync } from 'node:fs';

const [reportPath, hostilePath, shotPath, extraShot] = process.argv.slice(2);
if (!reportPath || !hostilePath || !shotPath) {
  console.error('usage: report.test.mjs REPORT.html HOSTILE.html SHOT.png [EXTRA-SHOT.png]');
  process.exit(2);
}

let pass = 0, fail = 0;
async function check(name, fn) {
  try {
    await fn();
    pass++;
    console.log(`ok   ${name}`);
  } catch (e) {
    fail++;
    console.log(`FAIL ${name}: ${e && e.message ? e.message.split('\n')[0] : e}`);
  }
}
function assert(cond, why) { if (!cond) throw new Error(why); }

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  // root in a container: no sandbox; no GPU in CI
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--font-render-hinting=none'],
});

/* A page that records every console error, page error, dialog and request
 * that is not the report file itself. */
async function open(path, viewport = { width: 1280, height: 900 }) {
  const context = await browser.newContext({ viewport, deviceScaleFactor: 1 });
  const page = await context.newPage();
  const log = { errors: [], requests: [], dialogs: [] };
  const url = pathToFileURL(path).href;
  page.on('console', (m) => { if (m.type() === 'error') log.errors.push('console: ' + m.text()); });
  page.on('pageerror', (e) => log.errors.push('pageerror: ' + e.message));
  page.on('dialog', (d) => { log.dialogs.push(d.message()); d.dismiss().catch(() => {}); });
  page.on('request', (r) => { if (r.url() !== url && !r.url().startsWith('data:')) log.requests.push(r.url()); });
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForTimeout(150);
  return { context, page, log };
}

const noOverflow = (page) => page.evaluate(() => ({
  scroll: document.documentElement.scrollWidth, inner: window.innerWidth,
}));

/* ---- the report of the two sample minutes ------------------------------- */

const { context, page, log } = await open(reportPath);
const data = await page.evaluate(() => JSON.parse(document.getElementById('data').textContent));
const isac = data.nodes.find((n) => n.name === 'ISAC');

await check('loads without console or page errors', async () => {
  assert(log.errors.length === 0, log.errors.join(' | '));
});

await check('the map shows', async () => {
  const n = await page.locator('#map svg g.node').count();
  assert(n === data.nodes.length, `${n} node groups in the SVG, ${data.nodes.length} nodes in the data`);
  const box = await page.locator('#map svg').boundingBox();
  assert(box && box.width > 600 && box.height > 300, `map is ${box && box.width}x${box && box.height}`);
  const e = await page.locator('#map svg g.edge').count();
  assert(e > 0, 'no edges drawn');
});

await check('clicking the ISAC node lists the remarks that mention it', async () => {
  assert(isac, 'no ISAC node in the report data');
  await page.locator(`#map svg g.node[id="${isac.key}"]`).click();
  await page.locator('#panel').waitFor({ state: 'visible' });
  const title = await page.locator('#panel-title').textContent();
  assert(title === 'ISAC', `panel title '${title}'`);
  const cards = page.locator('#panel-body article.remark');
  const n = await cards.count();
  assert(n === isac.remarks && n === 3, `${n} remarks listed, ${isac.remarks} in the data, 3 expected`);
  const text = await page.locator('#panel-body').textContent();
  for (const s of ['業界独自の取り組みとして', '世耕 弘成', '経済産業大臣', '2017-01-25',
    'サイバーセキュリティ戦略本部', '000_329f7531fe1d3291.txt 行']) {
    assert(text.includes(s), `panel lacks '${s}'`);
  }
  const marks = await page.locator('#panel-body mark').allTextContents();
  assert(marks.length >= 3 && marks.every((m) => m === 'ISAC'), `marked: ${marks.join(',')}`);
  const sel = await page.locator(`#map svg g.node.sel[id="${isac.key}"]`).count();
  assert(sel === 1, 'the ISAC node is not highlighted');
});

await check('an edge lists the remarks that connect its ends', async () => {
  const e = data.edges.find((x) => x.kind === 'raised' && x.target === isac.key);
  assert(e, 'no raised edge to ISAC');
  const id = `${e.source}--${e.target}--${e.kind}`;
  await page.locator(`#map svg g.edge[id="${id}"]`).dispatchEvent('click');
  const title = await page.locator('#panel-title').textContent();
  assert(title.includes('ISAC') && title.includes('→'), `panel title '${title}'`);
  const n = await page.locator('#panel-body article.remark').count();
  assert(n === e.list.length && n > 0, `${n} remarks listed, ${e.list.length} in the data`);
});

await check('a matrix cell lists its remarks', async () => {
  const cell = page.locator('#matrix td.has').first();
  const count = Number(await cell.textContent());
  await cell.click();
  const n = await page.locator('#panel-body article.remark').count();
  assert(n === Math.min(count, data.list_max) && n > 0, `${n} remarks listed for a cell of ${count}`);
  const kind = await page.locator('#panel-kind').textContent();
  assert(kind.includes('発言者'), `panel kind '${kind}'`);
});

await check('the centrality table sorts', async () => {
  const rows = page.locator('#centrality tbody tr');
  assert(await rows.count() === data.nodes.length, 'one row per node');
  const header = page.locator('#centrality thead th', { hasText: '発言' }).first();
  await header.click();
  const col = await page.locator('#centrality tbody tr td:nth-child(4)').allTextContents();
  const nums = col.map(Number);
  assert(nums.every((v, i) => i === 0 || nums[i - 1] >= v), 'not sorted descending: ' + nums.slice(0, 8));
  await header.click();
  const up = (await page.locator('#centrality tbody tr td:nth-child(4)').allTextContents()).map(Number);
  assert(up.every((v, i) => i === 0 || up[i - 1] <= v), 'not sorted ascending: ' + up.slice(0, 8));
  assert(await header.getAttribute('aria-sort') === 'ascending', 'aria-sort not updated');
});

await check('the meetings table has both meetings with attendees and top entities', async () => {
  const rows = page.locator('#meetings tbody tr');
  assert(await rows.count() === 2, `${await rows.count()} meetings`);
  const t = await page.locator('#meetings').textContent();
  for (const s of ['2017-01-25', '2007-10-03', 'サイバーセキュリティ戦略本部', '情報セキュリティ政策会議', '菅 義偉']) {
    assert(t.includes(s), `meetings table lacks '${s}'`);
  }
});

await check('the filter narrows the map and the tables', async () => {
  await page.locator('#panel-close').click();
  const visible = (sel) => page.locator(sel).evaluateAll((rs) => rs.filter((r) => r.offsetParent !== null).length);
  const before = await visible('#centrality tbody tr');
  const mBefore = await visible('#meetings tbody tr');
  await page.locator('#filter').fill('isac');
  await page.waitForTimeout(50);
  const after = await visible('#centrality tbody tr');
  assert(after > 0 && after < before, `${before} rows before, ${after} after`);
  const names = await page.locator('#centrality tbody tr:not(.hidden) td:nth-child(2)').allTextContents();
  assert(names.every((s) => s.normalize('NFKC').toLowerCase().includes('isac')), 'rows left: ' + names.join(','));
  const dim = await page.locator('#map svg g.node.dim').count();
  assert(dim > 0 && dim < data.nodes.length, `${dim} nodes dimmed`);
  const cols = await page.locator('#matrix thead th:not(.hidden)').count();
  const mAfter = await visible('#meetings tbody tr');
  assert(mAfter === 1 && mBefore === 2, `meetings ${mBefore} -> ${mAfter}`);
  assert(cols >= 1, 'matrix columns hidden');
  await page.locator('#filter').fill('');
  await page.waitForTimeout(50);
  assert(await visible('#centrality tbody tr') === before, 'clearing the filter does not restore the rows');
});

await check('no request leaves the file', async () => {
  assert(log.requests.length === 0, log.requests.join(' '));
});

for (const width of [1280, 800]) {
  await check(`no horizontal overflow at ${width} px, panel closed and open`, async () => {
    await page.setViewportSize({ width, height: 900 });
    await page.waitForTimeout(50);
    let o = await noOverflow(page);
    assert(o.scroll <= o.inner, `scrollWidth ${o.scroll} > ${o.inner}`);
    await page.evaluate((k) => window.gijiReport.openNode(k), isac.key);
    await page.waitForTimeout(50);
    o = await noOverflow(page);
    assert(o.scroll <= o.inner, `panel open: scrollWidth ${o.scroll} > ${o.inner}`);
    const p = await page.locator('#panel').boundingBox();
    assert(p.x >= 0 && p.x + p.width <= width + 0.5, `panel at ${p.x}+${p.width}`);
    await page.locator('#panel-close').click();
  });
}

await check('prints to A4 landscape', async () => {
  await page.emulateMedia({ media: 'print' });
  const hidden = await page.locator('#filter').isHidden();
  assert(hidden, 'the filter is printed');
  await page.emulateMedia({ media: 'screen' });
  const pdf = await page.pdf({ format: 'A4', landscape: true, printBackground: true });
  assert(pdf.subarray(0, 5).toString() === '%PDF-', 'not a PDF');
  const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) || []).length;
  assert(pages >= 2 && pages <= 40, `${pages} pages`);
  const box = pdf.toString('latin1').match(/\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\]/);
  assert(box && Number(box[1]) > Number(box[2]), 'not landscape: ' + (box && box[0]));
});

await check('screenshot saved', async () => {
  await page.setViewportSize({ width: 1280, height: 860 });
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.evaluate((k) => window.gijiReport.openNode(k), isac.key);
  await page.waitForTimeout(100);
  await page.screenshot({ path: shotPath });
  assert(statSync(shotPath).size > 20000, 'screenshot too small');
  if (extraShot) copyFileSync(shotPath, extraShot);
});

await context.close();

/* ---- the hostile report ------------------------------------------------------- */

const h = await open(hostilePath);
const hp = h.page;
const hdata = await hp.evaluate(() => JSON.parse(document.getElementById('data').textContent));

await check('hostile: loads without errors, runs none of its strings', async () => {
  assert(h.log.errors.length === 0, h.log.errors.join(' | '));
  assert(h.log.dialogs.length === 0, 'dialogs: ' + h.log.dialogs.join(','));
  assert(await hp.evaluate(() => window.__pwned) === undefined, 'window.__pwned is set');
  const scripts = await hp.evaluate(() => document.scripts.length);
  assert(scripts === 2, `${scripts} script elements (2 expected: the data and the report's)`);
  const bad = await hp.evaluate(() => document.querySelectorAll(
    'body img, body b, body iframe, body object, a[href^="javascript"], [onerror], [onclick], [onload]').length);
  assert(bad === 0, `${bad} elements made from the minutes' markup`);
});

await check('hostile: the title and names are shown literally', async () => {
  const title = await hp.title();
  assert(title === `<script>window.__pwned=1</script> "報告" 'x'`, `title '${title}'`);
  const h1 = await hp.locator('h1').textContent();
  assert(h1 === title, `h1 '${h1}'`);
  const t = await hp.locator('#meetings').textContent();
  for (const s of ['"講堂" <script>window.__pwned=1</script>。', `鈴木'一郎'`, '佐藤<b>花子</b>', '山田"太郎"']) {
    assert(t.includes(s), `meetings table lacks ${s}`);
  }
  const roles = await hp.locator('#meetings .attendees span').evaluateAll((ss) => ss.map((x) => x.title));
  assert(roles.some((r) => r.includes('東都大学教授</script><script>window.__pwned=1</script>')),
    'attendee roles not kept literally: ' + roles.join('|'));
  const c = await hp.locator('#centrality').textContent();
  for (const s of ['<script>window.__pwned=1</script>', '"javascript:alert(1)"', `鈴木'一郎'`]) {
    assert(c.includes(s), `centrality table lacks ${s}`);
  }
});

await check('hostile: every node and edge opens and shows its remarks literally', async () => {
  for (const n of hdata.nodes) {
    await hp.locator(`#map svg g.node[id="${n.key}"]`).dispatchEvent('click');
    const title = await hp.locator('#panel-title').textContent();
    assert(title.includes(n.name.replace(/^unattributed:\s*/, '')), `panel title '${title}' for ${n.name}`);
    const cards = await hp.locator('#panel-body article.remark').count();
    assert(cards === n.list.length, `${cards} cards for ${n.key}`);
  }
  for (const e of hdata.edges)
    await hp.locator(`#map svg g.edge[id="${e.source}--${e.target}--${e.kind}"]`).dispatchEvent('click');
  const ent = hdata.nodes.find((n) => n.name === '<script>window.__pwned=1</script>');
  assert(ent, 'no node named <script>…');
  await hp.locator(`#map svg g.node[id="${ent.key}"]`).dispatchEvent('click');
  const body = await hp.locator('#panel-body').textContent();
  for (const s of ['</script><script>window.__pwned=1</script>', '<a href="javascript:window.__pwned=1">リンク</a>',
    '"javascript:alert(1)"']) {
    assert(body.includes(s), `panel lacks ${s}`);
  }
  const marks = await hp.locator('#panel-body mark').allTextContents();
  assert(marks.includes('<script>window.__pwned=1</script>'), 'mention not marked: ' + marks.join('|'));
  const full = await hp.locator('#panel-body details p').allTextContents();
  assert(full.some((s) => s.includes('<img src=x onerror="window.__pwned=1">') || s.includes('</script>')),
    'full texts not shown literally');
  assert(await hp.evaluate(() => window.__pwned) === undefined, 'window.__pwned is set');
});

await check('hostile: typing markup into the filter runs nothing', async () => {
  await hp.locator('#filter').fill('<img src=x onerror=window.__pwned=1><script>window.__pwned=1</script>');
  await hp.locator('#filter').fill('<script>');
  const rows = await hp.locator('#centrality tbody tr:not(.hidden)').count();
  assert(rows === 1, `${rows} rows match '<script>'`);
  assert(await hp.evaluate(() => window.__pwned) === undefined, 'window.__pwned is set');
  assert(h.log.errors.length === 0, h.log.errors.join(' | '));
  assert(h.log.requests.length === 0, 'requests: ' + h.log.requests.join(' '));
});

await h.context.close();
await browser.close();
console.log(`${pass} passed, ${fail} failed`);
process.exit(fail ? 1 : 0);
