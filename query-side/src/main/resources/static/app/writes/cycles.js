// The writes of cycles: start one, commit its plan, close it (what it would leave unfinished shown first).
import { get } from '../api.js';
import { may } from '../caller.js';
import { editorBlock, opener, writeForm } from '../forms.js';
import { h, number, words } from '../ui.js';

const path = cycle => `/api/cycles/${encodeURIComponent(cycle.id)}`;

/** The planner's buttons for the cycle (and for a new one), with the place their editors open in. */
export function cycleActions({ cycle, refresh, onStarted }) {
    if (!may('PLANNER')) {
        return null;
    }
    const { shown, place, close } = editorBlock(refresh);
    const context = { cycle, done: close, cancel: close };
    const writable = cycle && !cycle.archived;
    return h('div', { class: 'page-actions cycle-actions' },
             writable && cycle.status === 'PLANNING'
                 ? opener('Commit the plan', place, () => commitForm(context), { id: 'open-commit-plan' }) : null,
             writable && cycle.status === 'COMMITTED'
                 ? opener('Close the cycle', place, () => closeForm(context), { id: 'open-close-cycle' }) : null,
             opener('New cycle', place, () => startForm({ cancel: () => place.close(), done: answer => {
                 place.close();
                 onStarted(answer.id);
             } }), { id: 'open-new-cycle' }),
             shown);
}

export function startForm({ done, cancel }) {
    return writeForm({
        id: 'new-cycle', submit: 'Start the cycle', done, cancel,
        fields: [
            { name: 'name', label: 'Name', required: true, attributes: { maxlength: 200 } },
            { name: 'id', label: 'Id', required: true, help: 'lower case, digits and dashes, e.g. 2027-s1',
              attributes: { maxlength: 64, pattern: '[a-z0-9][a-z0-9-]*' } },
            { name: 'startDate', label: 'Starts', type: 'date', required: true },
            { name: 'endDate', label: 'Ends', type: 'date', required: true },
        ],
        request: values => ({ method: 'POST', path: '/api/cycles', body: {
            id: values.id, name: values.name, startDate: values.startDate, endDate: values.endDate } }),
    });
}

function commitForm({ cycle, done, cancel }) {
    return writeForm({
        id: 'commit-plan', submit: `Commit the plan of ${cycle.name}`, done, cancel,
        fields: [{ name: 'reason', label: 'Reason', type: 'textarea', attributes: { maxlength: 2000 } }],
        request: values => ({ method: 'POST', path: `${path(cycle)}/commit`,
                              body: values.reason ? { reason: values.reason } : {} }),
    });
}

/** The close, with the work it would leave unfinished listed first; then a reason is required, as the engine says. */
async function closeForm({ cycle, done, cancel }) {
    const unfinished = (await get(`${path(cycle)}/unfinished`)).initiatives;
    const form = writeForm({
        id: 'close-cycle', submit: `Close ${cycle.name}`, done, cancel,
        fields: [{ name: 'reason', label: 'Reason', type: 'textarea', required: unfinished.length > 0,
                   attributes: { maxlength: 2000 } }],
        request: values => ({ method: 'POST', path: `${path(cycle)}/close`,
                              body: values.reason ? { reason: values.reason } : {} }),
    });
    return h('div', { class: 'closing' },
             unfinished.length
                 ? [h('p', {}, `Closing leaves ${unfinished.length} committed initiative`
                                + `${unfinished.length === 1 ? '' : 's'} unfinished:`),
                    h('ul', { id: 'unfinished-before-close' }, unfinished.map(item => h('li', {},
                        h('a', { href: `#/history/initiative/${encodeURIComponent(item.initiativeId)}` }, item.title),
                        ` (${item.teamId}, ${words(item.status)}, `,
                        `${number(item.allocatedPersonWeeks)} person-weeks)`)))]
                 : h('p', {}, 'Every committed initiative is done or dropped: nothing is left unfinished.'),
             form);
}
