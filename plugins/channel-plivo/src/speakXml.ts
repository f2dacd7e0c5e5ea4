/** Plivo XML that reads `text` aloud in the account's language and voice. */
export function speakXml(text: string, options: { language: string; voice: string }): string {
  const language = escaped(options.language, true);
  const voice = escaped(options.voice, true);
  const speak = `<Speak language="${language}" voice="${voice}">${escaped(text, false)}</Speak>`;
  return `<Response>${speak}</Response>`;
}

// Control characters other than tab and line breaks are not allowed anywhere in XML 1.0.
// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;

function escaped(text: string, inAttribute: boolean): string {
  const body = text
    .replace(NOT_XML, '')
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;');
  return inAttribute ? body.replaceAll('"', '&quot;') : body;
}
