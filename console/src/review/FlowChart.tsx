// Tasks raised and decided per hour over the last day (and how many of the decided met their SLA).
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatMinute } from '../shared/format';
import type { FlowHour } from './types';

export function FlowChart({ hours }: { hours: FlowHour[] }) {
  const rows = hours.map((h) => ({ label: formatMinute(h.hour), raised: h.raised, decided: h.decided, 'within SLA': h.sla_met }));
  return (
    <div className="chart" data-testid="flow-chart">
      <ResponsiveContainer width="100%" height={240}>
        <BarChart data={rows} margin={{ top: 8, right: 8, bottom: 0, left: -16 }} barCategoryGap={3}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#e5e7eb" />
          <XAxis dataKey="label" interval={2} tick={{ fontSize: 11 }} tickLine={false} />
          <YAxis allowDecimals={false} tick={{ fontSize: 11 }} tickLine={false} axisLine={false} />
          <Tooltip cursor={{ fill: 'rgba(0,0,0,0.04)' }} contentStyle={{ fontSize: 12 }} />
          <Legend wrapperStyle={{ fontSize: 12 }} iconSize={10} />
          <Bar dataKey="raised" fill="#f59e0b" isAnimationActive={false} />
          <Bar dataKey="decided" fill="#2454d6" isAnimationActive={false} />
          <Bar dataKey="within SLA" fill="#16a34a" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
