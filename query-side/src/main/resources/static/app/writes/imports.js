// Imports from the browser: a file dropped (or chosen) is first sent as a dry run, whose answer (rows, the events it
// would append, ignored columns, the scales it read, or the refused rows by line) is shown before the real import;
// the real one's progress is followed until it is done.
import { ApiProblem, get, query, sendFile } from '../api.js';
import { h } from '../ui.js';

const FOLLOW_MS = 500;
const SCALES = {
    impactScale: [['intercom', 'impact 3/2/1/0.5/0.25 (or massive … minimal)'], ['1-5', 'impact 1 to 5']],
    confidenceScale: [['auto', 'confidence: % or fraction, as written'], ['fraction', 'confidence as a fraction'],
                      ['percent', 'confidence in percent']],
    effortUnit: [['person-weeks', 'effort in person-weeks'], ['person-months', 'effort in person-months'],
                 ['t-shirt', 'effort as t-shirt sizes']],
    mode: [['all-or-nothing', 'a bad row refuses the file'], ['skip-bad-rows', 'bad rows are skipped']],
};

/**
 * The import panel of a cycle. `kind` is `imports` (initiatives) or `okr-imports` (objectives and key results);
 * `scales` whether the RICE scales apply; `close` closes it (the page stays as it is while it is open).
 */
export function importPanel({ cycle, kind, scales = kind === 'imports', close }) {
    const path = `/api/cycles/${encodeURIComponent(cycle.id)}/${kind}`;
    const choices = Object.entries(SCALES).filter(([name]) => scales || name === 'mode')
        .map(([name, options]) => h('select', { name, 'aria-label': name },
                                    options.map(([value, label]) => h('option', { value }, label))));
    const answer = h('div', { class: 'import-answer', 'aria-live': 'polite' });
    const picker = h('input', { type: 'file', accept: '.csv,.jsonl,.ndjson,text/csv', id: `${kind}-file` });
    let file = null;
    const parameters = extra => query({ ...Object.fromEntries(choices.map(choice => [choice.name, choice.value])),
                                        ...extra });
    const mediaType = chosen => /\.(jsonl|ndjson)$/i.test(chosen.name) ? 'application/x-ndjson' : 'text/csv';

    const dryRun = async chosen => {
        file = { name: chosen.name, text: await chosen.text(), mediaType: mediaType(chosen) };
        answer.replaceChildren(h('p', { class: 'muted' }, `Checking ${file.name}…`));
        try {
            const { answer: checked } = await sendFile(path + parameters({ dryRun: true }), file.text, file.mediaType);
            const refusing = checked.badRows?.length && checked.mode !== 'skip-bad-rows';
            answer.replaceChildren(summary(checked, 'would append'),
                                   refusing ? null : checked.rows - checked.alreadyImported > 0
                                   ? h('button', { type: 'button', id: `${kind}-run`, onclick: run },
                                       `Import ${checked.rows - checked.alreadyImported} rows`)
                                   : h('p', {}, 'Every row of this file is imported already.'));
        } catch (failure) {
            answer.replaceChildren(refusal(failure));
        }
    };
    const run = async () => {
        answer.querySelector(`#${kind}-run`)?.setAttribute('disabled', '');
        try {
            const { answer: started } = await sendFile(path + parameters({}), file.text, file.mediaType);
            await follow(`${path.replace(/okr-imports$/, 'imports')}/${encodeURIComponent(started.id)}`, started);
        } catch (failure) {
            answer.replaceChildren(refusal(failure));
        }
    };
    const follow = async (statusPath, status) => {
        const bar = h('progress', { max: 1, value: status.progress, id: `${kind}-progress` });
        answer.replaceChildren(h('p', {}, `Importing ${file.name}: `, bar,
                                 ` ${status.rowsDone} of ${status.rows} rows`));
        while (status.status === 'RUNNING') {
            await new Promise(resolve => setTimeout(resolve, FOLLOW_MS));
            status = await get(statusPath, { consistent: false });
            bar.value = status.progress;
            bar.nextSibling.textContent = ` ${status.rowsDone} of ${status.rows} rows`;
        }
        answer.replaceChildren(status.status === 'DONE'
                               ? summary(status, 'appended')
                               : h('p', { class: 'form-problem' }, `The import failed: ${status.failure}`));
        answer.dataset.done = status.status;
    };

    picker.addEventListener('change', () => picker.files[0] && dryRun(picker.files[0]));
    const zone = h('div', { class: 'drop-zone', id: `${kind}-drop` },
                   h('p', {}, 'Drop a CSV or JSON-lines file here, or ', h('label', {}, 'choose one ', picker)),
                   h('p', { class: 'options' }, choices));
    zone.addEventListener('dragover', event => {
        event.preventDefault();
        zone.classList.add('over');
    });
    zone.addEventListener('dragleave', () => zone.classList.remove('over'));
    zone.addEventListener('drop', event => {
        event.preventDefault();
        zone.classList.remove('over');
        const dropped = event.dataTransfer.files[0];
        if (dropped) {
            dryRun(dropped);
        }
    });
    return h('div', { class: 'import' }, zone, answer,
             h('button', { type: 'button', class: 'secondary', onclick: close }, 'Close'));
}

/** What an import's answer says: its rows, the events by type, what it skipped and how it read the file. */
function summary(status, verb) {
    const events = Object.entries(status.events || {});
    return h('div', { class: 'import-summary', 'data-status': status.status },
             h('p', {}, `${status.rows} rows`,
               status.alreadyImported ? ` (${status.alreadyImported} imported before)` : '',
               `: ${verb} `, events.length ? events.map(([type, count]) => `${count} ${type}`).join(', ') : 'nothing',
               '.'),
             status.ignoredColumns?.length
                 ? h('p', { class: 'muted' }, `Columns ignored: ${status.ignoredColumns.join(', ')}`) : null,
             status.badRows?.length
                 ? rows(status.badRows, status.status === 'DRY_RUN' && status.mode !== 'skip-bad-rows'
                                        ? 'Rows that refuse the file: correct them, or choose to skip bad rows'
                                        : status.status === 'DRY_RUN' ? 'Rows that would be skipped' : 'Rows skipped')
                 : null);
}

function refusal(failure) {
    const problem = failure instanceof ApiProblem ? failure.problem : null;
    return h('div', { class: 'form-problem', role: 'alert' }, `The engine refused the file: ${failure.message}`,
             problem?.errors?.length ? rows(problem.errors, 'Refused rows') : null);
}

function rows(errors, title) {
    return h('table', { class: 'bad-rows' }, h('caption', {}, title),
             h('thead', {}, h('tr', {}, ['Line', 'Column', 'Why'].map(name => h('th', { scope: 'col' }, name)))),
             h('tbody', {}, errors.map(error => h('tr', {}, h('td', { class: 'number' }, error.line ?? '–'),
                                                  h('td', {}, error.field ?? ''), h('td', {}, error.message)))));
}
