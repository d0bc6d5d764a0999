/**
 * The rich-text editor over the body textarea (data-rich-editor): tiptap, with the nodes the sanitiser keeps and no
 * others, so what the writer sees is what is stored. The textarea stays in the form and receives the HTML on every
 * change: without JavaScript, or if this fails, the plain textarea is the editor.
 */
import { Editor } from '@tiptap/core';
import StarterKit from '@tiptap/starter-kit';
import { Table, TableCell, TableHeader, TableRow } from '@tiptap/extension-table';
import Image from '@tiptap/extension-image';
import Subscript from '@tiptap/extension-subscript';
import Superscript from '@tiptap/extension-superscript';
import { cleanOfficeHtml } from './officePaste.ts';

/** Tables as plain rows and cells: no column widths or inline styles, which the sanitiser would drop. */
const PlainTable = Table.extend({
  renderHTML() {
    return ['table', ['tbody', 0]];
  },
}).configure({ resizable: false });

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** What the server accepts in the textarea: HTML, or plain text with a paragraph per line. */
function initialHtml(value: string): string {
  if (/<[a-z][\s\S]*>/i.test(value)) return value;
  return value
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => `<p>${escapeHtml(l)}</p>`)
    .join('');
}

interface ToolButton {
  label: string;
  run: (e: Editor) => void;
  active?: (e: Editor) => boolean;
}

const BUTTONS: ToolButton[] = [
  { label: '正文', run: (e) => e.chain().focus().setParagraph().run(), active: (e) => e.isActive('paragraph') },
  { label: '标题二', run: (e) => e.chain().focus().toggleHeading({ level: 2 }).run(), active: (e) => e.isActive('heading', { level: 2 }) },
  { label: '标题三', run: (e) => e.chain().focus().toggleHeading({ level: 3 }).run(), active: (e) => e.isActive('heading', { level: 3 }) },
  { label: '加粗', run: (e) => e.chain().focus().toggleBold().run(), active: (e) => e.isActive('bold') },
  { label: '倾斜', run: (e) => e.chain().focus().toggleItalic().run(), active: (e) => e.isActive('italic') },
  { label: '项目符号', run: (e) => e.chain().focus().toggleBulletList().run(), active: (e) => e.isActive('bulletList') },
  { label: '编号', run: (e) => e.chain().focus().toggleOrderedList().run(), active: (e) => e.isActive('orderedList') },
  { label: '插入表格', run: (e) => e.chain().focus().insertTable({ rows: 3, cols: 3, withHeaderRow: true }).run() },
  { label: '表格加一行', run: (e) => e.chain().focus().addRowAfter().run() },
  { label: '表格加一列', run: (e) => e.chain().focus().addColumnAfter().run() },
  {
    label: '链接',
    run: (e) => {
      const url = window.prompt('链接地址（以 https:// 开头）', (e.getAttributes('link').href as string | undefined) ?? 'https://');
      if (url === null) return;
      if (!url.trim() || url.trim() === 'https://') e.chain().focus().unsetLink().run();
      else e.chain().focus().extendMarkRange('link').setLink({ href: url.trim() }).run();
    },
    active: (e) => e.isActive('link'),
  },
  { label: '清除格式', run: (e) => e.chain().focus().unsetAllMarks().clearNodes().run() },
  { label: '撤销', run: (e) => e.chain().focus().undo().run() },
  { label: '重做', run: (e) => e.chain().focus().redo().run() },
];

export function enhanceEditor(textarea: HTMLTextAreaElement) {
  const label = textarea.id ? document.querySelector<HTMLLabelElement>(`label[for="${textarea.id}"]`) : null;
  const wrap = document.createElement('div');
  wrap.className = 'rich-editor';
  const toolbar = document.createElement('div');
  toolbar.className = 'rich-editor-toolbar';
  toolbar.setAttribute('role', 'toolbar');
  toolbar.setAttribute('aria-label', '正文格式');
  const area = document.createElement('div');
  const status = document.createElement('p');
  status.className = 'hint';
  status.setAttribute('role', 'status');
  wrap.append(toolbar, area, status);
  textarea.after(wrap);

  if (label) {
    label.id ||= `${textarea.id}-label`;
    // The label now names the editor; the hidden textarea only carries the value.
    label.removeAttribute('for');
  }
  const describedBy = textarea.getAttribute('aria-describedby');
  const editor = new Editor({
    element: area,
    injectCSS: false,
    extensions: [
      StarterKit.configure({
        heading: { levels: [2, 3, 4, 5] },
        link: { openOnClick: false, autolink: true, HTMLAttributes: { target: null, rel: null }, protocols: ['mailto', 'tel'] },
      }),
      PlainTable,
      TableRow,
      TableHeader,
      TableCell,
      Image,
      Subscript,
      Superscript,
    ],
    content: initialHtml(textarea.value),
    editorProps: {
      attributes: {
        class: 'rich-editor-content',
        role: 'textbox',
        'aria-multiline': 'true',
        ...(label ? { 'aria-labelledby': label.id } : { 'aria-label': '正文' }),
        ...(describedBy ? { 'aria-describedby': describedBy } : {}),
      },
      transformPastedHTML(html) {
        const cleaned = cleanOfficeHtml(html);
        status.textContent = cleaned.droppedImages ? `粘贴内容中有 ${cleaned.droppedImages} 张图片只存在于您的电脑上，无法随文字粘贴：请单独复制粘贴图片，或作为附件上传。` : '';
        return cleaned.html;
      },
    },
    onUpdate: ({ editor: e }) => {
      textarea.value = e.isEmpty ? '' : e.getHTML();
    },
  });
  label?.addEventListener('click', () => editor.commands.focus());

  const buttons = BUTTONS.map((b) => {
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'button secondary';
    button.textContent = b.label;
    // Keep the selection in the editor while the button is pressed.
    button.addEventListener('mousedown', (ev) => ev.preventDefault());
    button.addEventListener('click', () => b.run(editor));
    toolbar.append(button);
    return { b, button };
  });
  const refresh = () => {
    for (const { b, button } of buttons) if (b.active) button.setAttribute('aria-pressed', String(b.active(editor)));
  };
  editor.on('selectionUpdate', refresh);
  editor.on('transaction', refresh);
  refresh();
  textarea.hidden = true;
  wrap.dataset.ready = '1';
  return editor;
}
