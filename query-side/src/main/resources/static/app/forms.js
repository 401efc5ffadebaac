// Forms that each send one write. What the user typed stays on every refusal: the API's words are shown next to
// the field they name (the problem's `errors`), the rest above the buttons. A form sends under one idempotency key
// while its request stays the same, so a double click or a retry after a lost answer appends once.
import { ApiProblem, newKey, send } from './api.js';
import { h } from './ui.js';

/**
 * A form of one write.
 *
 * @param fields  [{name, label, type, options, value, required, hidden, help, attributes}]: type is text (the
 *                default), number, textarea, select (options: [{value, label}]), date, datetime-local or checkbox
 *                (its value 'true' when ticked, '' when not). A hidden field is shown when a refusal names it: an
 *                override reason is asked for exactly when the engine wants one.
 * @param request the values as typed, by name → {method, path, body, ifMatch}
 * @param done    called with the write's answer once it is appended
 * @param preview the values → what the write would do (text or an element), redrawn as the user types
 * @param reload  offered when the item changed since it was read (412): shows the others' change
 */
export function writeForm({ id, fields, submit = 'Save', request, done, cancel, preview, reload }) {
    const problem = h('p', { class: 'form-problem', role: 'alert', hidden: true });
    const shown = h('output', { class: 'preview', 'aria-live': 'polite' });
    const button = h('button', { type: 'submit' }, submit);
    const form = h('form', { class: 'write', id, novalidate: true },
                   fields.map(spec => field(id, spec)),
                   preview ? shown : null,
                   problem,
                   h('div', { class: 'actions' }, button,
                     cancel ? h('button', { type: 'button', class: 'secondary', onclick: cancel }, 'Cancel') : null));
    let sent = null;  // the request last sent and its key: the same request again goes under the same key
    const values = () => Object.fromEntries(fields.map(({ name }) => {
        const element = form.elements[name];
        return [name, element.type === 'checkbox' ? (element.checked ? 'true' : '') : element.value.trim()];
    }));
    const redrawPreview = () => {
        if (preview) {
            shown.replaceChildren(preview(values()) ?? '');
        }
    };
    form.addEventListener('input', redrawPreview);
    form.addEventListener('submit', async event => {
        event.preventDefault();
        if (form.dataset.busy) {
            return;
        }
        const { method, path, body, ifMatch } = request(values());
        const signature = JSON.stringify([method, path, body]);
        if (sent?.signature !== signature) {
            sent = { signature, key: newKey() };
        }
        clearProblems(form, problem);
        form.dataset.busy = 'true';
        button.disabled = true;
        let answer;
        try {
            answer = await send(method, path, body, { key: sent.key, ifMatch });
        } catch (failure) {
            showProblems(form, problem, failure, reload);
            return;
        } finally {
            delete form.dataset.busy;
            button.disabled = false;
        }
        sent = null;
        done(answer);
    });
    redrawPreview();
    return form;
}

function field(formId, { name, label, type = 'text', options = [], value = '', required, hidden, help,
                         attributes = {} }) {
    const common = { name, id: `${formId}-${name}`, required, 'aria-describedby': `${formId}-${name}-error`,
                     ...attributes };
    const input = type === 'select'
                  ? h('select', common, options.map(option => h('option', {
                      value: option.value, selected: String(option.value) === String(value) }, option.label)))
                  : type === 'textarea' ? h('textarea', { ...common, rows: 2 }, value)
                  : type === 'checkbox' ? h('input', { ...common, type, checked: Boolean(value) })
                  : h('input', { ...common, type, value, step: type === 'number' ? 'any' : null });
    return h('div', { class: type === 'checkbox' ? 'field checkbox' : 'field', 'data-field': name, hidden },
             h('label', { for: common.id }, label, required ? h('span', { class: 'muted' }, ' (required)') : null),
             input,
             help ? h('small', { class: 'muted' }, help) : null,
             h('span', { class: 'field-error', id: `${formId}-${name}-error` }));
}

function clearProblems(form, problem) {
    problem.hidden = true;
    problem.replaceChildren();
    for (const invalid of form.querySelectorAll('[aria-invalid]')) {
        invalid.removeAttribute('aria-invalid');
    }
    for (const message of form.querySelectorAll('.field-error')) {
        message.textContent = '';
    }
}

