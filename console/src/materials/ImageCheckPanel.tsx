// Upload an image (choose or drop a file) and see its PDQ hash, its quality and the banked hashes it
// matches with their Hamming distances. The image itself stays blurred until clicked, as media does
// elsewhere in the console (moderator wellbeing); it never leaves the browser except to be hashed.
import { useEffect, useState, type DragEvent } from 'react';
import { Link } from 'react-router';
import { ApiError } from '../shared/api';
import { formatCount } from '../shared/format';
import { useSession } from '../shared/session';
import { Empty, ErrorNote, Panel } from '../shared/ui';
import { materialPath, packagePath } from './access';
import { HitTone } from './StatusBadge';
import { shortHash } from './text';
import type { ImageCheck } from './types';

/** PDQ hashes under this quality are not matched by the server (too little structure to be reliable). */
const MIN_QUALITY = 50;

export function ImageCheckPanel({ packageId, canBank }: { packageId: string; canBank: boolean }) {
  const { api } = useSession();
  const [file, setFile] = useState<File>();
  const [result, setResult] = useState<ImageCheck>();
  const [error, setError] = useState<Error>();
  const [busy, setBusy] = useState(false);
  const [dragging, setDragging] = useState(false);

  async function check(f: File | undefined) {
    setFile(f);
    setResult(undefined);
    setError(undefined);
    if (!f) return;
    if (!f.type.startsWith('image/')) {
      setError(new Error(`${f.name} is not an image (${f.type || 'unknown type'}); choose a JPEG, PNG, WebP or GIF`));
      return;
    }
    setBusy(true);
    try {
      setResult(await api.postRaw<ImageCheck>('/v1/hashes/image', f, f.type));
    } catch (err) {
      setError(err instanceof ApiError ? err : new Error((err as Error).message));
    } finally {
      setBusy(false);
    }
  }

  function drop(e: DragEvent) {
    e.preventDefault();
    setDragging(false);
    void check(e.dataTransfer.files[0]);
  }

  const mine = result?.matches.filter((m) => m.package_id === packageId).length ?? 0;
  return (
    <Panel title="Hash an image">
      <div
        className={`dropzone${dragging ? ' dragging' : ''}`}
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={drop}
      >
        <label htmlFor="hash-image" className="label">
          Choose or drop an image
        </label>{' '}
        <input id="hash-image" type="file" accept="image/*" onChange={(e) => void check(e.target.files?.[0])} />
        <span className="muted small"> It is hashed with PDQ (and its 8 rotations and mirrorings) and compared with every image hash in effect.</span>
      </div>
      {busy && <p className="muted">Hashing…</p>}
      <ErrorNote title="Not hashed" error={error} />
      {result && file && (
        <div className="image-check" data-testid="image-check">
          <LocalImage file={file} />
          <div className="image-check-facts">
            <dl className="attrs">
              <div className="attr">
                <dt>PDQ</dt>
                <dd>
                  <code className="hash-full" data-testid="pdq-hash">
                    {result.pdq}
                  </code>
                </dd>
              </div>
              <div className="attr">
                <dt>quality</dt>
                <dd data-testid="pdq-quality">
                  {result.quality}
                  {result.quality < MIN_QUALITY && <span className="badge badge-warn">too low to match (under {MIN_QUALITY})</span>}
                </dd>
              </div>
              {result.sha256 && (
                <div className="attr">
                  <dt>SHA-256</dt>
                  <dd>
                    <code title={result.sha256}>{shortHash(result.sha256)}</code>
                  </dd>
                </div>
              )}
              <div className="attr">
                <dt>file</dt>
                <dd>
                  {file.name} · {file.type} · {formatCount(file.size)} bytes
                </dd>
              </div>
            </dl>
            {canBank && (
              <Link className="btn" to={`${packagePath(packageId, 'new')}?kind=image_hash&value=${result.pdq}`}>
                Bank this hash in {packageId}
              </Link>
            )}
          </div>
          <div className="image-check-matches">
            <h3 className="subhead">
              Matches <span className="muted">({result.matches.length}, {mine} in this package)</span>
            </h3>
            {result.matches.length === 0 ? (
              <Empty>No banked hash is within its distance of this image.</Empty>
            ) : (
              <table className="table" data-testid="hash-matches">
                <thead>
                  <tr>
                    <th className="num">Distance</th>
                    <th />
                    <th>Material</th>
                    <th>Package</th>
                    <th>Hash</th>
                    <th>Policy</th>
                  </tr>
                </thead>
                <tbody>
                  {result.matches.map((m) => (
                    <tr key={`${m.material_id}`} className={m.package_id === packageId ? 'selected' : undefined}>
                      <td className="num" data-testid="match-distance">
                        {m.distance}
                      </td>
                      <td>
                        <HitTone test={m.test} />
                      </td>
                      <td>
                        <Link to={materialPath(m.package_id, m.material_id)}>#{m.material_id}</Link>
                      </td>
                      <td>{m.package_id}</td>
                      <td>
                        <code title={m.value}>{shortHash(m.value)}</code>
                      </td>
                      <td>
                        <code>{m.policy_id}</code>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </div>
        </div>
      )}
    </Panel>
  );
}

/** The chosen image, blurred until clicked. */
function LocalImage({ file }: { file: File }) {
  const [url, setUrl] = useState<string>();
  const [revealed, setRevealed] = useState(false);
  useEffect(() => {
    const u = URL.createObjectURL(file);
    setUrl(u);
    setRevealed(false);
    return () => URL.revokeObjectURL(u);
  }, [file]);
  if (!url) return null;
  return (
    <figure className="media">
      <button type="button" className={`media-toggle ${revealed ? 'media-clear' : 'media-blurred'}`} aria-pressed={revealed} onClick={() => setRevealed((r) => !r)} aria-label={revealed ? 'Blur the image again' : 'Reveal the image'}>
        <img src={url} alt={`${file.name} (${revealed ? 'clear' : 'blurred'})`} className={revealed ? undefined : 'local-blur'} draggable={false} />
        {!revealed && <span className="media-hint">Click to reveal</span>}
      </button>
    </figure>
  );
}
