import { compile } from 'html-to-text';
import sanitizeHtml from 'sanitize-html';

const LAYOUT = ['align', 'valign', 'width', 'height', 'bgcolor', 'border', 'style'];

/**
 * What an e-mail's HTML may keep: the elements of a business letter (tables with their old
 * layout attributes and inline styles, as e-mail clients need), links and images on http(s).
 * Scripts, forms, frames and event handlers are dropped with their content. Known shortcoming:
 * so are `<style>` blocks (sanitize-html cannot vouch for CSS), so only inline styles survive.
 */
const POLICY: sanitizeHtml.IOptions = {
  allowedTags: [...sanitizeHtml.defaults.allowedTags, 'img', 'center', 'font'],
  allowedAttributes: {
    '*': ['style', 'class', 'dir', 'lang', 'title'],
    a: ['href', 'name', 'target', 'rel'],
    img: ['src', 'alt', 'width', 'height'],
    table: [...LAYOUT, 'cellpadding', 'cellspacing', 'role'],
    td: [...LAYOUT, 'colspan', 'rowspan'],
    th: [...LAYOUT, 'colspan', 'rowspan', 'scope'],
    tr: LAYOUT,
    p: ['align'],
    div: ['align'],
    font: ['color', 'face', 'size'],
  },
  allowedSchemes: ['http', 'https', 'mailto', 'tel'],
  allowedSchemesByTag: { img: ['http', 'https', 'cid'] },
  allowProtocolRelative: false,
};

/** The HTML as a recipient sees it: what an author wrote, less anything that could run. */
export function sanitiseEmailHtml(html: string): string {
  return sanitizeHtml(html, POLICY);
}

/**
 * The plain-text part made from the HTML: tables kept as columns, links with their address.
 * Compiled once: building html-to-text's selectors is most of the cost of one conversion, and
 * a collection run converts thousands of messages.
 */
export const textOfHtml: (html: string) => string = compile({
  // Mail clients wrap plain text to their window; a hard wrap would split amounts and dates.
  wordwrap: false,
  selectors: [
    { selector: 'table', format: 'dataTable', options: { uppercaseHeaderCells: false } },
    { selector: 'a', options: { hideLinkHrefIfSameAsText: true } },
    { selector: 'img', format: 'skip' },
    ...['h1', 'h2', 'h3', 'h4'].map((selector) => ({ selector, options: { uppercase: false } })),
  ],
});