/**
 * The field a refusal names, or the nearest that holds it: `tags[2]` is shown beside `tags`, `changes.title[0]`
 * beside `changes.title`.
 */
function fieldNamed(form, name) {
    for (let path = name; path; path = path.replace(/(\.[^.[\]]*|\[[^\]]*\])$/, '')) {
        const place = form.querySelector(`.field[data-field="${CSS.escape(path)}"]`);
        if (place) {
            return place;
        }
        if (!/[.[]/.test(path)) {
            return null;
        }
    }
    return null;
}

/** Each message beside the field it names (shown if it was hidden); the others, and the detail, above the buttons. */
function showProblems(form, problem, failure, reload) {
    const refusal = failure instanceof ApiProblem ? failure.problem : null;
    const unplaced = [];
    for (const error of refusal?.errors || []) {
        const place = error.field && fieldNamed(form, error.field);
        if (place) {
            place.hidden = false;
            const message = place.querySelector('.field-error');
            message.textContent = message.textContent ? `${message.textContent} ${error.message}` : error.message;
            place.querySelector('input, select, textarea').setAttribute('aria-invalid', 'true');
        } else {
            unplaced.push(error.field ? `${error.field}: ${error.message}` : error.message);
        }
    }
    const placedAll = refusal?.errors?.length && unplaced.length === 0;
    const lines = placedAll ? [] : unplaced.length ? unplaced : [failure.message];
    if (failure instanceof ApiProblem && failure.status === 412) {
        lines.splice(0, lines.length, `Someone changed this since you opened it (${failure.message}). What you typed `
                                      + 'is kept; reload to see their change before you decide again.');
    }
    if (lines.length) {
        problem.hidden = false;
        problem.replaceChildren(lines.join(' '), failure.status === 412 && reload
            ? [' ', h('button', { type: 'button', class: 'reload', onclick: reload }, 'Reload')] : null);
    }
    form.querySelector('[aria-invalid]')?.focus();
}

/**
 * Whether an editor (a form, an import, or one being opened) is open under this element: the page is not drawn anew under it, so that
 * neither what the user typed nor the form itself goes while someone else's write arrives (sent, it answers 412 if
 * that write changed the same item).
 */
export function editing(root) {
    return Boolean(root.querySelector('form.write, .import, [data-opening]'));
}

/**
 * Where an editor opens: `shown` is hidden while none is open there, `content` holds it (a table row and its cell);
 * opening one closes the editor that was open in the same place.
 */
export function editorPlace(shown, content = shown) {
    shown.hidden = true;
    return {
        open(editor) {
            content.replaceChildren(editor);
            shown.hidden = false;
            content.querySelector('input, select, textarea, button[type=submit]')?.focus();
        },
        close() {
            shown.hidden = true;
            content.replaceChildren();
        },
    };
}

/** Where the editors of a table row open: a row inserted below it while one is open, as wide as the table. */
export function rowPlace(row, width, key) {
    const cell = h('td', { colspan: width });
    const editor = h('tr', { class: 'editor', 'data-editor-of': key }, cell);
    const place = editorPlace(editor, cell);
    return {
        open(form) {
            row.after(editor);
            place.open(form);
        },
        close() {
            place.close();
            editor.remove();
        },
    };
}

/**
 * A block of its own for editors, below the buttons that open them: `shown` goes into the page, `place` is where
 * they open, and `close` closes the open one and draws the page anew (what its `done` and `cancel` call).
 */
export function editorBlock(refresh) {
    const shown = h('div', { class: 'editor' });
    const place = editorPlace(shown);
    return { shown, place, close: () => {
        place.close();
        refresh();
    } };
}

/** A button that opens an editor (built when pressed, from what the engine answers then) in the place given. */
export function opener(label, place, editor, attributes = {}) {
    return h('button', { type: 'button', class: 'action', ...attributes, onclick: async event => {
        // While its editor is being built (it reads the item first), a drawing of the page must not replace the
        // place it opens in.
        const button = event.currentTarget;
        button.dataset.opening = 'true';
        try {
            place.open(await editor());
        } finally {
            delete button.dataset.opening;
        }
    } }, label);
}
