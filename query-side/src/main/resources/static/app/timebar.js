// The time slider of every cycle page: from the moment the cycle was started to now (or to its last event once
// closed). Moving it redraws the page as of that instant; "Now" goes back to the live page.
import { h } from './ui.js';

const STEPS = 1000;
const SETTLE_MS = 120;

/** The instants the slider spans, in milliseconds. */
export function span(cycle) {
    // Instants here have milliseconds, the engine's nanoseconds: one millisecond on, the cycle surely exists.
    const from = Date.parse(cycle.policyHistory[0].from) + 1;
    const to = cycle.status === 'CLOSED' ? Date.parse(cycle.lastEventAt) : Date.now();
    return { from, to: Math.max(to, from + 1000) };
}

export function timebar(container, { cycle, asOf, onChange }) {
    container.hidden = false;
    let slider = container.querySelector('input[type=range]');
    if (!slider || container.dataset.cycle !== cycle.id) {
        container.dataset.cycle = cycle.id;
        slider = h('input', { type: 'range', min: 0, max: STEPS, step: 1, id: 'as-of',
                              'aria-label': 'Show the cycle as of' });
        let settle = null;
        const chosen = () => {
            const { from, to } = span(cycle);
            const value = Number(slider.value);
            return value >= STEPS ? null : new Date(from + (to - from) * value / STEPS).toISOString();
        };
        slider.addEventListener('input', () => {
            label.textContent = describe(chosen());
            clearTimeout(settle);
            settle = setTimeout(() => onChange(chosen()), SETTLE_MS);
        });
        slider.addEventListener('change', () => {
            clearTimeout(settle);
            onChange(chosen());
        });
        const label = h('output', { for: 'as-of', id: 'as-of-label' });
        const now = h('button', { type: 'button', id: 'now', onclick: () => onChange(null) }, 'Now');
        const { from } = span(cycle);
        container.replaceChildren(
            h('span', { class: 'muted' }, new Date(from).toLocaleDateString()),
            slider,
            h('span', { class: 'muted' }, cycle.status === 'CLOSED' ? 'closed' : 'now'),
            label, now);
    }
    const { from, to } = span(cycle);
    if (document.activeElement !== slider) {
        slider.value = asOf ? Math.round((Date.parse(asOf) - from) / (to - from) * STEPS) : STEPS;
    }
    container.querySelector('#as-of-label').textContent = describe(asOf);
    container.querySelector('#now').disabled = !asOf;
    container.classList.toggle('travelling', Boolean(asOf));
}

function describe(asOf) {
    return asOf ? `As of ${new Date(asOf).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'medium' })}`
                : 'Live: follows new events';
}
