// Decisions per hour over the last 24 hours in a table cell: applied (live and rollout) as a line over
// shadow decisions drawn lighter, so a candidate's activity shows beside what is enforced.
import { Area, ComposedChart, Line, Tooltip, XAxis, YAxis } from 'recharts';
import type { StrategyActivity } from './types';

export function Sparkline({ activity, width = 132, height = 30 }: { activity: StrategyActivity | null; width?: number; height?: number }) {
  const hourly = activity?.hourly ?? { applied: Array(24).fill(0), shadow: Array(24).fill(0) };
  const data = hourly.applied.map((applied, i) => ({ h: i - 23, applied, shadow: hourly.shadow[i] ?? 0 }));
  return (
    <div className="sparkline" data-testid="sparkline">
      <ComposedChart width={width} height={height} data={data} margin={{ top: 2, right: 1, bottom: 2, left: 1 }}>
        <XAxis dataKey="h" hide />
        <YAxis hide domain={[0, (max: number) => Math.max(1, max)]} />
        <Tooltip
          cursor={false}
          wrapperStyle={{ zIndex: 5 }}
          contentStyle={{ fontSize: 11, padding: '2px 6px' }}
          labelFormatter={(h) => (Number(h) === 0 ? 'this hour' : `${-Number(h)} h ago`)}
        />
        <Area type="monotone" dataKey="shadow" name="shadow" stroke="#98a2b3" fill="#eaecf0" strokeWidth={1} isAnimationActive={false} dot={false} />
        <Line type="monotone" dataKey="applied" name="applied" stroke="#2454d6" strokeWidth={1.5} isAnimationActive={false} dot={false} />
      </ComposedChart>
    </div>
  );
}
