/**
 * What Word and WPS put on the clipboard, made into plain document HTML before the editor reads it: their list
 * paragraphs (p with mso-list and a typed-out number) become real lists, conditional comments, Office namespaces
 * (o:p), styles and classes go, and images that point at the writer's own disk (file:///C:/…), which no browser may
 * read, are taken out and counted so the writer can be told.
 */
export interface CleanedPaste {
  html: string;
  /** Images that were only references to files on the writer's computer. */
  droppedImages: number;
}

const LIST_MARKER = /^\s*(?:[\d\uff10-\uff19]+[.)、．）]|[(（][\d一二三四五六七八九十]+[)）]|[一二三四五六七八九十]+、|[a-zA-Z][.)]|[·•▪◆■●○◦§-])\s*/u;

/**
 * The number or bullet at the start of a list paragraph, taken out of it: Word's span marked mso-list:Ignore, or a
 * number typed into the text (WPS, or Word's markers after another program's copy).
 */
function takeMarker(p: Element): string {
  const ignore = Array.from(p.querySelectorAll('span')).find((s) => /mso-list:\s*ignore/i.test(s.getAttribute('data-mso-style') ?? ''));
  if (ignore) {
    const text = (ignore.textContent ?? '').trim();
    ignore.remove();
    return text;
  }
  const typed = LIST_MARKER.exec((p.textContent ?? '').replace(/^\s+/, ''))?.[0] ?? '';
  let left = typed.length + ((p.textContent ?? '').length - (p.textContent ?? '').replace(/^\s+/, '').length);
  const walker = p.ownerDocument.createTreeWalker(p, NodeFilter.SHOW_TEXT);
  for (let t = walker.nextNode(); t && left > 0; t = walker.nextNode()) {
    const v = t.textContent ?? '';
    t.textContent = v.slice(Math.min(left, v.length));
    left -= Math.min(left, v.length);
  }
  return typed.trim();
}

function isOfficeList(p: Element): boolean {
  return /mso-list:\s*l\d/i.test(p.getAttribute('data-mso-style') ?? '') || /MsoListParagraph/i.test(p.getAttribute('class') ?? '');
}

const listId = (p: Element) => /mso-list:\s*(l\d+)/i.exec(p.getAttribute('data-mso-style') ?? '')?.[1] ?? '';

/** 1, 1.2: the level Word writes as "level2" in the paragraph's mso-list style. */
function listLevel(p: Element): number {
  const m = /level(\d)/i.exec(p.getAttribute('data-mso-style') ?? '');
  return m ? Number(m[1]) : 1;
}

/**
 * The clipboard HTML with <style> blocks removed and style attributes renamed (data-mso-style), before any parser
 * sees it: a browser reports every inline style it is asked to parse as a breach of the CSP (style-src 'self'), even
 * in a detached document. One pass over the text, quotes respected, so a long paste costs linear time.
 */
export function defuseStyles(raw: string): string {
  let out = '';
  let i = 0;
  const lower = raw.toLowerCase();
  while (i < raw.length) {
    const lt = raw.indexOf('<', i);
    if (lt === -1) {
      out += raw.slice(i);
      break;
    }
    out += raw.slice(i, lt);
    if (lower.startsWith('<style', lt) && !/[a-z0-9-]/.test(lower[lt + 6] ?? '')) {
      const close = lower.indexOf('</style', lt);
      const end = close === -1 ? -1 : raw.indexOf('>', close);
      i = end === -1 ? raw.length : end + 1;
      continue;
    }
    if (raw.startsWith('<!--', lt)) {
      const end = raw.indexOf('-->', lt + 4);
      const stop = end === -1 ? raw.length : end + 3;
      out += raw.slice(lt, stop);
      i = stop;
      continue;
    }
    // A tag: copy it, renaming a style attribute; quoted values are copied whole.
    let j = lt + 1;
    let tag = '<';
    let quote = '';
    while (j < raw.length) {
      const ch = raw[j];
      if (quote) {
        tag += ch;
        if (ch === quote) quote = '';
        j++;
        continue;
      }
      if (ch === '"' || ch === "'") quote = ch;
      if (ch === '>') break;
      if (/\s/.test(ch) && lower.startsWith('style', j + 1) && /[\s=]/.test(raw[j + 6] ?? '')) {
        tag += ' data-mso-style';
        j += 6;
        continue;
      }
      tag += ch;
      j++;
    }
    out += `${tag}>`;
    i = j + 1;
  }
  return out;
}

