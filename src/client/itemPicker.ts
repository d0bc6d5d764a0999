/**
 * A search beside the fields that name published items (data-item-picker="multi" for a line each, "single" for one):
 * the writer types words of the title, a 文号 or a 索引号 and picks from what is published; the field gets the item's
 * 索引号, which the server reads back. Without JavaScript the field takes the same words typed by hand.
 */
interface Found {
  ref: string;
  title: string;
  docNo: string;
  indexNo: string;
  unit: string;
  publishDate: string;
}

let counter = 0;

export function enhancePicker(field: HTMLInputElement | HTMLTextAreaElement) {
  const multi = field.dataset.itemPicker === 'multi';
  const n = ++counter;
  const box = document.createElement('div');
  box.className = 'item-picker';
  const label = document.createElement('label');
  label.htmlFor = `item-picker-${n}`;
  label.textContent = '查找已公开的文件（输入标题中的词、文号或索引号）';
  const input = document.createElement('input');
  input.type = 'search';
  input.id = `item-picker-${n}`;
  input.autocomplete = 'off';
  const status = document.createElement('p');
  status.className = 'hint';
  status.setAttribute('role', 'status');
  const list = document.createElement('ul');
  list.className = 'item-picker-results';
  box.append(label, input, status, list);
  field.after(box);

  let timer: number | undefined;
  let seq = 0;
  const search = async () => {
    const q = input.value.trim();
    const mine = ++seq;
    list.replaceChildren();
    if (q.length < 2) {
      status.textContent = '';
      return;
    }
    const res = await fetch(`/staff/items/lookup?q=${encodeURIComponent(q)}`, { credentials: 'same-origin', headers: { accept: 'application/json' } });
    if (mine !== seq) return;
    if (!res.ok) {
      status.textContent = '查找失败，请直接在上面的框里填写。';
      return;
    }
    const { items } = (await res.json()) as { items: Found[] };
    status.textContent = items.length ? `找到 ${items.length} 条，选择要关联的文件：` : '没有找到已公开的文件。';
    for (const it of items) {
      const li = document.createElement('li');
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'link-button';
      button.textContent = `${it.title}${it.docNo ? `（${it.docNo}）` : ''}`;
      const meta = document.createElement('span');
      meta.className = 'muted';
      meta.textContent = ` ${it.unit} ${it.publishDate} ${it.indexNo}`;
      button.addEventListener('click', () => {
        const lines = multi ? field.value.split(/\r?\n/).filter((l) => l.trim()) : [];
        if (!lines.includes(it.ref)) lines.push(it.ref);
        field.value = lines.join('\n');
        status.textContent = `已选：${it.title}`;
        list.replaceChildren();
        input.value = '';
        field.focus();
      });
      li.append(button, meta);
      list.append(li);
    }
  };
  input.addEventListener('input', () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(() => void search(), 250);
  });
  // Enter in the search must not submit the item form.
  input.addEventListener('keydown', (ev) => {
    if (ev.key === 'Enter') {
      ev.preventDefault();
      window.clearTimeout(timer);
      void search();
    }
  });
}
