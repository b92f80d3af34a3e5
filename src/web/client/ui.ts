import { h, uid, Child } from './dom';
import { label as statusLabel, tr } from './i18n';

/** Small building blocks the pages share: labelled fields, status badges, tables, CSV downloads. */
export function field(text: string, control: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement, help?: string): HTMLElement {
  const id = control.id || uid('f');
  control.id = id;
  const helpId = help ? `${id}-help` : null;
  if (helpId) control.setAttribute('aria-describedby', helpId);
  return h('div', { class: 'field' }, h('label', { for: id }, text), control, help ? h('span', { id: helpId!, class: 'help' }, help) : null);
}

export function select(name: string, options: [string, string][], value: string): HTMLSelectElement {
  return h('select', { name }, options.map(([v, text]) => h('option', { value: v, selected: v === value ? true : null }, text)));
}

export const badge = (status: string | null | undefined): HTMLElement => h('span', { class: `badge status-${status ?? 'none'}`, 'data-status': status ?? '' }, statusLabel(status));

/**
 * A table with its caption, in a wrapper that scrolls sideways when the table is wider than the page; while it does,
 * the wrapper is a named region that takes the keyboard focus, so it can be scrolled without a mouse (WCAG 2.1.1).
 */
export function table(caption: string, headers: string[], rows: Child[][], attrs: Record<string, string> = {}): HTMLElement {
  const captionId = uid('caption');
  const wrap = h(
    'div',
    { class: 'table-wrap' },
    h(
      'table',
      attrs,
      h('caption', { id: captionId }, caption),
      h('thead', {}, h('tr', {}, headers.map((x) => h('th', { scope: 'col' }, x)))),
      h('tbody', {}, rows.length ? rows.map((r) => h('tr', {}, r.map((c) => h('td', {}, c)))) : h('tr', {}, h('td', { colspan: headers.length }, tr('Niets te tonen.', 'Nothing to show.')))),
    ),
  );
  new ResizeObserver(() => {
    if (wrap.scrollWidth > wrap.clientWidth + 1) {
      wrap.tabIndex = 0;
      wrap.setAttribute('role', 'region');
      wrap.setAttribute('aria-labelledby', captionId);
    } else {
      ['tabindex', 'role', 'aria-labelledby'].forEach((name) => wrap.removeAttribute(name));
    }
  }).observe(wrap);
  return wrap;
}

/** A CSV cell: quoted, and a leading =, +, - or @ neutralised so a spreadsheet does not run it as a formula. */
function cell(value: unknown): string {
  let text = value === null || value === undefined ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text) && !/^-?\d+([.,]\d+)?$/.test(text)) text = `'${text}`;
  return `"${text.replace(/"/g, '""')}"`;
}

export function toCsv(rows: unknown[][]): string {
  return rows.map((r) => r.map(cell).join(';')).join('\r\n') + '\r\n';
}

export function downloadButton(text: string, filename: string, rows: () => unknown[][]): HTMLElement {
  return h('button', {
    type: 'button',
    class: 'secondary',
    'data-testid': 'csv',
    onclick: () => {
      const url = URL.createObjectURL(new Blob(['\ufeff' + toCsv(rows())], { type: 'text/csv;charset=utf-8' }));
      const a = h('a', { href: url, download: filename });
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 1000);
    },
  }, text);
}

export const notice = (text: string, kind: 'info' | 'error' | 'warn' = 'info', attrs: Record<string, string> = {}): HTMLElement =>
  h('p', { class: `notice ${kind}`, role: kind === 'error' ? 'alert' : 'status', ...attrs }, text);

/**
 * Asks for a reason in a modal dialog (a labelled text area, confirm and cancel): resolves with the trimmed text, or
 * null when cancelled (the button or Escape). The dialog is removed when it closes, and the focus returns to where it
 * was.
 */
export function reasonDialog(title: string, confirm: string): Promise<string | null> {
  return new Promise((resolve) => {
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const titleId = uid('dialog');
    const reason = h('textarea', { name: 'reason', rows: 4, maxlength: 2000, required: true });
    let answer: string | null = null;
    const dialog = h(
      'dialog',
      { class: 'card reason-dialog', 'aria-labelledby': titleId, 'data-testid': 'reason-dialog' },
      h('form', {
        onsubmit: (e: Event) => {
          e.preventDefault();
          const text = reason.value.trim();
          if (!text) return reason.focus();
          answer = text;
          dialog.close();
        },
      },
        h('h2', { id: titleId }, title),
        field(tr('Reden (verplicht, te zien voor de coördinatiefunctie)', 'Reason (required, shown to the coordination function)'), reason),
        h('div', { class: 'actions' },
          h('button', { type: 'submit' }, confirm),
          h('button', { type: 'button', class: 'secondary', onclick: () => dialog.close() }, tr('Annuleren', 'Cancel'))),
      ),
    );
    dialog.addEventListener('close', () => {
      dialog.remove();
      opener?.focus();
      resolve(answer);
    });
    document.body.append(dialog);
    dialog.showModal();
    reason.focus();
  });
}
