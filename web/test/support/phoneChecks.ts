import type { Page } from 'playwright-core';

/** Roles of the controls a person operates; each must have an accessible name. */
const CONTROLS = [
  'button',
  'checkbox',
  'combobox',
  'link',
  'listbox',
  'menuitem',
  'radio',
  'searchbox',
  'slider',
  'spinbutton',
  'switch',
  'tab',
  'textbox',
];
/** A line of Playwright's ARIA snapshot naming a control without a name: `- button [pressed]`. */
const UNNAMED = new RegExp(`^\\s*- (${CONTROLS.join('|')})(\\s*\\[[^\\]]*\\])*\\s*(:.*)?$`);

/**
 * The visible controls of the page without an accessible name, as the browser's accessibility
 * tree has them (label, aria-label, aria-labelledby or text): a screen reader says only "button".
 */
export async function unnamedControls(page: Page): Promise<string[]> {
  const snapshot = await page.locator('body').ariaSnapshot();
  return snapshot
    .split('\n')
    .filter((line) => UNNAMED.test(line))
    .map((line) => line.trim());
}

/**
 * What scrolls sideways: the page itself, or any element of it that scrolls its content
 * horizontally (a table in an `overflow-x: auto` box): on a phone, nothing should.
 */
export async function sidewaysScrolling(page: Page): Promise<string[]> {
  // Runs in the page, which has the DOM this package's types leave out.
  return page.evaluate(`(() => {
    const found = [];
    const root = document.documentElement;
    if (root.scrollWidth > window.innerWidth) found.push('the page: ' + root.scrollWidth + ' px');
    for (const element of document.querySelectorAll('body *')) {
      const { overflowX } = getComputedStyle(element);
      const scrolls = overflowX === 'auto' || overflowX === 'scroll';
      if (scrolls && element.clientWidth > 0 && element.scrollWidth > element.clientWidth + 1) {
        const name = element.getAttribute('aria-label') || element.className || element.tagName;
        found.push(String(name).slice(0, 80) + ': ' + element.scrollWidth + ' px in ' +
          element.clientWidth);
      }
    }
    return found;
  })()`);
}

/** Until the page's heading shows and nothing on it is loading (no skeleton, no busy region). */
export async function settled(page: Page): Promise<void> {
  await page.locator('h1').first().waitFor();
  await page.waitForLoadState('networkidle');
  await page.waitForFunction(`!document.querySelector('[aria-busy="true"]')`);
}

/** What opens a dialog or a slide-over: reka-ui's triggers, and the phone's navigation button. */
const DIALOG_TRIGGERS =
  '[aria-haspopup="dialog"]:visible:not([disabled]), ' +
  'button[aria-label="Otwórz pasek boczny"]:visible';

/**
 * Opens each dialog and slide-over the page offers, one at a time: the names of their triggers,
 * and what is wrong in them (`trigger: problem`): anything scrolling sideways, controls without
 * a name. Escape closes each again. While a modal is open the page behind it is hidden from the
 * accessibility tree, so the names checked are the dialog's.
 */
export async function dialogProblems(
  page: Page,
): Promise<{ opened: string[]; problems: string[] }> {
  const opened: string[] = [];
  const problems: string[] = [];
  const triggers = page.locator(DIALOG_TRIGGERS);
  const count = await triggers.count();
  for (let i = 0; i < count; i++) {
    const trigger = triggers.nth(i);
    const name = (await trigger.getAttribute('aria-label')) ?? (await trigger.innerText()).trim();
    await trigger.click();
    opened.push(name);
    const dialog = page.getByRole('dialog').last();
    await dialog.waitFor();
    await page.waitForFunction(`!document.querySelector('[role="dialog"] [aria-busy="true"]')`);
    for (const found of [...(await sidewaysScrolling(page)), ...(await unnamedControls(page))]) {
      problems.push(`${name}: ${found}`);
    }
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
  }
  return { opened, problems };
}
