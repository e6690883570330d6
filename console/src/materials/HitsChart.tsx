// Hits per hour or day, live and test stacked: a testing material's bars show what it would act on once active.
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { HitCount } from './types';

const pad = (n: number) => String(n).padStart(2, '0');

/** Local time of a bucket start: "05-14 13h" for hours, "05-14" for days. */
function bucketLabel(iso: string, bucket: 'hour' | 'day'): string {
  const d = new Date(iso);
  const day = `${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
  return bucket === 'day' ? day : `${day} ${pad(d.getHours())}h`;
}

export function HitsChart({ rows, bucket }: { rows: HitCount[]; bucket: 'hour' | 'day' }) {
  const data = rows.map((r) => ({ ...r, label: bucketLabel(r.at, bucket) }));
  return (
    <div className="chart chart-small" data-testid="hits-chart">
      <ResponsiveContainer width="100%" height={200}>
        <BarChart data={data} margin={{ top: 8, right: 24, bottom: 0, left: -16 }} barCategoryGap={1}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#e5e7eb" />
          <XAxis dataKey="label" interval={bucket === 'hour' ? 23 : 0} tick={{ fontSize: 11 }} tickLine={false} />
          <YAxis allowDecimals={false} tick={{ fontSize: 11 }} tickLine={false} axisLine={false} />
          <Tooltip cursor={{ fill: 'rgba(0,0,0,0.04)' }} contentStyle={{ fontSize: 12 }} />
          <Legend wrapperStyle={{ fontSize: 12 }} iconSize={10} />
          <Bar dataKey="live" name="live" stackId="hits" fill="#c0262d" isAnimationActive={false} />
          <Bar dataKey="test" name="test (not acted on)" stackId="hits" fill="#e0a526" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
