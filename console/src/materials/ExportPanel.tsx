// Export a package as CSV or JSON, in the shapes import reads back. The file is fetched with the API key and
// handed to the browser as a download: a plain link could not send the Authorization header.
import { useState } from 'react';
import { seg } from '../shared/api';
import { useSession } from '../shared/session';
import { ErrorNote, Panel } from '../shared/ui';

export function ExportPanel({ packageId, count }: { packageId: string; count: number }) {
  const { api } = useSession();
  const [busy, setBusy] = useState<string>();
  const [error, setError] = useState<Error>();

  async function download(format: 'csv' | 'json') {
    setBusy(format);
    setError(undefined);
    try {
      const blob = await api.blob(`/v1/packages/${seg(packageId)}/export?format=${format}`);
      const url = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = `${packageId}.${format}`;
      document.body.appendChild(a);
      a.click();
      a.remove();
      // Revoked after the click has been handled: revoking at once can cancel the download.
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (err) {
      setError(err as Error);
    } finally {
      setBusy(undefined);
    }
  }

  return (
    <Panel title="Export">
      <p className="muted">All {count} materials, retired ones included (their status says so). An edited export imports back with merge; only real edits change anything.</p>
      <div className="form-actions">
        {(['csv', 'json'] as const).map((f) => (
          <button key={f} type="button" className="btn" disabled={busy !== undefined} onClick={() => void download(f)} data-testid={`export-${f}`}>
            {busy === f ? 'Preparing…' : `Download ${f.toUpperCase()}`}
          </button>
        ))}
      </div>
      <ErrorNote title="Not exported" error={error} />
    </Panel>
  );
}
