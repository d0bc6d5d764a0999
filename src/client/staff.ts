/** The staff pages' one script: it enhances fields that work without it (the body editor, the item picker). */
import { enhanceEditor } from './editor.ts';
import { enhancePicker } from './itemPicker.ts';

function start() {
  document.querySelectorAll<HTMLTextAreaElement>('textarea[data-rich-editor]').forEach((t) => {
    try {
      enhanceEditor(t);
    } catch (err) {
      // The plain textarea still works; say why in the console for whoever looks.
      console.error('gongkai: the rich-text editor could not start', err);
    }
  });
  document.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>('[data-item-picker]').forEach(enhancePicker);
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
else start();
