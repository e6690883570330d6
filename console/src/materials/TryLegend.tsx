// The hits of a tried text, numbered as the highlights are: which material, in which package and version,
// for which policy and how severe, test or live, and the exact characters it covered.
import { Link } from 'react-router';
import { materialPath } from './access';
import { HighlightedText } from './HighlightedText';
import { HitTone } from './StatusBadge';
import { spanText } from './text';
import { KIND_LABELS, type TryHit } from './types';

export function TryLegend({ hits, text }: { hits: TryHit[]; text: string }) {
  return (
    <table className="table try-legend" data-testid="try-hits">
      <thead>
        <tr>
          <th className="num">#</th>
          <th />
          <th>Material</th>
          <th>Package</th>
          <th>Policy</th>
          <th className="num">Severity</th>
          <th>Matched (characters)</th>
        </tr>
      </thead>
      <tbody>
        {hits.map((h, i) => (
          <tr key={`${h.material_id}:${h.start ?? ''}:${i}`} data-material-id={h.material_id} data-test-hit={h.test}>
            <td className="num">
              <span className="hl-label">{i + 1}</span>
            </td>
            <td>
              <HitTone test={h.test} />
            </td>
            <td>
              <Link to={materialPath(h.package_id, h.material_id)}>#{h.material_id}</Link> <span className="muted">{KIND_LABELS[h.kind] ?? h.kind}</span> <bdi dir="auto">{h.value}</bdi>
            </td>
            <td>
              <Link to={`/materials/${encodeURIComponent(h.package_id)}`}>{h.package_id}</Link> <span className="muted">v{h.package_version}</span>
            </td>
            <td>
              <code>{h.policy_id}</code>
            </td>
            <td className="num">
              <span className={`tier tier-${h.severity}`}>{h.severity}</span>
            </td>
            <td>
              {h.start !== undefined && h.end !== undefined ? (
                <>
                  <HighlightedText text={spanText(text, h.start, h.end)} inline className="matched" />{' '}
                  <span className="muted small">
                    {h.start}–{h.end}
                  </span>
                </>
              ) : (
                <span className="muted">{h.matched ?? (h.distance !== undefined ? `distance ${h.distance}` : '—')}</span>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
