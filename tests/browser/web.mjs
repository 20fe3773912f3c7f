// web.mjs - browser tests of the dondoc web application (run by
// tests/integration/browser.sh): Debian's chromium, headless, driven by
// playwright-core. Prints "ok - ..." / "not ok - ..." lines.
//
//   node web.mjs BASE_URL SCREENSHOT_DIR PROFILE_DIR TASK_ID EVIDENCE_FILE DOCUMENT
//
// DOCUMENT is a plan not imported yet: the standing agency uploads it,
// follows the import, reviews, corrects, merges, splits and publishes it.
//
// Accounts (made by browser.sh): vh (officer), tt (standing), ld (leader),
// xem (viewer), admin.
import { chromium } from "playwright-core";
import path from "node:path";

const [base, shots, profile, taskId, evidence, document] = process.argv.slice(2);
let failures = 0;
const ok = (name) => console.log(`ok - ${name}`);
const notok = (name, detail) => {
	failures++;
	console.log(`not ok - ${name}`);
	if (detail) console.log(`#   ${String(detail).slice(0, 600)}`);
};
const check = (name, cond, detail) => (cond ? ok(name) : notok(name, detail));

const ctx = await chromium.launchPersistentContext(profile, {
	executablePath: "/usr/bin/chromium",
	headless: true,
	args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync"],
	viewport: { width: 1280, height: 900 },
});
const page = ctx.pages()[0] || (await ctx.newPage());
page.setDefaultTimeout(15000);
const inlineErrors = [];
page.on("console", (m) => { if (/Content Security Policy/i.test(m.text())) inlineErrors.push(m.text()); });

async function login(user, pw) {
	await page.goto(base + "/login");
	await page.fill("#login", user);
	await page.fill("#password", pw);
	await Promise.all([page.waitForNavigation(), page.click("input[type=submit]")]);
}
async function logout() {
	await Promise.all([page.waitForNavigation(), page.click("header form button")]);
}
async function awaiting() {
	await page.goto(base + "/");
	const html = await page.content();
	return html.split("Chờ xác nhận hoàn thành")[1] || "";
}

