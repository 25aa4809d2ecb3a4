// The options of `danvan publish` and its error type, apart from the drawing code so the command
// line can check them without loading jsdom and resvg for every other command.
import { z } from 'zod';

/** An error meant for the user: one clear line, Vietnamese first. */
export class PublishError extends Error {}

export type PublishLang = 'vi' | 'en';

export interface PublishOptions { db: string; year: number; out: string; lang: PublishLang }

const YEAR_MESSAGE = 'năm phải có 4 chữ số, ví dụ 2024 / the year must have 4 digits, e.g. 2024';
const LANG_MESSAGE = 'ngôn ngữ là vi hoặc en / the language is vi or en';

/** Options as publishSummary takes them. */
export const publishOptions = z.object({
  db: z.string().min(1, 'cần đường dẫn cơ sở dữ liệu / a database path is needed'),
  year: z.number().int(YEAR_MESSAGE).min(1900, YEAR_MESSAGE).max(2999, YEAR_MESSAGE),
  out: z.string().min(1, 'cần thư mục kết quả / an output folder is needed'),
  lang: z.enum(['vi', 'en'], LANG_MESSAGE),
});

/** The default output folder: summary-2024, or summary-2024-en in English. */
export const defaultOut = (year: number, lang: PublishLang): string => `summary-${year}${lang === 'en' ? '-en' : ''}`;

export const YEAR_REQUIRED = 'Cần cho biết năm: danvan publish --year YYYY / --year YYYY is required';

/** Options as the command line gives them (strings), with its defaults. */
export function cliPublishOptions(defaultDb: string) {
  return z.object({
    // Optional here so that --help works alone; the command asks for it.
    year: z.string().regex(/^\d{4}$/, YEAR_MESSAGE).transform(Number).optional(),
    db: z.string().min(1).default(defaultDb),
    out: z.string().min(1).optional(),
    lang: z.enum(['vi', 'en'], LANG_MESSAGE).default('vi'),
  });
}
