// A material's value as an analyst reads it: words isolated in <bdi> (an Arabic term must not reorder the
// table cell around it), proximity as "a … b within n words", patterns as code, hashes shortened.
import { shortHash } from './text';
import type { Material, MaterialInput } from './types';

export function MaterialValue({ material, full }: { material: Pick<Material, 'kind' | 'value'> & Partial<Pick<MaterialInput, 'near' | 'within'>>; full?: boolean }) {
  const { kind, value } = material;
  if (kind === 'proximity') {
    return (
      <span className="mvalue">
        <bdi>{value}</bdi> <span className="muted">near</span> <bdi>{material.near ?? '?'}</bdi>{' '}
        <span className="muted">within {material.within ?? 5} words</span>
      </span>
    );
  }
  if (kind === 'pattern') return <code className="mvalue">{value}</code>;
  if (kind === 'file_hash' || kind === 'image_hash' || kind === 'video_hash') {
    if (full) return <code className="mvalue hash-full">{value}</code>;
    const frames = kind === 'video_hash' ? value.split(',').length : 0;
    return (
      <code className="mvalue" title={value}>
        {shortHash(value.split(',')[0])}
        {frames > 1 && <span className="muted"> +{frames - 1} frames</span>}
      </code>
    );
  }
  return (
    <bdi className="mvalue" dir="auto">
      {value}
    </bdi>
  );
}
