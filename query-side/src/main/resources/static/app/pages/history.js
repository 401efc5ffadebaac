// The decision history of an initiative, objective, cycle or team, headed by its name: every event, who, when,
// why, and what changed.
import { get } from '../api.js';
import { h, instant, section, words } from '../ui.js';

/** Each kind's collection, and what of its own read names it. */
const KINDS = { initiative: ['initiatives', 'title'], objective: ['objectives', 'title'], cycle: ['cycles', 'name'],
                team: ['teams', 'name'] };

export async function render({ kind, id, signal }) {
    if (!KINDS[kind]) {
        throw new Error(`there is no history of a ${kind}`);
    }
    const [collection, field] = KINDS[kind];
    const path = `/api/${collection}/${encodeURIComponent(id)}`;
    const [answer, name] = await Promise.all([
        get(`${path}/history`, { signal }),
        get(path, { signal }).then(item => item[field], failure => {
            if (failure.name === 'AbortError') {
                throw failure;
            }
            return null;
        })]);
    return section(h('span', {}, `Decision history of ${kind} `, h('span', { id: 'history-of' }, name ?? id),
                     name ? h('span', { class: 'muted' }, ` (${id})`) : null),
                   h('p', {}, h('button', { type: 'button', onclick: () => window.history.back() }, '← Back')),
                   h('div', { class: 'scroll' }, h('table', { id: 'history-table' },
                       h('thead', {}, h('tr', {}, ['#', 'When', 'Who', 'What', 'Why', 'Before', 'After'].map(title =>
                           h('th', { scope: 'col' }, title)))),
                       h('tbody', {}, answer.events.map(event => h('tr', {},
                           h('td', { class: 'number' }, event.sequence),
                           h('td', {}, instant(event.at)),
                           h('td', {}, event.actor),
                           h('td', {}, words(event.type.replace(/([a-z])([A-Z])/g, '$1_$2'))),
                           h('td', {}, event.reason ? h('q', {}, event.reason) : h('span', { class: 'muted' }, '–')),
                           h('td', {}, values(event.before)),
                           h('td', {}, values(event.after))))))));
}

function values(object) {
    if (!object) {
        return h('span', { class: 'muted' }, '–');
    }
    return h('dl', { class: 'values' }, Object.entries(object).flatMap(([name, value]) =>
        [h('dt', {}, name), h('dd', {}, typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value))]));
}