try {
	// The standing agency's dashboard before.
	await login("tt", "stand-pass-1");
	const before = await awaiting();
	check("standing: the task is not awaiting confirmation yet", !before.includes(`href="/tasks/${taskId}"`));
	await page.screenshot({ path: path.join(shots, "home-standing.png"), fullPage: true });
	await logout();

	// An officer logs in: Chromium keeps the __Host- Secure cookie on http://127.0.0.1.
	await login("vh", "offic-pass-1");
	const cookies = await ctx.cookies(base);
	const c = cookies.find((x) => x.name === "__Host-dondoc");
	check("Chromium accepts the __Host- Secure cookie on http://127.0.0.1",
		c && c.httpOnly && c.secure && c.sameSite === "Strict", JSON.stringify(cookies));
	check("the officer lands on the home page", (await page.title()).includes("Trang chủ"), await page.title());
	await page.screenshot({ path: path.join(shots, "home-officer.png"), fullPage: true });
	await page.setViewportSize({ width: 390, height: 844 });
	await page.screenshot({ path: path.join(shots, "home-officer-phone.png"), fullPage: true });
	const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
	check("the home page fits a phone's width", overflow <= 1, `overflow ${overflow}px`);
	await page.setViewportSize({ width: 1280, height: 900 });

	// ... and submits a report with evidence.
	await page.goto(`${base}/tasks/${taskId}`);
	await page.selectOption("#state", "done");
	await page.fill("#date", "2026-07-01");
	await page.fill("#note", "Đã hoàn thành, có biên bản");
	await page.setInputFiles("#evidence", evidence);
	await Promise.all([page.waitForNavigation(), page.click("#report input[type=submit]")]);
	const after = await page.content();
	check("the report is saved", page.url().endsWith(`/tasks/${taskId}?ok=1`) && after.includes("Đã ghi nhận"), page.url());
	check("the report lists its evidence", after.includes("📎1"));

	// The English switch.
	await page.click("a.lang");
	check("the English switch shows English", (await page.locator("html").getAttribute("lang")) === "en" &&
		(await page.content()).includes("Progress reports"));
	await page.goto(base + "/");
	check("English stays on the next page", (await page.content()).includes("Due soon"));
	await page.click("a.lang");
	check("and switches back to Vietnamese", (await page.content()).includes("Sắp đến hạn"));
	await logout();

	// The standing agency's dashboard changed.
	await login("tt", "stand-pass-1");
	check("standing: the dashboard now lists the task awaiting confirmation",
		(await awaiting()).includes(`href="/tasks/${taskId}"`));
	await page.goto(`${base}/tasks/${taskId}`);
	await Promise.all([page.waitForNavigation(), page.click("button.primary")]);
	check("standing: confirming removes it from the list", !(await awaiting()).includes(`href="/tasks/${taskId}"`));
	await logout();

	// The standing agency imports a document, reviews it beside its source,
	// corrects it in place and publishes it.
	await login("tt", "stand-pass-1");
	await Promise.all([page.waitForNavigation(), page.click('header nav a[href="/imports"]')]);
	await page.setInputFiles("#file", document);
	await Promise.all([page.waitForNavigation(), page.click("form[action='/imports'] button")]);
	check("upload: the job's page follows", /\/imports\/\d+$/.test(page.url()), page.url());
	// The page refreshes itself (no script) until the job is done.
	await page.locator("a.review-link").waitFor({ timeout: 30000 });
	await Promise.all([page.waitForNavigation(), page.click("a.review-link")]);
	check("review: the tasks beside the source text", /\/plans\/\d+\/review$/.test(page.url()) &&
		(await page.locator("table.review-tasks tbody tr").count()) >= 2 &&
		(await page.locator(".source ol.lines li").count()) > 10, page.url());
	const srcLink = page.locator("table.review-tasks tbody tr td.src a").first();
	const target = await srcLink.getAttribute("href");
	await srcLink.click();
	check("review: a task's source link lands on its line", page.url().endsWith(target) &&
		(await page.locator(`${target}`).count()) === 1, page.url());
	await page.screenshot({ path: path.join(shots, "review.png"), fullPage: true });
	await page.setViewportSize({ width: 390, height: 844 });
	await page.screenshot({ path: path.join(shots, "review-phone.png"), fullPage: false });
	const stacked = await page.evaluate(() => {
		const t = document.querySelector(".review .tasks").getBoundingClientRect();
		const s = document.querySelector(".review .source").getBoundingClientRect();
		return s.top >= t.bottom - 1;
	});
	check("review: on a phone the source text comes under the tasks", stacked);
	await page.setViewportSize({ width: 1280, height: 900 });
	const rows = () => page.locator("table.review-tasks tbody tr");
	const n0 = await rows().count();
	const first = rows().first();
	await first.locator("details.fix summary").click();
	await first.locator("form.edit select[name=field]").selectOption("leader");
	await first.locator("form.edit input[name=value]").fill("Nguyễn Văn Rà Soát");
	await first.locator("form.edit input[name=reason]").fill("đính chính khi rà soát");
	await Promise.all([page.waitForNavigation(), first.locator("form.edit button").click()]);
	check("review: a field corrected in place", (await page.content()).includes("Nguyễn Văn Rà Soát") &&
		(await page.locator(".notice.ok").count()) > 0);
	await rows().first().locator("details.fix summary").click();
	await Promise.all([page.waitForNavigation(), rows().first().locator("form.merge button").click()]);
	check("review: two tasks merged", (await rows().count()) === n0 - 1, `${await rows().count()} rows`);
	await rows().first().locator("details.fix summary").click();
	await rows().first().locator("form.split input[name=at]").fill("8");
	await Promise.all([page.waitForNavigation(), rows().first().locator("form.split button").click()]);
	check("review: a task split in two", (await rows().count()) === n0, `${await rows().count()} rows`);
	await page.screenshot({ path: path.join(shots, "review-corrected.png"), fullPage: true });
	await Promise.all([page.waitForNavigation(), page.click("form.publish button")]);
	check("review: published", /\/plans\/\d+$/.test(page.url()), page.url());
	await page.goto(page.url() + "/review");
	check("review: the plan now reads as published, without merge forms",
		(await page.content()).includes("Đã ban hành") && (await page.locator("form.merge").count()) === 0);
	await logout();

	for (const [user, pw, role] of [["ld", "leadr-pass-1", "leader"], ["xem", "viewr-pass-1", "viewer"],
		["admin", "admin-pass-1", "admin"]]) {
		await login(user, pw);
		await page.screenshot({ path: path.join(shots, `home-${role}.png`), fullPage: true });
		check(`${role}: the home page shows a status chart`, (await page.locator("svg.chart").count()) > 0);
		await logout();
	}
	check("no Content-Security-Policy violation on any page", inlineErrors.length === 0, inlineErrors.join(" | "));
} catch (e) {
	notok("the browser scenario ran to the end", e.stack || e);
} finally {
	await ctx.close();
}
process.exit(failures ? 1 : 0);
