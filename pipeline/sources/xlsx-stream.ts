// A streaming .xlsx reader: sheets come out row by row from the deflated sheet XML, so a
// million-row workbook never sits in memory (SheetJS builds the sheet XML as one string, which
// breaks V8's string limit). Cells mean exactly what readWorkbook (read-excel.ts) makes of them;
// anything that is not a zip-based .xlsx/.xlsm (.xls, .ods, .xlsb, encrypted files, garbage) goes
// through readWorkbook itself, so its errors and results are the ones the clerk already knows.
//
// Inflating uses node:zlib, not fflate: on the 1,000,000-row benchmark sheet (1.1 GB of XML) fflate
// inflates at ~110 MB/s against ~590 MB/s for zlib, which also runs on the thread pool, next to
// the parser. fflate alone would cost more time than the whole 150,000 rows/s budget.
//
// Merged cells are listed after <sheetData>, so each sheet is read in up to three passes:
//  1. merge pass: inflate and search the raw bytes for <mergeCell> (no decoding, no row parsing);
//  2. only if there are merges: an extent pass parses rows until some row is wider than every
//     merge (usually the first data row), because readWorkbook clips merges to the sheet's width;
//  3. the row pass, which copies each merge's top-left value into the cells it covers.
//
// Where the readers differ (malformed or unusual files only; the tests compare them on the corpus):
// a t="str" result is unescaped once (SheetJS unescapes it twice, so text that is literally "&lt;"
// reads "<" there); <si/> is an empty string (SheetJS shifts every later shared-string index); a
// <mergeCell> with attributes after ref still counts (SheetJS's pattern skips it); a cell whose
// reference names another row stays in its <row>, and a row numbered below the previous one goes
// after it; overlapping merges (Excel refuses them) copy values taken before any copying; cells
// past column XFD are dropped; sheet XML in UTF-16 is refused as damaged.
import { createReadStream } from 'node:fs';
import { open, readFile, type FileHandle } from 'node:fs/promises';
import zlib from 'node:zlib';
import * as XLSX from '@e965/xlsx';
import { nfc } from '../text/normalise.ts';
import { dateKind, readFailure, readWorkbook, serialToText } from './read-excel.ts';
import { SourceReadError, type Cell } from './grid.ts';

export interface Merge {
  r0: number;
  c0: number;
  r1: number;
  c1: number;
}

export interface StreamedSheet {
  name: string;
  hidden: boolean;
  date1904: boolean;
  /**
   * 0-based, inclusive. Clipped to the sheet's width when the sheet is yielded; clipped to its
   * last row (and ranges outside the sheet dropped, as readWorkbook does) once rows() has finished.
   */
  merges: Merge[];
  /**
   * Rows in order, 0-based index r; missing rows are yielded as empty arrays so r stays physical.
   * As in readWorkbook: cells are never undefined, trailing empty cells are trimmed, and empty rows
   * after the last non-empty one are not yielded. Each call reads the sheet again.
   */
  rows(): AsyncIterable<{ r: number; cells: Cell[] }>;
  /** readWorkbook's warnings for this sheet (error cells read as empty); complete once rows() has finished. */
  warnings: string[];
}

type DateKind = NonNullable<ReturnType<typeof dateKind>>;

// Inflated XML is parsed this many bytes at a time (rows cut by a chunk's end wait for the next).
const CHUNK = 1 << 20;
// Entries up to this size are inflated in one call instead of streamed.
const SMALL_ENTRY = 8 << 20;

// ------------------------------------------------------------------------------------------
// Entry point

export interface StreamOptions {
  /** Bytes of inflated XML parsed at a time (default 1 MiB; at least 64). Tests use tiny chunks. */
  chunkSize?: number;
}

export async function* streamXlsxSheets(path: string, fileName: string, options: StreamOptions = {}): AsyncGenerator<StreamedSheet> {
  const chunk = Math.max(64, Math.floor(options.chunkSize ?? CHUNK));
  const fh = await open(path, 'r');
  let book: Book | null;
  try {
    book = await openBook(fh, path, fileName, chunk);
  } finally {
    await fh.close();
  }
  if (!book) {
    // Not an OOXML workbook in a zip: readWorkbook sniffs it, reads it or says why it cannot.
    for (const grid of readWorkbook(await readFile(path), fileName).sheets) {
      yield {
        name: grid.name,
        hidden: grid.hidden,
        date1904: grid.date1904,
        merges: grid.merges,
        warnings: grid.warnings ?? [],
        async *rows() {
          for (let r = 0; r < grid.rows.length; r++) yield { r, cells: grid.rows[r] };
        },
      };
    }
    return;
  }
  for (const info of book.sheets) yield await prepareSheet(book, info);
}

// ------------------------------------------------------------------------------------------
// Zip container

interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  csize: number;
  usize: number;
  localOffset: number;
}

class ZipError extends Error {}

async function readAt(fh: FileHandle, position: number, length: number): Promise<Buffer> {
  const buf = Buffer.alloc(length);
  let done = 0;
  while (done < length) {
    const { bytesRead } = await fh.read(buf, done, length - done, position + done);
    if (bytesRead === 0) throw new ZipError('truncated zip file');
    done += bytesRead;
  }
  return buf;
}

