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
