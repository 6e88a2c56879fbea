// The aging buckets of one currency as an SVG bar chart; each bar links to the invoices it counts.
import type { KeyboardEvent, MouseEvent } from 'react';
import type { AgingLine } from '../app/types.ts';
import { money } from '../app/format.ts';
import { navigate } from '../app/router.tsx';
import { useT } from '../i18n/index.tsx';
import { BUCKETS, invoicesLink } from './buckets.ts';

const W = 640;
const H = 260;
const PAD = { top: 28, bottom: 44, left: 8, right: 8 };
const COLORS = ['#3f8f5b', '#d9a400', '#e07b00', '#d4561e', '#b8322a', '#7d1f2c'];

export function AgingChart({ line }: { line: AgingLine }) {
  const { t, locale } = useT();
  const values = BUCKETS.map((b) => line[b.key]);
  const max = Math.max(1, ...values);
  const slot = (W - PAD.left - PAD.right) / BUCKETS.length;
  const plot = H - PAD.top - PAD.bottom;
  const go = (href: string) => (e: MouseEvent | KeyboardEvent) => {
    if ('key' in e && e.key !== 'Enter') return;
    e.preventDefault();
    navigate(href);
  };
  return (
    <svg viewBox={`0 0 ${W} ${H}`} className="chart" role="img" aria-labelledby="aging-chart-title">
      <title id="aging-chart-title">{t('dashboard.agingChart', { currency: line.currency })}</title>
      <line x1={PAD.left} x2={W - PAD.right} y1={H - PAD.bottom} y2={H - PAD.bottom} className="axis" />
      {BUCKETS.map((b, i) => {
        const v = values[i] ?? 0;
        const h = Math.max(v > 0 ? 2 : 0, (v / max) * plot);
        const x = PAD.left + i * slot + slot * 0.15;
        const w = slot * 0.7;
        const y = H - PAD.bottom - h;
        const label = t(`bucket.${b.key}`);
        const href = invoicesLink(line.currency, { dpdMin: b.dpdMin, dpdMax: b.dpdMax });
        const amount = money(v, line.currency, locale);
        return (
          <a key={b.key} href={href} onClick={go(href)} onKeyDown={go(href)} aria-label={`${label}: ${amount}`} className="bar">
            <title>{`${label}: ${amount}`}</title>
            <rect x={x} y={y} width={w} height={h} rx={3} fill={COLORS[i]} />
            <text x={x + w / 2} y={y - 8} textAnchor="middle" className="bar-value">{money(v, line.currency, locale, true)}</text>
            <text x={x + w / 2} y={H - PAD.bottom + 20} textAnchor="middle" className="bar-label">{label}</text>
          </a>
        );
      })}
    </svg>
  );
}
