// A minimal streaming .xlsx writer for the benchmark files. SheetJS builds a sheet's XML as one
// string, which breaks V8's string limit past ~600,000 rows; this writes the sheet in deflated
// chunks straight to disk, so a million rows take a few megabytes of memory.
// One sheet, inline strings, numbers, and dates as numbers in a dd/mm/yyyy format.
import { closeSync, openSync, writeSync } from 'node:fs';
import zlib from 'node:zlib';

export type StreamCell = string | number | { date: number } | undefined;

const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_REL_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const FLUSH_BYTES = 1 << 20;
// Fixed DOS time stamp (1980-01-01 00:00) so the same rows give the same bytes.
const DOS_TIME = 0;
const DOS_DATE = (0 << 9) | (1 << 5) | 1;

interface Entry {
  name: Buffer;
  offset: number;
  crc: number;
  compressed: number;
  size: number;
}

function escapeXml(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    // Characters XML 1.0 forbids.
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '');
}

function columnName(i: number): string {
  let s = '';
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

export class StreamingXlsxWriter {
  private readonly fd: number;
  private offset = 0;
  private readonly entries: Entry[] = [];
  private sheet: Entry | null = null;
  private pending: string[] = [];
  private pendingBytes = 0;
  private rowCount = 0;
  private readonly columns: string[];

  constructor(
    file: string,
    private readonly sheetName: string,
    columnCount: number,
    private readonly rowsExpected: number,
  ) {
    this.fd = openSync(file, 'w');
    this.columns = Array.from({ length: columnCount }, (_, i) => columnName(i));
    this.addFile('[Content_Types].xml', this.contentTypes());
    this.addFile('_rels/.rels', `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${PKG_REL_NS}"><Relationship Id="rId1" Type="${REL_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`);
    this.addFile(
      'xl/workbook.xml',
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><sheets><sheet name="${escapeXml(sheetName)}" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    );
    this.addFile(
      'xl/_rels/workbook.xml.rels',
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${PKG_REL_NS}"><Relationship Id="rId1" Type="${REL_NS}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${REL_NS}/styles" Target="styles.xml"/></Relationships>`,
    );
    this.addFile('xl/styles.xml', this.styles());
    this.beginSheet();
  }

  writeRow(cells: readonly StreamCell[]): void {
    const r = ++this.rowCount;
    let xml = `<row r="${r}">`;
    for (let c = 0; c < cells.length; c++) {
      const v = cells[c];
      if (v === undefined || v === '') continue;
      const ref = `${this.columns[c]}${r}`;
      if (typeof v === 'number') xml += `<c r="${ref}"><v>${v}</v></c>`;
      else if (typeof v === 'object') xml += `<c r="${ref}" s="1"><v>${v.date}</v></c>`;
      else {
        const space = v !== v.trim() ? ' xml:space="preserve"' : '';
        xml += `<c r="${ref}" t="inlineStr"><is><t${space}>${escapeXml(v)}</t></is></c>`;
      }
    }
    this.push(xml + '</row>');
  }

  close(): void {
    this.push('</sheetData></worksheet>');
    this.flush();
    const sheet = this.sheet!;
    // The final, empty deflate block ends the stream.
    const end = zlib.deflateRawSync(Buffer.alloc(0));
    this.write(end);
    sheet.compressed += end.length;
    const header = this.localHeader(sheet);
    writeSync(this.fd, header, 0, header.length, sheet.offset);
    this.entries.push(sheet);
    this.sheet = null;
    this.centralDirectory();
    closeSync(this.fd);
  }

  private beginSheet(): void {
    const name = Buffer.from('xl/worksheets/sheet1.xml', 'utf8');
    this.sheet = { name, offset: this.offset, crc: 0, compressed: 0, size: 0 };
    // Placeholder header, rewritten with sizes and CRC once the data is written.
    this.write(this.localHeader(this.sheet));
    const last = `${this.columns[this.columns.length - 1]}${Math.max(1, this.rowsExpected)}`;
    this.push(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="${MAIN_NS}"><dimension ref="A1:${last}"/><sheetData>`);
  }

  private push(xml: string): void {
    this.pending.push(xml);
    this.pendingBytes += xml.length;
    if (this.pendingBytes >= FLUSH_BYTES) this.flush();
  }

  private flush(): void {
    if (!this.pending.length || !this.sheet) return;
    const raw = Buffer.from(this.pending.join(''), 'utf8');
    this.pending = [];
    this.pendingBytes = 0;
    // A sync flush leaves the deflate stream byte-aligned and open, so chunks concatenate.
    const comp = zlib.deflateRawSync(raw, { finishFlush: zlib.constants.Z_SYNC_FLUSH });
    this.sheet.crc = zlib.crc32(raw, this.sheet.crc);
    this.sheet.size += raw.length;
    this.sheet.compressed += comp.length;
    if (this.sheet.size > 0xffffffff || this.offset > 0xffffffff) throw new Error('Tệp quá lớn cho định dạng ZIP32 / file too large for ZIP32');
    this.write(comp);
  }

  private addFile(name: string, text: string): void {
    const raw = Buffer.from(text, 'utf8');
    const comp = zlib.deflateRawSync(raw);
    const entry: Entry = { name: Buffer.from(name, 'utf8'), offset: this.offset, crc: zlib.crc32(raw), compressed: comp.length, size: raw.length };
    this.write(this.localHeader(entry));
    this.write(comp);
    this.entries.push(entry);
  }

  private localHeader(e: Entry): Buffer {
    const b = Buffer.alloc(30 + e.name.length);
    b.writeUInt32LE(0x04034b50, 0);
    b.writeUInt16LE(20, 4);
    b.writeUInt16LE(0x0800, 6); // UTF-8 names
    b.writeUInt16LE(8, 8); // deflate
    b.writeUInt16LE(DOS_TIME, 10);
    b.writeUInt16LE(DOS_DATE, 12);
    b.writeUInt32LE(e.crc >>> 0, 14);
    b.writeUInt32LE(e.compressed, 18);
    b.writeUInt32LE(e.size, 22);
    b.writeUInt16LE(e.name.length, 26);
    b.writeUInt16LE(0, 28);
    e.name.copy(b, 30);
    return b;
  }

  private centralDirectory(): void {
    const start = this.offset;
    for (const e of this.entries) {
      const b = Buffer.alloc(46 + e.name.length);
      b.writeUInt32LE(0x02014b50, 0);
      b.writeUInt16LE(20, 4);
      b.writeUInt16LE(20, 6);
      b.writeUInt16LE(0x0800, 8);
      b.writeUInt16LE(8, 10);
      b.writeUInt16LE(DOS_TIME, 12);
      b.writeUInt16LE(DOS_DATE, 14);
      b.writeUInt32LE(e.crc >>> 0, 16);
      b.writeUInt32LE(e.compressed, 20);
      b.writeUInt32LE(e.size, 24);
      b.writeUInt16LE(e.name.length, 28);
      b.writeUInt32LE(e.offset, 42);
      e.name.copy(b, 46);
      this.write(b);
    }
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(this.entries.length, 8);
    end.writeUInt16LE(this.entries.length, 10);
    end.writeUInt32LE(this.offset - start, 12);
    end.writeUInt32LE(start, 16);
    this.write(end);
  }

  private write(b: Buffer): void {
    writeSync(this.fd, b);
    this.offset += b.length;
  }

  private contentTypes(): string {
    return (
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
      `<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
      `<Default Extension="xml" ContentType="application/xml"/>` +
      `<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` +
      `<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>` +
      `<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>` +
      `</Types>`
    );
  }

  private styles(): string {
    return (
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="${MAIN_NS}">` +
      `<numFmts count="1"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/></numFmts>` +
      `<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>` +
      `<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>` +
      `<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>` +
      `<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>` +
      `<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>` +
      `<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>` +
      `<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>` +
      `</styleSheet>`
    );
  }
}
