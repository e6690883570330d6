// "Try it": paste a text and see how the matcher reads it and what it hits. The original is shown with
// its hits highlighted (spans are code points of the original) and its invisible characters as badges,
// next to the normalised text; the legend names each hit's material, package, policy and severity, and
// whether it is a test hit. Asks again as the text changes, after a short pause.
import { useEffect, useRef, useState } from 'react';
import { useSession } from '../shared/session';
import { ErrorNote } from '../shared/ui';
import { HighlightedText, type Mark } from './HighlightedText';
import { TryLegend } from './TryLegend';
import { SURFACES, type TryHit, type TryResult } from './types';

const PAUSE_MS = 350;

interface TryRequest {
  text: string;
  language?: string;
  surface?: string;
  market?: string;
  package_id?: string;
}

export const hitTitle = (h: TryHit, n: number) =>
  `${n}. “${h.value}” — material #${h.material_id} (${h.kind}) in ${h.package_id} v${h.package_version} · policy ${h.policy_id} · severity ${h.severity} · ${h.test ? 'test hit, not acted on' : 'live hit'}`;

export function TryBox({ packageId }: { packageId?: string }) {
  const { api } = useSession();
  const [text, setText] = useState('');
  const [language, setLanguage] = useState('');
  const [surface, setSurface] = useState('');
  const [market, setMarket] = useState('');
  const [onlyPackage, setOnlyPackage] = useState(Boolean(packageId));
  const [result, setResult] = useState<{ request: TryRequest; answer: TryResult }>();
  const [error, setError] = useState<Error>();
  const [busy, setBusy] = useState(false);
  // Replies can arrive out of order; only the latest request's reply is shown.
  const latest = useRef(0);

  const request: TryRequest = {
    text,
    language: language.trim().toLowerCase() || undefined,
    surface: surface || undefined,
    market: market.trim().toUpperCase() || undefined,
    package_id: onlyPackage ? packageId : undefined,
  };
  const requestKey = JSON.stringify(request);

  useEffect(() => {
    if (!text) {
      latest.current++;
      setResult(undefined);
      setError(undefined);
      setBusy(false);
      return;
    }
    const mine = ++latest.current;
    const timer = setTimeout(() => {
      setBusy(true);
      const sent = JSON.parse(requestKey) as TryRequest;
      api.post<TryResult>('/v1/materials/try', sent).then(
        (answer) => {
          if (mine !== latest.current) return;
          setResult({ request: sent, answer });
          setError(undefined);
          setBusy(false);
        },
        (err: Error) => {
          if (mine !== latest.current) return;
          setError(err);
          setBusy(false);
        },
      );
    }, PAUSE_MS);
    return () => clearTimeout(timer);
  }, [api, requestKey, text]);

  const answer = result?.answer;
  const marks: Mark[] = (answer?.hits ?? []).map((h, i) => ({ start: h.start, end: h.end, test: h.test, label: String(i + 1), title: hitTitle(h, i + 1) }));
  return (
    <div className="try" data-testid="try-box">
      <div className="try-input">
        <label htmlFor="try-text" className="label">
          Text to check
        </label>
        <textarea
          id="try-text"
          data-testid="try-input"
          dir="auto"
          rows={5}
          value={text}
          placeholder="Paste a post, a comment, an ad or a bio…"
          onChange={(e) => setText(e.target.value)}
          spellCheck={false}
        />
        <div className="toolbar try-options">
          <label>
            Language <input className="input-short" value={language} placeholder="auto" onChange={(e) => setLanguage(e.target.value)} spellCheck={false} aria-label="Language" />
          </label>
          <label>
            Surface{' '}
            <select value={surface} onChange={(e) => setSurface(e.target.value)} aria-label="Surface">
              <option value="">any</option>
              {SURFACES.map((s) => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
            </select>
          </label>
          <label>
            Market <input className="input-short" value={market} placeholder="any" onChange={(e) => setMarket(e.target.value)} spellCheck={false} aria-label="Market" />
          </label>
          {packageId && (
            <label className="check">
              <input type="checkbox" checked={onlyPackage} onChange={(e) => setOnlyPackage(e.target.checked)} /> only this package
            </label>
          )}
          <span className="muted small" aria-live="polite">
            {busy ? 'checking…' : answer ? `${answer.hits.length} hit${answer.hits.length === 1 ? '' : 's'}, ${answer.hidden.length} hidden character${answer.hidden.length === 1 ? '' : 's'}` : ''}
          </span>
        </div>
      </div>
      <ErrorNote title="Not checked" error={error} />
      {answer && result && (
        <div className="try-result" aria-busy={busy}>
          <div className="try-blocks">
            <section>
              <h3 className="subhead">As written, with hits</h3>
              <HighlightedText text={result.request.text} marks={marks} hidden={answer.hidden} testId="try-original" className="text-block" />
            </section>
            <section>
              <h3 className="subhead">As the matcher reads it</h3>
              <div className="hl-text text-block normalised" dir="auto" data-testid="try-normalised">
                {answer.normalised}
              </div>
            </section>
          </div>
          {answer.hits.length > 0 ? <TryLegend hits={answer.hits} text={result.request.text} /> : <p className="empty">No material hits this text{result.request.package_id ? ' in this package' : ''}.</p>}
          {answer.hidden.length > 0 && (
            <p className="small muted" data-testid="try-hidden">
              Hidden characters (dropped before matching):{' '}
              {answer.hidden.map((h) => (
                <span key={h.index} className="chip">
                  #{h.index} {h.code_point} {h.name}
                </span>
              ))}
            </p>
          )}
        </div>
      )}
      <p className="muted small">Checks the materials in effect now, testing ones included (their hits are marked test). To see what a draft would have hit on stored content, use Preview on its form.</p>
    </div>
  );
}
