// The file name of a download from the server's Content-Disposition header (RFC 6266): the
// UTF-8 `filename*=` form wins over the plain `filename=`; quotes and escapes are undone; any path
// is cut off and characters no file system accepts are replaced, so the name is always safe to save.

const UNSAFE = /[\u0000-\u001f\u007f<>:"/\\|?*]/g;

function clean(name: string): string | null {
  // Only the last path segment: a header must not choose the folder.
  const base = name.split(/[/\\]/).pop() ?? '';
  const s = base.replace(UNSAFE, '_').replace(/^[.\s]+/, '').trim().slice(0, 200);
  return s === '' ? null : s;
}

function decodeExtValue(v: string): string | null {
  // charset'lang'percent-encoded
  const m = /^([\w!#$%&+^`{}~-]*)'[^']*'(.*)$/.exec(v);
  if (!m) return null;
  const charset = m[1].toLowerCase();
  try {
    if (charset === 'utf-8' || charset === '') return decodeURIComponent(m[2]);
    if (charset === 'iso-8859-1') return m[2].replace(/%([0-9a-f]{2})/gi, (_x, h: string) => String.fromCharCode(parseInt(h, 16)));
  } catch {
    return null;
  }
  return null;
}

/** Splits the header's parameters, respecting quoted strings (a ';' inside quotes is text). */
function params(header: string): Map<string, string> {
  const out = new Map<string, string>();
  const re = /;\s*([^\s=;]+)\s*=\s*("(?:[^"\\]|\\.)*"|[^;]*)/g;
  let m: RegExpExecArray | null;
  const rest = header.includes(';') ? header.slice(header.indexOf(';')) : '';
  while ((m = re.exec(rest)) !== null) {
    const key = m[1].toLowerCase();
    let value = m[2].trim();
    if (value.startsWith('"')) value = value.slice(1, -1).replace(/\\(.)/g, '$1');
    if (!out.has(key)) out.set(key, value);
  }
  return out;
}

/** The file name the header asks for, made safe, or `fallback` when it names none. */
export function filenameFromDisposition(header: string | null | undefined, fallback: string): string {
  if (!header) return fallback;
  const p = params(header);
  const ext = p.get('filename*');
  if (ext !== undefined) {
    const decoded = decodeExtValue(ext);
    const c = decoded === null ? null : clean(decoded);
    if (c) return c;
  }
  const plain = p.get('filename');
  if (plain !== undefined) {
    const c = clean(plain);
    if (c) return c;
  }
  return fallback;
}

/** "danvan-2024-12-31.csv": the name used when the server sends none. */
export function fallbackFilename(format: string, now: Date = new Date()): string {
  const d = now.toISOString().slice(0, 10);
  return `danvan-${d}.${format}`;
}
