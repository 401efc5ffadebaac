// The decision history of an initiative or objective: every event, who, when, why, and what changed.
import { get } from '../api.js';
import { h, instant, section, words } from '../ui.js';

const KINDS = { initiative: 'initiatives', objective: 'objectives' };

export async function render({ kind, id, signal }) {
    const collection = KINDS[kind];
    if (!collection) {
        throw new Error(`there is no history of a ${kind}`);
    }
    const answer = await get(`/api/${collection}/${encodeURIComponent(id)}/history`, { signal });
    return section(`Decision history of ${kind} ${id}`,
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
