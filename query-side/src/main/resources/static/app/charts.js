// Charts drawn as SVG: stacked bars, progress bars, sparklines. Each carries a text alternative.
import { h, words } from './ui.js';

export const CATEGORY_COLOURS = { NEW_INITIATIVE: '#3b6fd8', KTLO: '#d98b2b', TEAM_INITIATIVE: '#4a9e6b' };

/**
 * A team's (or the organisation's) plan as a bar of its person-weeks by category (these, which may be a change not
 * yet made), with its buckets' targets and tolerance bands. Stack order follows the buckets, so each target sits
 * where its bucket ends if it is on target.
 */
export function planBar(plan, byCategory, label) {
    const capacity = Number(plan.capacityPersonWeeks);
    const parts = plan.buckets.flatMap(bucket => bucket.categories).map(category => ({
        value: Number(byCategory[category] || 0), colour: CATEGORY_COLOURS[category],
        label: words(category) }));
    let cumulative = 0;
    const markers = plan.buckets.slice(0, -1).map(bucket => {
        cumulative += bucket.targetShare;
        return { at: capacity * cumulative / 100, band: capacity * bucket.tolerance / 100,
                 label: `${bucket.name}: target ${bucket.targetShare}% ± ${bucket.tolerance}` };
    });
    return stackedBar(parts, capacity, markers, label);
}

/**
 * A horizontal bar of the parts (value, colour, label) against a whole, with markers (at a value, labelled)
 * for the policy's targets, and a band around each for its tolerance.
 */
export function stackedBar(parts, whole, markers = [], label = '') {
    const width = 100;
    const scale = whole > 0 ? width / whole : 0;
    let x = 0;
    const rects = parts.filter(part => part.value > 0).map(part => {
        const rect = h('svg:rect', { x: x, y: 2, width: part.value * scale, height: 16, fill: part.colour },
                       h('svg:title', {}, `${part.label}: ${part.value}`));
        x += part.value * scale;
        return rect;
    });
    const ticks = markers.map(marker => [
        marker.band ? h('svg:rect', { x: Math.max(0, (marker.at - marker.band) * scale), y: 0,
                                      width: Math.min(width, 2 * marker.band * scale), height: 20,
                                      class: 'band' }) : null,
        h('svg:line', { x1: marker.at * scale, x2: marker.at * scale, y1: 0, y2: 20, class: 'target' },
          h('svg:title', {}, marker.label))]);
    return h('svg:svg', { viewBox: `0 0 ${width} 20`, preserveAspectRatio: 'none', class: 'bar', role: 'img',
                          'aria-label': label },
             h('svg:rect', { x: 0, y: 2, width: width, height: 16, class: 'whole' }), rects, ticks);
}

/** A 0–1 progress as a bar, with the percentage beside it. */
export function progressBar(fraction, label) {
    const value = fraction === null || fraction === undefined ? 0 : Math.max(0, Math.min(1, Number(fraction)));
    return h('span', { class: 'progress' },
             h('progress', { max: 1, value: value, 'aria-label': label }),
             h('span', { class: 'progress-value' },
               fraction === null || fraction === undefined ? '–' : `${Math.round(value * 100)}%`));
}

/**
 * The values (0–1) as a small line; one point is a dot. With the instants of the values (in order), each point
 * sits where its instant falls between the first and the last; without them, or when all are the same, evenly.
 */
export function sparkline(values, label, instants = null) {
    if (!values.length) {
        return h('span', { class: 'muted' }, 'no check-ins yet');
    }
    const width = 80, height = 20;
    const times = instants ? instants.map(at => Date.parse(at)) : [];
    const span = times.length === values.length ? times[times.length - 1] - times[0] : 0;
    const x = i => span > 0 ? (times[i] - times[0]) / span * width
                            : values.length > 1 ? i * width / (values.length - 1) : 0;
    const points = values.map((value, i) => `${x(i).toFixed(1)},${(height - 2 - value * (height - 4)).toFixed(1)}`);
    return h('svg:svg', { viewBox: `0 0 ${width} ${height}`, class: 'sparkline', role: 'img', 'aria-label': label },
             values.length > 1 ? h('svg:polyline', { points: points.join(' ') })
                               : h('svg:circle', { cx: 0, cy: points[0].split(',')[1], r: 2 }));
}