export function cleanOfficeHtml(raw: string): CleanedPaste {
  const doc = new DOMParser().parseFromString(defuseStyles(raw), 'text/html');
  doc.querySelectorAll('style, meta, link, script, title, xml').forEach((n) => n.remove());
  let droppedImages = 0;
  doc.body.querySelectorAll('img').forEach((img) => {
    const src = img.getAttribute('src') ?? '';
    if (!/^(https?:|data:image\/)/i.test(src)) {
      droppedImages++;
      img.remove();
    }
  });
  // Consecutive list paragraphs become one list. Word writes each number or bullet as text in a span marked
  // mso-list:Ignore (between <!--[if !supportLists]--> comments): it says numbered or bulleted, then goes, since the
  // list numbers itself. WPS may type the number into the text instead; the same pattern takes it off.
  const paragraphs = Array.from(doc.body.querySelectorAll('p'));
  for (let i = 0; i < paragraphs.length; i++) {
    const first = paragraphs[i];
    if (!isOfficeList(first) || !first.parentNode) continue;
    const run: Element[] = [first];
    let next = first.nextElementSibling;
    // Word numbers each list by its own id (mso-list:l0, l1): a new id is a new list.
    while (next && next.tagName === 'P' && isOfficeList(next) && listId(next) === listId(first)) {
      run.push(next);
      next = next.nextElementSibling;
    }
    i += run.length - 1;
    const markers = run.map(takeMarker);
    // A number, a Chinese numeral or a letter with its stop (a. b)) is numbered; a lone letter is a symbol-font
    // bullet (Wingdings "l", Courier "o").
    const ordered = /[\d\uff10-\uff19一二三四五六七八九十]|^[a-zA-Z]+[.)．）]/u.test(markers[0]);
    const root = doc.createElement(ordered ? 'ol' : 'ul');
    // One open list per level: a deeper paragraph opens a list inside the last item, a shallower one closes back.
    const stack: { level: number; list: Element }[] = [{ level: listLevel(first), list: root }];
    for (const p of run) {
      const l = listLevel(p);
      let top = stack[stack.length - 1];
      if (l > top.level && top.list.lastElementChild) {
        const nested = doc.createElement(ordered ? 'ol' : 'ul');
        top.list.lastElementChild.append(nested);
        stack.push({ level: l, list: nested });
      } else {
        while (stack.length > 1 && l < top.level) {
          stack.pop();
          top = stack[stack.length - 1];
        }
      }
      const li = doc.createElement('li');
      li.append(...Array.from(p.childNodes));
      stack[stack.length - 1].list.append(li);
    }
    first.before(root);
    run.forEach((p) => p.remove());
  }
  // Office's own elements (o:p, v:shape, w:sdt), spans and fonts: their text stays, the element goes.
  for (const el of Array.from(doc.body.querySelectorAll('*'))) {
    if (el.tagName.includes(':') || el.tagName === 'SPAN' || el.tagName === 'FONT') {
      el.replaceWith(...Array.from(el.childNodes));
      continue;
    }
    for (const a of Array.from(el.attributes)) if (!['href', 'src', 'alt', 'colspan', 'rowspan', 'start'].includes(a.name)) el.removeAttribute(a.name);
  }
  return { html: doc.body.innerHTML, droppedImages };
}
