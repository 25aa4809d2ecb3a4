// Formula injection: a spreadsheet treats a text cell that begins with = + - @ (or a tab or carriage
// return, which some programs strip before looking) as a formula. Exported text gets a leading
// apostrophe, OWASP's advice, so "=HYPERLINK(...)" arrives as the text it was. Numbers are not text
// and are left alone: -5 stays the number -5.
const FORMULA_START = /^[=+\-@\t\r]/;

export function neutralise(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}