/** Central directory, keyed by lower-case name with '/' separators (Excel and SheetJS ignore case). */
async function readZipDirectory(fh: FileHandle, size: number): Promise<Map<string, ZipEntry>> {
  const tailLen = Math.min(size, 22 + 0xffff + 20);
  const tail = await readAt(fh, size - tailLen, tailLen);
  let eocd = -1;
  for (let i = tail.length - 22; i >= 0; i--) {
    if (tail.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new ZipError('zip end of central directory not found');
  let count = tail.readUInt16LE(eocd + 10);
  let cdSize = tail.readUInt32LE(eocd + 12);
  let cdOffset = tail.readUInt32LE(eocd + 16);
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
    const loc = eocd - 20;
    if (loc < 0 || tail.readUInt32LE(loc) !== 0x07064b50) throw new ZipError('zip64 locator missing');
    const rec = await readAt(fh, Number(tail.readBigUInt64LE(loc + 8)), 56);
    if (rec.readUInt32LE(0) !== 0x06064b50) throw new ZipError('zip64 end of central directory missing');
    count = Number(rec.readBigUInt64LE(32));
    cdSize = Number(rec.readBigUInt64LE(40));
    cdOffset = Number(rec.readBigUInt64LE(48));
  }
  if (cdOffset + cdSize > size) throw new ZipError('zip central directory beyond the end of the file');
  const cd = await readAt(fh, cdOffset, cdSize);
  const entries = new Map<string, ZipEntry>();
  let p = 0;
  for (let n = 0; n < count && p + 46 <= cd.length; n++) {
    if (cd.readUInt32LE(p) !== 0x02014b50) throw new ZipError('bad central directory entry');
    const flags = cd.readUInt16LE(p + 8);
    const nameLen = cd.readUInt16LE(p + 28);
    const extraLen = cd.readUInt16LE(p + 30);
    const commentLen = cd.readUInt16LE(p + 32);
    const name = cd.toString(flags & 0x800 ? 'utf8' : 'latin1', p + 46, p + 46 + nameLen);
    const e: ZipEntry = {
      name,
      flags,
      method: cd.readUInt16LE(p + 10),
      csize: cd.readUInt32LE(p + 20),
      usize: cd.readUInt32LE(p + 24),
      localOffset: cd.readUInt32LE(p + 42),
    };
    // Zip64 sizes and offsets live in extra field 0x0001, in this order, only when saturated.
    let x = p + 46 + nameLen;
    const xEnd = x + extraLen;
    while (x + 4 <= xEnd) {
      const id = cd.readUInt16LE(x);
      const len = cd.readUInt16LE(x + 2);
      if (id === 0x0001) {
        let q = x + 4;
        const qEnd = q + len;
        if (e.usize === 0xffffffff && q + 8 <= qEnd) {
          e.usize = Number(cd.readBigUInt64LE(q));
          q += 8;
        }
        if (e.csize === 0xffffffff && q + 8 <= qEnd) {
          e.csize = Number(cd.readBigUInt64LE(q));
          q += 8;
        }
        if (e.localOffset === 0xffffffff && q + 8 <= qEnd) e.localOffset = Number(cd.readBigUInt64LE(q));
      }
      x += 4 + len;
    }
    entries.set(zipKey(name), e);
    p = xEnd + commentLen;
  }
  return entries;
}

function zipKey(name: string): string {
  return name.replace(/\\/g, '/').replace(/^\/+/, '').toLowerCase();
}

interface EntrySource {
  path: string;
  entry: ZipEntry;
  dataStart: number;
  chunk: number;
}

async function entrySource(fh: FileHandle, path: string, entry: ZipEntry, chunk: number): Promise<EntrySource> {
  if (entry.flags & 1) throw new ZipError(`zip entry ${entry.name} is encrypted`);
  if (entry.method !== 0 && entry.method !== 8) {
    throw new ZipError(`unsupported compression method ${entry.method} in ${entry.name}`);
  }
  const head = await readAt(fh, entry.localOffset, 30);
  if (head.readUInt32LE(0) !== 0x04034b50) throw new ZipError(`bad local header for ${entry.name}`);
  return { path, entry, chunk, dataStart: entry.localOffset + 30 + head.readUInt16LE(26) + head.readUInt16LE(28) };
}

async function readCompressed(src: EntrySource): Promise<Buffer> {
  const fh = await open(src.path, 'r');
  try {
    return src.entry.csize === 0 ? Buffer.alloc(0) : await readAt(fh, src.dataStart, src.entry.csize);
  } finally {
    await fh.close();
  }
}

async function readEntry(src: EntrySource): Promise<Buffer> {
  const raw = await readCompressed(src);
  return src.entry.method === 8 ? zlib.inflateRawSync(raw) : raw;
}

/** The entry's uncompressed bytes in chunks of about src.chunk bytes; abandoning the loop closes the file. */
async function* entryChunks(src: EntrySource): AsyncGenerator<Buffer> {
  const { entry, chunk: size } = src;
  if (entry.csize === 0) return;
  if (entry.usize <= SMALL_ENTRY) {
    const all = await readEntry(src);
    for (let i = 0; i < all.length; i += size) yield all.subarray(i, Math.min(all.length, i + size));
    return;
  }
  const file = createReadStream(src.path, { start: src.dataStart, end: src.dataStart + entry.csize - 1, highWaterMark: Math.max(size, 1 << 16) });
  if (entry.method === 0) {
    try {
      for await (const chunk of file) yield chunk as Buffer;
    } finally {
      file.destroy();
    }
    return;
  }
  // zlib inflates on the thread pool; a 2-chunk read-ahead keeps it busy while rows are parsed.
  // (zlib hands stream options such as highWaterMark on to its Transform; the typings omit them.)
  const inflate = zlib.createInflateRaw({ chunkSize: size, highWaterMark: 2 * size } as zlib.ZlibOptions);
  file.on('error', (err) => inflate.destroy(err));
  file.pipe(inflate);
  try {
    for await (const chunk of inflate) yield chunk as Buffer;
  } finally {
    file.destroy();
    inflate.destroy();
  }
}

function xmlText(buf: Buffer): string {
  if (buf.length >= 2 && buf[0] === 0xff && buf[1] === 0xfe) return buf.toString('utf16le', 2);
  if (buf.length >= 2 && buf[0] === 0xfe && buf[1] === 0xff) return Buffer.from(buf.subarray(2)).swap16().toString('utf16le');
  const s = buf.toString('utf8');
  return s.charCodeAt(0) === 0xfeff ? s.slice(1) : s;
}

// ------------------------------------------------------------------------------------------
// Workbook parts: content types, workbook.xml and its rels, styles, shared strings

interface SheetInfo {
  name: string;
  hidden: boolean;
  /** null: a chart, dialog or macro sheet, or a part that is missing; read as an empty sheet. */
  source: EntrySource | null;
}

interface Book {
  fileName: string;
  date1904: boolean;
  sheets: SheetInfo[];
  sst: Cell[];
  /** Per cellXfs index: what the number format shows. */
  kinds: (DateKind | null)[];
}

const WORKBOOK_TYPES = new Set([
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml',
  'application/vnd.ms-excel.sheet.macroEnabled.main+xml',
  'application/vnd.ms-excel.sheet.binary.macroEnabled.main',
  'application/vnd.ms-excel.addin.macroEnabled.main+xml',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.template.main+xml',
]);
const SST_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml';
const STYLES_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml';

/** null when the file is not an OOXML workbook in a zip (the caller hands it to readWorkbook). */
async function openBook(fh: FileHandle, path: string, fileName: string, chunk: number): Promise<Book | null> {
  const { size } = await fh.stat();
  if (size < 4) return null;
  const magic = await readAt(fh, 0, 4);
  if (magic.readUInt32LE(0) !== 0x04034b50) return null;
  try {
    const zip = await readZipDirectory(fh, size);
    const has = (name: string) => zip.has(zipKey(name));
    // SheetJS's order: OpenDocument and Numbers packages first, then [Content_Types].xml.
    if (has('META-INF/manifest.xml') || has('objectdata.xml') || has('Index/Document.iwa') || !has('[Content_Types].xml')) return null;
    const text = async (name: string): Promise<string | null> => {
      const e = zip.get(zipKey(name));
      return e ? xmlText(await readEntry(await entrySource(fh, path, e, chunk))) : null;
    };

    const overrides = new Map<string, string[]>();
    for (const t of xmlTags((await text('[Content_Types].xml')) ?? '')) {
      if (t.name !== 'Override') continue;
      const type = t.attrs.ContentType ?? '';
      const part = t.attrs.PartName ?? '';
      const key = WORKBOOK_TYPES.has(type) ? 'wb' : type === SST_TYPE ? 'sst' : type === STYLES_TYPE ? 'styles' : null;
      if (key) overrides.set(key, [...(overrides.get(key) ?? []), part.replace(/^\//, '')]);
    }
    const wbPath = overrides.get('wb')?.[0] ?? (has('xl/workbook.xml') ? 'xl/workbook.xml' : null);
    if (!wbPath || /\.bin$/i.test(wbPath) || !has(wbPath)) return null;

    const wb = parseWorkbookXml((await text(wbPath)) ?? '');
    if (wb.sheets.length === 0) return null; // readWorkbook says "no sheets"

    const slash = wbPath.lastIndexOf('/');
    let relsPath = `${wbPath.slice(0, slash + 1)}_rels/${wbPath.slice(slash + 1)}.rels`;
    if (!has(relsPath)) relsPath = 'xl/_rels/workbook.xml.rels';
    const rels = new Map<string, { target: string; type: string }>();
    for (const t of xmlTags((await text(relsPath)) ?? '')) {
      if (t.name === 'Relationship' && t.attrs.Id) rels.set(t.attrs.Id, { target: unescapeXml(t.attrs.Target ?? ''), type: t.attrs.Type ?? '' });
    }
    // As SheetJS: one unresolvable sheet id and every sheet falls back to xl/worksheets/sheetN.xml.
    const useRels = wb.sheets.every((s) => rels.has(s.id));
    const sheetDir = relsPath.replace(/_rels\/[\s\S]*$/, '');
    const sheets: SheetInfo[] = [];
    for (let i = 0; i < wb.sheets.length; i++) {
      const s = wb.sheets[i];
      let part: string;
      let isWorksheet = true;
      if (useRels) {
        const rel = rels.get(s.id)!;
        part = 'xl/' + rel.target.replace(/[/]?xl\//, '');
        if (!has(part)) part = rel.target;
        if (!has(part)) part = sheetDir + rel.target;
        isWorksheet = rel.type === '' || /\/worksheet$/.test(rel.type);
      } else {
        part = `xl/worksheets/sheet${i + 1}.xml`;
      }
      const e = zip.get(zipKey(part));
      sheets.push({ name: nfc(s.name), hidden: s.hidden, source: e && isWorksheet ? await entrySource(fh, path, e, chunk) : null });
    }

    const stylesPart = overrides.get('styles')?.[0];
    const kinds = stylesPart && has(stylesPart) ? parseStyles((await text(stylesPart)) ?? '') : [];
    const sstPart = overrides.get('sst')?.[0];
    const sstEntry = sstPart ? zip.get(zipKey(sstPart)) : undefined;
    const sst = sstEntry ? await readSharedStrings(await entrySource(fh, path, sstEntry, chunk)) : [];
    return { fileName, date1904: wb.date1904, sheets, sst, kinds };
  } catch (err) {
    throw wrapError(fileName, err);
  }
}

/** fs errors (missing file, no permission) pass through; everything else is a damaged workbook. */
function wrapError(fileName: string, err: unknown): unknown {
  if (err && typeof err === 'object' && 'syscall' in err) return err;
  if (err instanceof SourceReadError) return err;
  return readFailure(fileName, err);
}

interface XmlTag {
  name: string;
  attrs: Record<string, string>;
}

/** Start tags of a small XML part, namespace prefixes stripped from names and attribute names. */
function* xmlTags(xml: string): Generator<XmlTag> {
  const tagRe = /<([A-Za-z_][\w.:-]*)((?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*\/?>/g;
  const attrRe = /([^\s=]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
  for (let m = tagRe.exec(xml); m; m = tagRe.exec(xml)) {
    const attrs: Record<string, string> = {};
    for (let a = attrRe.exec(m[2]); a; a = attrRe.exec(m[2])) attrs[localName(a[1])] = a[2] ?? a[3];
    attrRe.lastIndex = 0;
    yield { name: localName(m[1]), attrs };
  }
}

function localName(name: string): string {
  const i = name.indexOf(':');
  return i < 0 ? name : name.slice(i + 1);
}

function parseWorkbookXml(xml: string): { date1904: boolean; sheets: { name: string; id: string; hidden: boolean }[] } {
  let date1904 = false;
  const sheets: { name: string; id: string; hidden: boolean }[] = [];
  for (const t of xmlTags(xml)) {
    // x15:workbookPr in extLst has no date1904; only a present attribute counts (as in SheetJS).
    if (t.name === 'workbookPr' && t.attrs.date1904 !== undefined) date1904 = t.attrs.date1904 === '1' || t.attrs.date1904 === 'true';
    else if (t.name === 'sheet') {
      const state = t.attrs.state;
      sheets.push({ name: unescapeXml(t.attrs.name ?? ''), id: t.attrs.id ?? '', hidden: state === 'hidden' || state === 'veryHidden' });
    }
  }
  return { date1904, sheets };
}

// SheetJS resets its format table for every workbook; these are the built-in formats it starts
// from (taken before any workbook is read, when the table still holds only its defaults).
const BUILTIN_FORMATS = Object.fromEntries(
  Object.entries(XLSX.SSF.get_table()).filter(([id, f]) => Number(id) < 164 && typeof f === 'string'),
) as Record<number, string>;

/** cellXfs index → what its number format shows (a custom numFmt, else a built-in one). */
function parseStyles(xml: string): (DateKind | null)[] {
  const custom = new Map<number, string>();
  const xfIds: number[] = [];
  const numFmts = sectionOf(xml, 'numFmts');
  if (numFmts) {
    for (const t of xmlTags(numFmts)) {
      if (t.name === 'numFmt') custom.set(parseInt(t.attrs.numFmtId ?? '', 10), unescapeXml(t.attrs.formatCode ?? ''));
    }
  }
  const cellXfs = sectionOf(xml, 'cellXfs');
  if (cellXfs) {
    for (const t of xmlTags(cellXfs)) if (t.name === 'xf') xfIds.push(t.attrs.numFmtId ? parseInt(t.attrs.numFmtId, 10) : 0);
  }
  return xfIds.map((id) => {
    const fmt = custom.get(id) ?? BUILTIN_FORMATS[id];
    return fmt === undefined ? null : dateKind(fmt);
  });
}

/** The first <name …>…</name> element of a small part, comments removed. */
function sectionOf(xml: string, name: string): string | null {
  const clean = xml.replace(/<!--[\s\S]*?-->/g, '');
  const open = new RegExp(`<(?:\\w+:)?${name}\\b[^<>]*>`).exec(clean);
  if (!open) return null;
  const close = new RegExp(`</(?:\\w+:)?${name}>`, 'g');
  close.lastIndex = open.index + open[0].length;
  const end = close.exec(clean);
  return end ? clean.slice(open.index, end.index + end[0].length) : null;
}

/** The shared-strings table, already in final cell form (NFC text, or null for empty text). */
async function readSharedStrings(src: EntrySource): Promise<Cell[]> {
  const out: Cell[] = [];
  let carry: Buffer | null = null;
  let open = '';
  let close = '';
  for await (const chunk of entryChunks(src)) {
    const data: Buffer = carry ? Buffer.concat([carry, chunk]) : chunk;
    const s = data.toString('latin1');
    let pos = 0;
    if (!open) {
      const m = /<(\w+:)?sst\b/.exec(s);
      if (!m) {
        carry = data.subarray(Math.max(0, data.length - 64));
        continue;
      }
      const prefix = m[1] ?? '';
      open = `<${prefix}si`;
      close = `</${prefix}si>`;
      pos = m.index;
    }
    for (;;) {
      const a = s.indexOf(open, pos);
      if (a < 0) {
        pos = Math.max(pos, s.length - open.length);
        break;
      }
      const gt = s.indexOf('>', a);
      if (gt < 0 || a + open.length >= s.length) {
        pos = a;
        break;
      }
      const ch = s.charCodeAt(a + open.length);
      if (ch !== 62 && ch !== 47 && !isSpace(ch)) {
        pos = a + 1;
        continue;
      }
      if (s.charCodeAt(gt - 1) === 47) {
        out.push(null); // <si/>: an empty string
        pos = gt + 1;
        continue;
      }
      const end = s.indexOf(close, gt);
      if (end < 0) {
        pos = a;
        break;
      }
      out.push(textCell(siText(data.toString('utf8', gt + 1, end).trim())));
      pos = end + close.length;
    }
    carry = pos < data.length ? Buffer.from(data.subarray(pos)) : null;
  }
  return out;
}

function isSpace(ch: number): boolean {
  return ch === 32 || ch === 9 || ch === 10 || ch === 13;
}

function textCell(t: string | undefined): Cell {
  if (t === undefined || t === '') return null;
  return MAY_CHANGE_UNDER_NFC.test(t) ? nfc(t) : t;
}

// ------------------------------------------------------------------------------------------
// Text: SheetJS's rules for <si>/<is> bodies and XML escapes

const SI_PLAIN = /^\s*<(?:\w+:)?t[^>]*>/;
const T_CLOSE = /<\/(?:\w+:)?t>/;
const SI_RUN = /<(?:\w+:)?r\b[^<>]*>/;
const SI_T = /<(?:\w+:)?t\b[^<>]*>([^<]*)<\/(?:\w+:)?t>/g;
const RPH_OPEN = /<(?:\w+:)?rPh\b[^<>]*>/g;
const RPH_CLOSE = /<\/(?:\w+:)?rPh>/g;

/**
 * The text of a shared or inline string body (decoded from UTF-8): a plain <t>, or rich-text runs
 * concatenated with phonetic runs (<rPh>) left out. undefined when it holds neither (SheetJS: no value).
 */
function siText(x: string): string | undefined {
  if (!x) return '';
  if (SI_PLAIN.test(x)) return finishText(x.slice(x.indexOf('>') + 1).split(T_CLOSE)[0] || '');
  if (!SI_RUN.test(x)) return undefined;
  const runs = x.includes('rPh') ? removeRph(x) : x;
  let text = '';
  SI_T.lastIndex = 0;
  for (let m = SI_T.exec(runs); m; m = SI_T.exec(runs)) text += m[1];
  return finishText(text);
}

function removeRph(x: string): string {
  let out = '';
  let from = 0;
  RPH_OPEN.lastIndex = 0;
  for (let m = RPH_OPEN.exec(x); m; m = RPH_OPEN.exec(x)) {
    out += x.slice(from, m.index);
    RPH_CLOSE.lastIndex = RPH_OPEN.lastIndex;
    const end = RPH_CLOSE.exec(x);
    if (!end) return out;
    from = RPH_CLOSE.lastIndex;
    RPH_OPEN.lastIndex = from;
  }
  return out + x.slice(from);
}

/** Escapes decoded and Windows line ends folded, as SheetJS's unescapexml(…, true). */
function finishText(t: string): string {
  const u = unescapeXml(t);
  return u.indexOf('\r\n') >= 0 ? u.replace(/\r\n/g, '\n') : u;
}

const ENTITY = /&(?:quot|apos|gt|lt|amp|#x?([\da-fA-F]+));/gi;
const XCODE = /_x([\da-fA-F]{4})_/gi;
const NAMED: Record<string, string> = { '&quot;': '"', '&apos;': "'", '&gt;': '>', '&lt;': '<', '&amp;': '&' };

/** XML entities, then Excel's _xHHHH_ escapes (one pass, so _x005F_x000D_ reads "_x000D_"); CDATA kept as is. */
function unescapeXml(s: string): string {
  if (s.indexOf('&') < 0 && s.indexOf('_') < 0 && s.indexOf('<') < 0) return s;
  const i = s.indexOf('<![CDATA[');
  if (i >= 0) {
    const j = s.indexOf(']]>', i);
    if (j >= 0) return unescapeXml(s.slice(0, i)) + s.slice(i + 9, j) + unescapeXml(s.slice(j + 3));
  }
  let out = s;
  if (out.indexOf('&') >= 0) {
    out = out.replace(ENTITY, (m: string, code: string | undefined) =>
      NAMED[m] ?? (code === undefined ? '\u0000' : String.fromCharCode(parseInt(code, m.indexOf('x') > -1 ? 16 : 10))),
    );
  }
  if (out.indexOf('_') >= 0) out = out.replace(XCODE, (_m: string, c: string) => String.fromCharCode(parseInt(c, 16)));
  return out;
}

// ------------------------------------------------------------------------------------------
// Sheets

async function prepareSheet(book: Book, info: SheetInfo): Promise<StreamedSheet> {
  const { fileName } = book;
  let merges: Merge[] = [];
  let width = Infinity;
  if (info.source) {
    try {
      merges = await scanMerges(info.source);
      if (merges.length > 0) width = await extentWidth(book, info.source, merges);
    } catch (err) {
      throw wrapError(fileName, err);
    }
  }
  const listed = merges.map((m) => ({ ...m, c1: Math.min(m.c1, width - 1) }));
  const sheet: StreamedSheet = {
    name: info.name,
    hidden: info.hidden,
    date1904: book.date1904,
    merges: listed,
    warnings: [],
    async *rows() {
      if (!info.source) return;
      const assembler = new RowAssembler(merges, width);
      const parser = new SheetParser(book, (r, cells) => assembler.add(r, cells));
      try {
        for await (const chunk of entryChunks(info.source)) {
          parser.push(chunk);
          if (assembler.queue.length > 0) {
            const ready = assembler.queue;
            assembler.queue = [];
            for (const row of ready) yield row;
          }
          if (parser.done) break;
        }
        parser.end();
      } catch (err) {
        throw wrapError(fileName, err);
      }
      for (const row of assembler.queue) yield row;
      assembler.queue = [];
      sheet.merges.length = 0;
      sheet.merges.push(...assembler.finalMerges());
      sheet.warnings = errorWarnings(info.name, parser.errors);
    },
  };
  return sheet;
}

function errorWarnings(name: string, errors: Map<string, number>): string[] {
  if (errors.size === 0) return [];
  const total = [...errors.values()].reduce((a, b) => a + b, 0);
  const kinds = [...errors.keys()].join(', ');
  return [`Trang tính "${name}": ${total} ô lỗi (${kinds}) được đọc là ô trống / Sheet "${name}": ${total} error cells (${kinds}) read as empty`];
}

const MERGE_WORD = Buffer.from('mergeCell', 'latin1');

/** Pass 1: every <mergeCell ref=…> of the sheet, found in the raw inflated bytes. */
async function scanMerges(src: EntrySource): Promise<Merge[]> {
  const merges: Merge[] = [];
  const word = MERGE_WORD;
  // Set only when a chunk ends inside a tag or with the start of the word: then the next chunk is
  // joined to it (it begins with the byte before the word, which tells '<mergeCell' from text).
  let carry: Buffer | null = null;
  let lastByte = 0;
  for await (const chunk of entryChunks(src)) {
    const data: Buffer = carry ? Buffer.concat([carry, chunk]) : chunk;
    const joined = carry !== null;
    carry = null;
    let at = data.indexOf(word);
    while (at >= 0) {
      const gt = data.indexOf(0x3e, at); // '>'
      if (gt < 0) {
        carry = at > 0 ? Buffer.from(data.subarray(at - 1)) : Buffer.concat([Buffer.from([lastByte]), data]);
        break;
      }
      const before = at > 0 ? data[at - 1] : joined ? 0 : lastByte;
      const after = data[at + word.length];
      if ((before === 0x3c || before === 0x3a) && (isSpace(after) || after === 0x2f || after === 0x3e)) {
        const ref = /\sref\s*=\s*["']([^"']*)["']/.exec(data.toString('latin1', at, gt));
        if (ref) merges.push(decodeRange(ref[1]));
      }
      at = data.indexOf(word, gt);
    }
    if (!carry) {
      let k = Math.min(word.length - 1, data.length - 1);
      while (k > 0 && !data.subarray(data.length - k).equals(word.subarray(0, k))) k--;
      if (k > 0) carry = Buffer.from(data.subarray(data.length - k - 1));
    }
    if (data.length > 0) lastByte = data[data.length - 1];
  }
  return merges;
}

/** SheetJS's decode_range: letters and digits of each end, '$' and anything else ignored. */
function decodeRange(ref: string): Merge {
  const colon = ref.indexOf(':');
  const s = decodeCell(colon < 0 ? ref : ref.slice(0, colon));
  const e = colon < 0 ? s : decodeCell(ref.slice(colon + 1));
  return { r0: s.r, c0: s.c, r1: e.r, c1: e.c };
}

function decodeCell(ref: string): { r: number; c: number } {
  let r = 0;
  let c = 0;
  for (let i = 0; i < ref.length; i++) {
    const ch = ref.charCodeAt(i);
    if (ch >= 48 && ch <= 57) r = 10 * r + (ch - 48);
    else if (ch >= 65 && ch <= 90) c = 26 * c + (ch - 64);
  }
  return { r: r - 1, c: c - 1 };
}

/**
 * Pass 2: the sheet's width (longest row, trailing empty cells left out) as readWorkbook clips
 * merges to it. Stops as soon as some row is wider than every merge — then no clip applies.
 */
async function extentWidth(book: Book, src: EntrySource, merges: Merge[]): Promise<number> {
  const widest = merges.reduce((w, m) => Math.max(w, m.c1), -1);
  let width = 0;
  const parser = new SheetParser(book, (_r, cells) => {
    if (cells.length > width) width = cells.length;
  });
  for await (const chunk of entryChunks(src)) {
    parser.push(chunk);
    if (width > widest) return Infinity;
    if (parser.done) break;
  }
  parser.end();
  return width > widest ? Infinity : width;
}

/**
 * Turns parsed rows into the rows readWorkbook would have: gaps become empty rows, merged values
 * are copied into the cells they cover, and empty rows at the end are never yielded.
 */
class RowAssembler {
  queue: { r: number; cells: Cell[] }[] = [];
  private next = 0;
  private width = 0;
  // Merges in start-row order, their top-left values, and the ones covering the current row.
  private readonly order: number[];
  private readonly values: Cell[];
  private captured = 0;
  private activated = 0;
  private active: number[] = [];

  constructor(
    private readonly merges: Merge[],
    private readonly clipWidth: number,
  ) {
    this.order = merges.map((_, i) => i).sort((a, b) => merges[a].r0 - merges[b].r0 || a - b);
    this.values = merges.map(() => null);
  }

  /** `cells` is trimmed and has no holes; rows come in increasing r. */
  add(r: number, cells: Cell[]): void {
    const { order, merges } = this;
    while (this.captured < order.length && merges[order[this.captured]].r0 <= r) {
      const m = merges[order[this.captured++]];
      if (m.r0 === r) this.values[order[this.captured - 1]] = cells[m.c0] ?? null;
    }
    if (cells.length === 0) return; // emitted later as a gap if a non-empty row follows
    if (cells.length > this.width) this.width = cells.length;
    for (let q = this.next; q < r; q++) this.emit(q, []);
    this.emit(r, cells);
    this.next = r + 1;
  }

  private emit(q: number, cells: Cell[]): void {
    if (this.merges.length > 0) this.fill(q, cells);
    this.queue.push({ r: q, cells });
  }

  private fill(q: number, cells: Cell[]): void {
    const { order, merges } = this;
    let changed = false;
    while (this.activated < order.length && merges[order[this.activated]].r0 <= q) {
      this.active.push(order[this.activated++]);
      changed = true;
    }
    if (changed) this.active.sort((a, b) => a - b); // list order decides overlapping merges, as in readWorkbook
    let expired = false;
    for (const i of this.active) {
      const m = merges[i];
      if (m.r1 < q) {
        expired = true;
        continue;
      }
      const value = this.values[i];
      if (value === null) continue;
      const c1 = Math.min(m.c1, this.clipWidth - 1);
      for (let c = m.c0; c <= c1; c++) if (cells[c] === undefined || cells[c] === null) cells[c] = value;
    }
    if (expired) this.active = this.active.filter((i) => merges[i].r1 >= q);
    for (let c = 0; c < cells.length; c++) if (cells[c] === undefined) cells[c] = null;
  }

  /** The merge list readWorkbook reports: clipped to the rows and width that exist. */
  finalMerges(): Merge[] {
    const out: Merge[] = [];
    for (const m of this.merges) {
      const merge = { r0: m.r0, c0: m.c0, r1: Math.min(m.r1, this.next - 1), c1: Math.min(m.c1, this.width - 1) };
      if (merge.r0 > merge.r1 || merge.c0 > merge.c1) continue;
      out.push(merge);
    }
    return out;
  }
}

// Cell types (the t attribute).
const T_N = 0;
const T_S = 1;
const T_STR = 2;
const T_INLINE = 3;
const T_B = 4;
const T_E = 5;
const T_D = 6;
const T_OTHER = 7;

// Column XFD, Excel's last; a reference past it is malformed and its cell is dropped.
const MAX_COLUMN = 16_383;

// Error texts readWorkbook names in its warning; any other reads '#ERROR'.
const KNOWN_ERRORS = new Map(['#NULL!', '#DIV/0!', '#VALUE!', '#REF!', '#NAME?', '#NUM!', '#N/A', '#GETTING_DATA'].map((e) => [e, e]));

/**
 * The row scanner. Chunks of the inflated sheet are viewed as latin1 strings, so a string index
 * is a byte offset: tags are found with indexOf, and only text values are decoded from UTF-8.
 * Rows are parsed whole; an unfinished row waits for the next chunk.
 */
class SheetParser {
  done = false;
  readonly errors = new Map<string, number>();
  private started = false;
  private carry: Buffer | null = null;
  private lastRow = -1;
  private readonly dateCache = [new Map<number, Cell>(), new Map<number, Cell>(), new Map<number, Cell>(), new Map<number, Cell>()];
  private plain = true; // no namespace prefix: tags are checked character by character
  private readonly caches: (TextCache | null | undefined)[] = [];
  private firstCellRow = -1;
  private rowCloseBytes = Buffer.from('</row>', 'latin1');
  // Tag texts with the sheet's namespace prefix ('' or e.g. 'x:').
  private rowOpen = '<row';
  private rowClose = '</row>';
  private cOpen = '<c';
  private cClose = '</c>';
  private vOpen = '<v';
  private vClose = '</v>';
  private fOpen = '<f';
  private fClose = '</f>';
  private isOpen = '<is';
  private isClose = '</is>';
  private tOpen = '<t';
  private tClose = '</t>';
  private sheetDataClose = '</sheetData>';

  constructor(
    private readonly book: Book,
    private readonly onRow: (r: number, cells: Cell[]) => void,
  ) {}

  push(chunk: Buffer): void {
    if (this.done) return;
    const carry = this.carry;
    this.carry = null;
    if (carry && this.started) {
      // The row cut by the previous chunk's end is completed with this chunk's head, so the rest
      // of the chunk is parsed in place instead of being copied behind the carried bytes.
      const cut = chunk.indexOf(this.rowCloseBytes);
      if (cut < 0) {
        this.parse(Buffer.concat([carry, chunk])); // a row longer than a chunk, or the sheet's end
        return;
      }
      const split = cut + this.rowCloseBytes.length;
      this.parse(Buffer.concat([carry, chunk.subarray(0, split)]));
      if (this.done) return;
      const left = this.carry as Buffer | null;
      this.carry = null;
      this.parse(left ? Buffer.concat([left, chunk.subarray(split)]) : chunk.subarray(split));
      return;
    }
    this.parse(carry ? Buffer.concat([carry, chunk]) : chunk);
  }

  private parse(data: Buffer): void {
    if (!this.started && data.length >= 2 && ((data[0] === 0xff && data[1] === 0xfe) || (data[0] === 0xfe && data[1] === 0xff))) {
      throw new Error('UTF-16 sheet XML is not supported');
    }
    const s = data.toString('latin1');
    let pos = 0;
    if (!this.started) {
      const m = /<(\w+:)?sheetData\b[^>]*>/.exec(s);
      if (!m) {
        this.carry = Buffer.from(data.subarray(Math.max(0, data.length - 256)));
        return;
      }
      this.setPrefix(m[1] ?? '');
      this.started = true;
      if (m[0].endsWith('/>')) {
        this.done = true;
        return;
      }
      pos = m.index + m[0].length;
    }
    pos = this.parseRows(s, data, pos);
    if (!this.done && pos < data.length) this.carry = data.subarray(pos);
  }

  /** End of the entry: whatever is left is an unfinished row of a truncated sheet, and is dropped. */
  end(): void {
    this.carry = null;
  }

  private setPrefix(p: string): void {
    this.plain = p === '';
    this.rowOpen = `<${p}row`;
    this.rowClose = `</${p}row>`;
    this.cOpen = `<${p}c`;
    this.cClose = `</${p}c>`;
    this.vOpen = `<${p}v`;
    this.vClose = `</${p}v>`;
    this.fOpen = `<${p}f`;
    this.fClose = `</${p}f>`;
    this.isOpen = `<${p}is`;
    this.isClose = `</${p}is>`;
    this.tOpen = `<${p}t`;
    this.tClose = `</${p}t>`;
    this.sheetDataClose = `</${p}sheetData>`;
    this.rowCloseBytes = Buffer.from(this.rowClose, 'latin1');
  }

  /** Parses the complete rows from s[pos]; returns where the unparsed rest starts. */
  private parseRows(s: string, data: Buffer, pos: number): number {
    const { rowOpen, rowClose } = this;
    // Rows up to the last </row> are complete; the rest waits for the next chunk. </sheetData>
    // can only come after that last row.
    const lastClose = s.lastIndexOf(rowClose);
    const end = lastClose < pos ? -1 : lastClose + rowClose.length;
    let limit = s.length;
    const close = s.indexOf(this.sheetDataClose, Math.max(pos, end));
    if (close >= 0) {
      limit = close;
      this.done = true;
    }
    for (;;) {
      const rs = s.startsWith(rowOpen, pos) ? pos : s.indexOf(rowOpen, pos);
      // Keep a tail that may be the start of a row or of </sheetData>, cut by the chunk end.
      if (rs < 0 || rs >= limit) return Math.max(pos, end, limit - this.sheetDataClose.length);
      if (rs + rowOpen.length >= limit) return rs; // cut right after '<row'
      const after = s.charCodeAt(rs + rowOpen.length);
      if (after !== 62 && after !== 47 && !isSpace(after)) {
        pos = rs + 1;
        continue;
      }
      const te = s.indexOf('>', rs);
      if (te < 0 || te >= limit) return rs;
      const rAttr = attrInt(s, rs + rowOpen.length, te, 114 /* r */);
      if (s.charCodeAt(te - 1) === 47) {
        // <row …/>: no cells
        this.lastRow = this.rowIndex(rAttr, -1);
        pos = te + 1;
        continue;
      }
      if (rs >= end) return rs;
      const cells: Cell[] = [];
      this.firstCellRow = -1;
      pos = this.parseCells(s, data, te + 1, end, cells);
      const r = this.rowIndex(rAttr, this.firstCellRow);
      this.lastRow = r;
      let n = cells.length;
      while (n > 0 && cells[n - 1] === null) n--;
      if (n < cells.length) cells.length = n;
      this.onRow(r, cells);
    }
  }

  /** The row's 0-based index: its r attribute, else its first cell's, else one after the last. */
  private rowIndex(rAttr: number, firstCellRow: number): number {
    let r = rAttr > 0 ? rAttr - 1 : firstCellRow >= 0 ? firstCellRow : this.lastRow + 1;
    // Rows must rise; a malformed file's backward row goes after the last one instead.
    if (r <= this.lastRow) r = this.lastRow + 1;
    return r;
  }

  /**
   * Cells of one row, from s[from] to its </row> (at most s[to]), into `cells`; returns where the
   * next row starts, and notes the first cell reference's row in firstCellRow. The common shapes,
   * <c …><v>…</v></c> and <c …><is><t>…</t></is></c>, are read by looking at the characters in
   * place; anything else takes the general path.
   */
  private parseCells(s: string, data: Buffer, from: number, to: number, cells: Cell[]): number {
    const plain = this.plain;
    const cLen = this.cOpen.length;
    let col = -1;
    let j = from;
    for (;;) {
      if (j >= to) return to;
      if (s.charCodeAt(j) !== 60) {
        j = s.indexOf('<', j);
        if (j < 0 || j >= to) return to;
      }
      const cs = j;
      if (plain ? s.charCodeAt(j + 1) !== 99 || !isTagEnd(s.charCodeAt(j + 2)) : !this.isElement(s, j, this.cOpen)) {
        if (s.startsWith(this.rowClose, j)) return j + this.rowClose.length;
        j = skipElement(s, j, to);
        continue;
      }

      // Attributes r, s, t, up to the tag's '>'.
      let refCol = -1;
      let refRow = -1;
      let style = -1;
      let type = T_N;
      let hasType = false;
      let a = cs + cLen;
      let ch = 0;
      for (;;) {
        ch = s.charCodeAt(a);
        if (ch === 62 || a >= to) break;
        if (ch === 32 || ch === 47 || isSpace(ch)) {
          a++;
          continue;
        }
        const ns = a;
        while (a < to && (ch = s.charCodeAt(a)) !== 61 && ch !== 62 && !isSpace(ch)) a++;
        const ne = a;
        while (isSpace(ch)) ch = s.charCodeAt(++a);
        if (ch !== 61) continue;
        ch = s.charCodeAt(++a);
        while (isSpace(ch)) ch = s.charCodeAt(++a);
        if (ch !== 34 && ch !== 39) continue; // unquoted: not an attribute SheetJS reads either
        const vs = a + 1;
        let ve = vs;
        while (ve < to && s.charCodeAt(ve) !== ch) ve++;
        a = ve + 1;
        if (ne - ns !== 1) continue;
        const name = s.charCodeAt(ns);
        if (name === 114 /* r */) {
          let c = 0;
          let r = 0;
          let digits = false;
          for (let i = vs; i < ve; i++) {
            const d = s.charCodeAt(i);
            if (d >= 48 && d <= 57) {
              r = 10 * r + (d - 48);
              digits = true;
            } else if (d >= 65 && d <= 90) c = 26 * c + (d - 64);
          }
          refCol = c - 1;
          if (digits) refRow = r - 1;
        } else if (name === 115 /* s */) {
          style = 0;
          for (let i = vs; i < ve; i++) {
            const d = s.charCodeAt(i) - 48;
            if (d < 0 || d > 9) break;
            style = 10 * style + d;
          }
        } else if (name === 116 /* t */) {
          hasType = true;
          type = typeCode(s, vs, ve);
        }
      }
      if (a >= to) return to;
      const te = a;
      col = refCol >= 0 ? refCol : col + 1;
      if (this.firstCellRow < 0 && refRow >= 0) this.firstCellRow = refRow;

      // Children: <f> skipped, the first <v> and <is> located.
      let vs = -1;
      let ve = -1;
      let is = -1;
      let ie = -1;
      let ts = -1; // <is><t>text</t></is>: the text's bounds
      let tEnd = -1;
      if (s.charCodeAt(te - 1) === 47) {
        j = te + 1;
      } else {
        let k = te + 1;
        while (k < to) {
          if (s.charCodeAt(k) !== 60) {
            k = s.indexOf('<', k);
            if (k < 0) k = to;
            continue;
          }
          const c1 = s.charCodeAt(k + 1);
          if (c1 === 47) break; // a closing tag: </c>
          if (plain ? c1 === 118 && s.charCodeAt(k + 2) === 62 : false) {
            // <v>…</v>
            const close = s.indexOf('<', k + 3);
            if (close < 0 || close >= to) break;
            if (vs < 0) {
              vs = k + 3;
              ve = close;
            }
            if (s.charCodeAt(close + 1) === 47 && s.charCodeAt(close + 2) === 118 && s.charCodeAt(close + 3) === 62) k = close + 4;
            else {
              // CDATA or other markup inside <v>: take the text up to </v>
              const end = s.indexOf(this.vClose, k);
              if (end < 0 || end >= to) break;
              if (vs === k + 3) ve = end;
              k = end + this.vClose.length;
            }
          } else if (plain && c1 === 105 && s.charCodeAt(k + 2) === 115 && s.charCodeAt(k + 3) === 62 && s.charCodeAt(k + 4) === 60 && s.charCodeAt(k + 5) === 116 && s.charCodeAt(k + 6) === 62 && is < 0 && isPlainInlineEnd(s, (tEnd = s.indexOf('<', k + 7)))) {
            ts = k + 7;
            is = ts; // (marks the inline string as found)
            k = tEnd + 9;
          } else if (this.isElement(s, k, this.vOpen)) {
            const gt = s.indexOf('>', k);
            if (gt < 0 || gt >= to) break;
            if (s.charCodeAt(gt - 1) === 47) {
              k = gt + 1;
              continue;
            }
            const end = s.indexOf(this.vClose, gt);
            if (end < 0 || end >= to) break;
            if (vs < 0) {
              vs = gt + 1;
              ve = end;
            }
            k = end + this.vClose.length;
          } else if (this.isElement(s, k, this.isOpen)) {
            const gt = s.indexOf('>', k);
            if (gt < 0 || gt >= to) break;
            if (s.charCodeAt(gt - 1) === 47) {
              k = gt + 1;
              continue;
            }
            const end = s.indexOf(this.isClose, gt);
            if (end < 0 || end >= to) break;
            if (is < 0) {
              is = gt + 1;
              ie = end;
            }
            k = end + this.isClose.length;
          } else if (this.isElement(s, k, this.fOpen)) {
            const gt = s.indexOf('>', k);
            if (gt < 0 || gt >= to) break;
            if (s.charCodeAt(gt - 1) === 47) k = gt + 1;
            else {
              const end = s.indexOf(this.fClose, gt);
              if (end < 0 || end >= to) break;
              k = end + this.fClose.length;
            }
          } else {
            break; // <extLst> and the like carry no value
          }
        }
        if (plain && s.charCodeAt(k) === 60 && s.charCodeAt(k + 1) === 47 && s.charCodeAt(k + 2) === 99 && s.charCodeAt(k + 3) === 62) j = k + 4;
        else {
          const end = s.indexOf(this.cClose, k);
          j = end < 0 || end >= to ? to : end + this.cClose.length;
        }
      }
      if (vs === ve) vs = ve = -1; // <v></v> is no value (SheetJS)

      // SheetJS: no type and no value → no cell.
      if (!hasType && vs < 0) continue;
      let value: Cell | undefined;
      switch (type) {
        case T_N:
          if (vs >= 0) value = this.number(parseNumber(s, vs, ve), style);
          break;
        case T_S: {
          if (vs < 0) break;
          let idx = 0;
          for (let i = vs; i < ve; i++) {
            const d = s.charCodeAt(i) - 48;
            if (d < 0 || d > 9) break;
            idx = 10 * idx + d;
          }
          if (idx >= this.book.sst.length) throw new Error(`shared string ${idx} missing`);
          value = this.book.sst[idx];
          break;
        }
        case T_STR:
          value = vs < 0 ? null : this.text(s, data, vs, ve, col);
          break;
        case T_INLINE:
          value = ts >= 0 ? this.text(s, data, ts, tEnd, col) : is < 0 ? null : this.inline(s, data, is, ie, col);
          break;
        case T_B: {
          const v = vs < 0 ? '' : s.slice(vs, ve);
          value = v === '1' || v === 'true';
          break;
        }
        case T_E: {
          const text = vs < 0 ? '' : s.slice(vs, ve);
          const kind = KNOWN_ERRORS.get(text) ?? '#ERROR';
          this.errors.set(kind, (this.errors.get(kind) ?? 0) + 1);
          value = null;
          break;
        }
        case T_D:
          value = vs < 0 ? null : this.number(isoToSerial(utf8(data, vs, ve), this.book.date1904), style);
          break;
        default:
          value = null;
      }
      if (value === undefined || col > MAX_COLUMN) continue;
      // Cells usually come in column order: the row stays a packed array, gaps filled with null.
      if (col === cells.length) cells.push(value);
      else if (col < cells.length) cells[col] = value;
      else {
        while (cells.length < col) cells.push(null);
        cells.push(value);
      }
    }
  }

  /** `open` ('<v', '<x:is', …) starts at s[k] as a whole element name. */
  private isElement(s: string, k: number, open: string): boolean {
    return s.startsWith(open, k) && isTagEnd(s.charCodeAt(k + open.length));
  }

  private number(v: number, style: number): Cell {
    if (!Number.isFinite(v)) return null;
    const kind = style >= 0 ? this.book.kinds[style] : null;
    if (!kind) return v;
    // Dates repeat a lot within a sheet; the text is cached per serial and kind.
    const cache = this.dateCache[KIND_CODE[kind]];
    let text = cache.get(v);
    if (text === undefined) {
      if (cache.size > 100_000) cache.clear();
      text = serialToText(v, kind, this.book.date1904);
      cache.set(v, text);
    }
    return text;
  }

  /**
   * Text content in data[a, b) (s[a, b) as latin1): UTF-8 decoded, escapes read, NFC; empty text
   * is no value. Columns whose values repeat (district, status, …) get a cache keyed by the raw
   * bytes, which skips decoding; a column is left uncached once most lookups miss.
   */
  private text(s: string, data: Buffer, a: number, b: number, col: number): Cell {
    if (a === b) return null;
    const cache = b - a <= 256 ? this.columnCache(col) : null;
    let key = '';
    if (cache) {
      key = s.slice(a, b);
      const hit = cache.values.get(key);
      cache.lookups++;
      if (hit !== undefined) return hit;
      cache.misses++;
    }
    let ascii = true;
    let special = false;
    for (let i = a; i < b; i++) {
      const ch = s.charCodeAt(i);
      if (ch >= 128) ascii = false;
      else if (ch === 38 || ch === 95 || ch === 60 || ch === 13) special = true; // & _ < CR
    }
    // Copies, not slices of s: a slice would keep the whole chunk alive as long as the value.
    let t = ascii ? (b - a < 13 ? s.slice(a, b) : latin1(data, a, b)) : utf8(data, a, b);
    if (special) t = finishText(t);
    if (!ascii && MAY_CHANGE_UNDER_NFC.test(t)) t = nfc(t);
    const value = t === '' ? null : t;
    if (cache) {
      if (cache.lookups >= 512 && cache.misses * 2 > cache.lookups) this.caches[col] = null;
      else if (cache.values.size < 4096) cache.values.set(b - a < 13 ? key : latin1(data, a, b), value);
    }
    return value;
  }

  private columnCache(col: number): TextCache | null {
    let cache = this.caches[col];
    if (cache === undefined) this.caches[col] = cache = { values: new Map(), lookups: 0, misses: 0 };
    return cache;
  }

  /** An <is> body in s[is, ie): the plain <t>…</t> fast path, else SheetJS's general rule. */
  private inline(s: string, data: Buffer, is: number, ie: number, col: number): Cell {
    if (this.plain ? s.charCodeAt(is) === 60 && s.charCodeAt(is + 1) === 116 : s.startsWith(this.tOpen, is)) {
      const t = is + this.tOpen.length;
      const after = s.charCodeAt(t);
      const gt = after === 62 ? t : after === 32 || isSpace(after) ? s.indexOf('>', t) : -1;
      if (gt > 0 && gt < ie && s.charCodeAt(gt - 1) !== 47) {
        const close = ie - this.tClose.length;
        // The body is exactly <t …>text</t> when the only '<' after the start tag is the </t>.
        if (close > gt && s.startsWith(this.tClose, close) && s.indexOf('<', gt + 1) === close) return this.text(s, data, gt + 1, close, col);
      }
    }
    return textCell(siText(utf8(data, is, ie)));
  }
}

interface TextCache {
  values: Map<string, Cell>;
  lookups: number;
  misses: number;
}

type FastBuffer = Buffer & { utf8Slice?: (start: number, end: number) => string; latin1Slice?: (start: number, end: number) => string };

// Buffer#utf8Slice and #latin1Slice skip toString's argument handling, a large share of decoding
// a short value. (V8 makes substrings of 13+ characters views of their parent string.)
const utf8: (data: Buffer, a: number, b: number) => string =
  typeof (Buffer.prototype as FastBuffer).utf8Slice === 'function'
    ? (data, a, b) => (data as FastBuffer).utf8Slice!(a, b)
    : (data, a, b) => data.toString('utf8', a, b);
const latin1: (data: Buffer, a: number, b: number) => string =
  typeof (Buffer.prototype as FastBuffer).latin1Slice === 'function'
    ? (data, a, b) => (data as FastBuffer).latin1Slice!(a, b)
    : (data, a, b) => data.toString('latin1', a, b);
// Code points below U+0300 and in U+1E00–U+1EFF are NFC quick-check "yes": NFC leaves text of only
// those unchanged (checked in the tests), so nfc() is called only for text with anything else.
const MAY_CHANGE_UNDER_NFC = /[^\u0000-\u02ff\u1e00-\u1eff]/;

/** parseFloat of s[a, b), with plain integers read in place. */
function parseNumber(s: string, a: number, b: number): number {
  let i = a;
  let neg = false;
  if (s.charCodeAt(i) === 45) {
    neg = true;
    i++;
  }
  if (i < b && b - i <= 15) {
    let v = 0;
    for (; i < b; i++) {
      const d = s.charCodeAt(i) - 48;
      if (d < 0 || d > 9) break;
      v = 10 * v + d;
    }
    if (i === b) return neg ? -v : v;
  }
  return parseFloat(s.slice(a, b));
}

const KIND_CODE: Record<DateKind, number> = { date: 0, datetime: 1, time: 2, duration: 3 };

function isTagEnd(ch: number): boolean {
  return ch === 62 || ch === 47 || isSpace(ch);
}

function typeCode(s: string, vs: number, ve: number): number {
  const len = ve - vs;
  if (len === 0) return T_N;
  const c = s.charCodeAt(vs);
  if (len === 1) {
    if (c === 115) return T_S;
    if (c === 110) return T_N;
    if (c === 98) return T_B;
    if (c === 101) return T_E;
    if (c === 100) return T_D;
    return T_OTHER;
  }
  if (len === 3 && c === 115 && s.charCodeAt(vs + 1) === 116 && s.charCodeAt(vs + 2) === 114) return T_STR;
  if (len === 9 && c === 105 && sameText(s, vs, 'inlineStr')) return T_INLINE;
  return T_OTHER;
}

function sameText(s: string, at: number, text: string): boolean {
  for (let i = 0; i < text.length; i++) if (s.charCodeAt(at + i) !== text.charCodeAt(i)) return false;
  return true;
}

/** `</t></is>` at s[i]. */
function isPlainInlineEnd(s: string, i: number): boolean {
  return (
    i > 0 &&
    s.charCodeAt(i + 1) === 47 &&
    s.charCodeAt(i + 2) === 116 &&
    s.charCodeAt(i + 3) === 62 &&
    s.charCodeAt(i + 4) === 60 &&
    s.charCodeAt(i + 5) === 47 &&
    s.charCodeAt(i + 6) === 105 &&
    s.charCodeAt(i + 7) === 115 &&
    s.charCodeAt(i + 8) === 62
  );
}

/** Past the element (or stray closing tag) starting at s[j], or `to` if it does not end before. */
function skipElement(s: string, j: number, to: number): number {
  const gt = s.indexOf('>', j);
  if (gt < 0 || gt >= to) return to;
  if (s.charCodeAt(j + 1) === 47 || s.charCodeAt(gt - 1) === 47) return gt + 1;
  let e = j + 1;
  while (e < gt && !isTagEnd(s.charCodeAt(e))) e++;
  const close = s.indexOf(`</${s.slice(j + 1, e)}>`, gt);
  return close < 0 || close >= to ? to : close + e - j + 2;
}

/** An integer attribute `name` (one letter) of the tag in s[from, to), or -1. */
function attrInt(s: string, from: number, to: number, name: number): number {
  let a = from;
  while (a < to) {
    const ch = s.charCodeAt(a);
    if (ch === name && isSpace(s.charCodeAt(a - 1))) {
      let k = a + 1;
      while (isSpace(s.charCodeAt(k))) k++;
      if (s.charCodeAt(k) === 61) {
        k++;
        while (isSpace(s.charCodeAt(k))) k++;
        const q = s.charCodeAt(k);
        if (q === 34 || q === 39) {
          let v = 0;
          let any = false;
          for (k++; k < to; k++) {
            const d = s.charCodeAt(k) - 48;
            if (d < 0 || d > 9) break;
            v = 10 * v + d;
            any = true;
          }
          return any ? v : -1;
        }
      }
    }
    if (ch === 34 || ch === 39) {
      // skip a quoted value so its text is not taken for a name
      const close = s.indexOf(ch === 34 ? '"' : "'", a + 1);
      a = close < 0 ? to : close + 1;
      continue;
    }
    a++;
  }
  return -1;
}

const DAY_MS = 86_400_000;
const EPOCH_1899_12_30 = Date.UTC(1899, 11, 30);

/** SheetJS's reading of a t="d" cell (ISO text) as a serial number: parseDate, then datenum. */
function isoToSerial(text: string, date1904: boolean): number {
  let ms: number;
  let m = /^(\d+):(\d+)(:\d+)?(\.\d+)?$/.exec(text);
  if (m) {
    const base = date1904 ? Date.UTC(1904, 0, 1) : Date.UTC(1899, 11, 31);
    ms =
      base +
      ((parseInt(m[1], 10) * 60 + parseInt(m[2], 10)) * 60 + (m[3] ? parseInt(m[3].slice(1), 10) : 0)) * 1000 +
      (m[4] ? parseInt((m[4] + '000').slice(1, 4), 10) : 0);
  } else if ((m = /^(\d+)-(\d+)-(\d+)$/.exec(text))) {
    ms = Date.UTC(+m[1], +m[2] - 1, +m[3], 0, 0, 0, 0);
  } else if ((m = /^(\d+)-(\d+)-(\d+)[T ](\d+):(\d+)(:\d+)?(\.\d+)?$/.exec(text))) {
    ms = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], (m[6] && parseInt(m[6].slice(1), 10)) || 0, (m[7] && parseInt((m[7] + '0000').slice(1, 4), 10)) || 0);
  } else {
    ms = new Date(text).getTime();
  }
  const res = (ms - EPOCH_1899_12_30) / DAY_MS;
  if (date1904) {
    const r = res - 1462;
    return r < -1402 ? r - 1 : r;
  }
  return res < 60 ? res - 1 : res;
}
