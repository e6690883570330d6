// Where a package applies, in one line: surfaces, markets and languages, each "all" when the list is empty
// ("everywhere" when all three are).
import type { PackageScope } from './types';

function Part({ label, values }: { label: string; values: string[] }) {
  return (
    <span className="scope-part">
      <span className="muted">{label}</span> {values.length ? values.map((v) => <span key={v} className="chip">{v}</span>) : <span className="muted">all</span>}
    </span>
  );
}

export function ScopeSummary({ scope }: { scope: PackageScope }) {
  if (!scope.surfaces.length && !scope.markets.length && !scope.languages.length) return <span className="muted">everywhere</span>;
  return (
    <span className="scope">
      <Part label="surfaces" values={scope.surfaces} />
      <Part label="markets" values={scope.markets} />
      <Part label="languages" values={scope.languages} />
    </span>
  );
}
