// Charts drawn as SVG: stacked bars, progress bars, sparklines; and charts over time drawn by uPlot (vendored, see
// vendor/uplot/README.md). Each carries a text alternative.
import uPlot from './vendor/uplot/uPlot.esm.js';
import { h, words } from './ui.js';

export const CATEGORY_COLOURS = { NEW_INITIATIVE: '#3b6fd8', KTLO: '#d98b2b', TEAM_INITIATIVE: '#4a9e6b' };
/** Series told apart by colour, in this order; each is also named in its chart's legend and table. */
export const SERIES_COLOURS = ['#3b6fd8', '#d98b2b', '#4a9e6b', '#b3261e', '#8e5cc2', '#00838f', '#c2185b',
                               '#6d7f1f', '#795548', '#1d2430', '#e67e22', '#7986cb'];
/** A guardrail override: the policy's flag colour for over. */
export const OVERRIDE_COLOUR = '#b3261e';
export const TARGET_COLOUR = '#1d2430';
export const BASELINE_COLOUR = '#8a93a3';
/** The line of measured values, and the shading of the confidence they were given (the more, the darker). */
export const MEASURED_COLOUR = '#2f5fc4';
export const CONFIDENCE_SHADE = confidence => `rgba(47, 95, 196, ${(0.08 + 0.32 * Number(confidence)).toFixed(3)})`;

/** A bucket's colour: its category's when it holds one, else one of the series' colours. */
export function bucketColour(bucket, index) {
    return bucket.categories?.length === 1 && CATEGORY_COLOURS[bucket.categories[0]]
           || SERIES_COLOURS[(index + 4) % SERIES_COLOURS.length];
}

export const seriesColour = index => SERIES_COLOURS[index % SERIES_COLOURS.length];

let uPlotStyled = false;

/**
 * A uPlot chart of the options (without width and height) and data, drawn once its element is on the page and
 * as wide as it is, and again when that width changes; gone with its element. The element's {@code chart} is the
 * uPlot, {@code data} what it draws (for the tests, and whoever wants the numbers). Label it: a canvas says nothing.
 */
export function timeChart(options, data, { height = 300, label, id = null, className = 'chart' } = {}) {
    if (!uPlotStyled) {
        uPlotStyled = true;
        document.head.append(h('link', { rel: 'stylesheet',
                                         href: new URL('./vendor/uplot/uPlot.min.css', import.meta.url).href }));
    }
    const element = h('div', { class: className, id, role: 'img', 'aria-label': label });
    element.data = data;
    const sized = new ResizeObserver(() => {
        if (!element.isConnected) {
            sized.disconnect();
            element.chart?.destroy();
            return;
        }
        const width = Math.floor(element.clientWidth);
        if (width <= 0) {
            return;
        }
        if (!element.chart) {
            element.chart = new uPlot({ ...options, width, height }, data, element);
            element.dataset.drawn = 'true';
        } else if (element.chart.width !== width) {
            element.chart.setSize({ width, height });
        }
    });
    sized.observe(element);
    return element;
}

/** Lines that hold their value until the next point: a rank or a capacity holds until the next decision. */
export const steps = () => uPlot.paths.stepped({ align: 1 });

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
