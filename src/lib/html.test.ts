import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sanitizeRichText } from './html.ts';

/**
 * Every node and mark of the body editor (src/client/editor.ts), as tiptap's getHTML() writes them. The browser
 * journey (e2e/tests/clerk-writes-in-the-rich-editor.spec.ts) checks a real paste the same way.
 */
const EDITOR_OUTPUT = [
  '<h2>一、调整范围</h2>',
  '<h3>（一）城市</h3>',
  '<h4>1. 标准</h4>',
  '<h5>说明</h5>',
  '<p>正文<strong>加粗</strong><em>倾斜</em><u>下划线</u><s>删除</s><code>代码</code>H<sub>2</sub>O m<sup>2</sup><a href="https://www.gov.cn/zhengce/">链接</a><a href="mailto:ban@gov.cn">信箱</a><br>换行</p>',
  '<ul><li><p>项目</p></li></ul>',
  '<ol start="3"><li><p>三</p><ol><li><p>嵌套</p></li></ol></li></ol>',
  '<blockquote><p>引文</p></blockquote>',
  '<pre><code>12345</code></pre>',
  '<hr>',
  '<table><tbody><tr><th colspan="1" rowspan="1"><p>类别</p></th><th colspan="2" rowspan="1"><p>标准</p></th></tr><tr><td colspan="1" rowspan="1"><p>城市</p></td><td colspan="1" rowspan="1"><p>1050</p></td><td colspan="1" rowspan="1"><p>1100</p></td></tr></tbody></table>',
  '<img src="https://www.example.gov.cn/a.png" alt="图解" title="低保标准">',
  '<p></p>',
].join('');

test('the sanitiser keeps everything the body editor produces, unchanged', () => {
  // The sanitiser writes void elements as <br />, the editor as <br>: the same HTML.
  assert.equal(sanitizeRichText(EDITOR_OUTPUT).replace(/ \/>/g, '>'), EDITOR_OUTPUT);
});

test('and nothing else: Office markup, inline styles, scripts and unknown elements go; their text stays', () => {
  assert.equal(
    sanitizeRichText('<div class="WordSection1"><p class="MsoNormal" style="color:red"><span lang="EN-US">1050</span><b>元</b><i>每月</i><font face="仿宋">整</font></p></div>'),
    '<p>1050<strong>元</strong><em>每月</em>整</p>',
  );
  assert.equal(sanitizeRichText('<p onclick="x()">a<script>alert(1)</script><a href="javascript:alert(1)" target="_blank">b</a></p>'), '<p>a<a>b</a></p>');
  assert.equal(sanitizeRichText('<h1>标题</h1>'), '<h2>标题</h2>', 'one h1 per page: the page title');
});
